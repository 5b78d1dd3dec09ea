import { Group, Loader, Text } from '@mantine/core';

/** A loading indicator announced to screen readers. */
export function Loading({ label = 'Chargement…' }: { label?: string }) {
  return (
    <Group gap="sm" role="status" aria-live="polite" py="md">
      <Loader size="sm" aria-hidden />
      <Text size="sm">{label}</Text>
    </Group>
  );
}
