import { Badge } from '@mantine/core';
import { STATUS_COLORS } from './types';

/** The status of a declaration, fiche de liaison or saisine, as a readable badge. */
export function StatusBadge({ status, label, size = 'md' }: { status: string; label: string; size?: 'sm' | 'md' }) {
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light" size={size} style={{ textTransform: 'none', maxWidth: 'none', overflow: 'visible' }} styles={{ label: { overflow: 'visible', whiteSpace: 'nowrap' } }}>
      {label}
    </Badge>
  );
}
