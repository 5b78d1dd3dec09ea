import { Badge } from '@mantine/core';

const COLORS: Record<string, string> = { en_cours: 'blue', termine: 'green', echec: 'red' };

export function BatchStatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <Badge color={COLORS[status] ?? 'gray'} variant="light">
      {label}
    </Badge>
  );
}
