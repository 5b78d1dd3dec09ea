import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = {
  proposee: 'gray',
  en_attente_accord: 'yellow',
  accordee: 'teal',
  en_cours: 'blue',
  terminee: 'green',
  refusee: 'red',
  abandonnee: 'gray',
};

/** Status of a measure (text always shown: colour is never the only cue). */
export function MeasureStatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="light" style={{ textTransform: 'none' }}>
      {label}
    </Badge>
  );
}
