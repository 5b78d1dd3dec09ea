import { Badge } from '@mantine/core';

/** Shades whose light variant keeps WCAG AA contrast with the theme (no yellow, teal, green). */
const COLORS: Record<string, string> = {
  proposee: 'gray',
  en_attente_accord: 'grape',
  accordee: 'indigo',
  en_cours: 'blue',
  terminee: 'violet',
  refusee: 'pink',
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
