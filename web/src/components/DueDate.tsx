import { Text } from '@mantine/core';
import { formatDate } from '../format';

/** Échéance: the date, in red with « en retard » when overdue. */
export function DueDate({ date, overdue, size = 'sm' }: { date: string | null | undefined; overdue?: boolean; size?: 'xs' | 'sm' | 'md' }) {
  if (!date) return <Text size={size} span>—</Text>;
  if (overdue) {
    return (
      <Text size={size} span className="overdue">
        {formatDate(date)} · en retard
      </Text>
    );
  }
  return (
    <Text size={size} span>
      {formatDate(date)}
    </Text>
  );
}
