import { Badge } from '@mantine/core';
import { intake } from '@contract';
import { STATUS_COLORS } from './api';

/** Delivery status of a return message. */
export function ReturnStatusBadge({ status }: { status: intake.AmReturnStatus }) {
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light"
      style={{ textTransform: 'none', maxWidth: 'none', overflow: 'visible' }}
      styles={{ label: { overflow: 'visible', textOverflow: 'clip', whiteSpace: 'nowrap' } }}
    >
      {intake.AM_RETURN_STATUS_LABELS[status] ?? status}
    </Badge>
  );
}
