import { Badge } from '@mantine/core';
import type { parcours } from '@contract';

/** Shades whose light variant keeps WCAG AA contrast with the theme (no yellow, teal, green). */
const COLORS: Readonly<Record<parcours.MeasureStatus, string>> = {
  proposee: 'gray',
  en_attente_accord: 'grape',
  accordee: 'indigo',
  en_cours: 'blue',
  terminee: 'violet',
  refusee: 'pink',
  abandonnee: 'gray',
};

/** Status of a measure (text always shown: colour is never the only cue). */
export function MeasureStatusBadge({ status, label }: { status: parcours.MeasureStatus; label: string }) {
  return (
    <Badge color={COLORS[status]} variant="light" style={{ textTransform: 'none' }}>
      {label}
    </Badge>
  );
}
