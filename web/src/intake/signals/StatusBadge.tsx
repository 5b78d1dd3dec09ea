import { Badge } from '@mantine/core';

/** Badge colours with AA contrast in the light variant (see web/src/labels.ts). */
const STATUS_COLORS: Record<string, string> = {
  recue: 'blue',
  prise_en_charge: 'indigo',
  a_verifier: 'red',
  en_attente: 'violet',
  vpr_realisee: 'blue',
  refusee_salarie: 'gray',
  injoignable: 'grape',
};

/** The status of a declaration, fiche de liaison or saisine, as a readable badge. */
export function StatusBadge({ status, label, size = 'md' }: { status: string; label: string; size?: 'sm' | 'md' }) {
  return (
    <Badge color={STATUS_COLORS[status] ?? 'gray'} variant="light" size={size} style={{ textTransform: 'none', maxWidth: 'none', overflow: 'visible' }} styles={{ label: { overflow: 'visible', whiteSpace: 'nowrap' } }}>
      {label}
    </Badge>
  );
}
