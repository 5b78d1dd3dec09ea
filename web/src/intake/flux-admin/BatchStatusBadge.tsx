import { Badge } from '@mantine/core';

/** The colours of the jobs' states (components/jobs), for the same words on the same page. */
const COLORS: Record<string, string> = { en_cours: 'blue', termine: 'teal', echec: 'red' };

/** The batch's status: outlined, its text in the darkest shade (contrast ≥ 4.5:1). */
export function BatchStatusBadge({ status, label }: { status: string; label: string }) {
  const color = COLORS[status] ?? 'gray';
  return (
    <Badge color={color} c={`${color}.9`} variant="outline" style={{ textTransform: 'none' }}>
      {label}
    </Badge>
  );
}
