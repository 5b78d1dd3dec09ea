import { Badge } from '@mantine/core';
import { STATE_COLORS, stateLabel } from '../labels';

export function StateBadge({ state, label, size = 'md' }: { state: string; label?: string | null; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge color={STATE_COLORS[state] ?? 'gray'} variant="light" size={size} style={{ textTransform: 'none', maxWidth: 'none', overflow: 'visible' }}
      styles={{ label: { overflow: 'visible', textOverflow: 'clip', whiteSpace: 'nowrap' } }}
    >
      {stateLabel(state, label)}
    </Badge>
  );
}
