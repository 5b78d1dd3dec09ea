import { Badge } from '@mantine/core';
import { STATUS_COLORS, STATUS_LABELS, type AmReturnStatus } from './api';

/** Delivery status of a return message. */
export function ReturnStatusBadge({ status }: { status: AmReturnStatus }) {
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light"
      style={{ textTransform: 'none', maxWidth: 'none', overflow: 'visible' }}
      styles={{ label: { overflow: 'visible', textOverflow: 'clip', whiteSpace: 'nowrap' } }}
    >
      {STATUS_LABELS[status] ?? status}
    </Badge>
  );
}
