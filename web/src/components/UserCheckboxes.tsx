import { Checkbox, SimpleGrid, Text } from '@mantine/core';
import type { StaffMember, WireOf } from '@contract';

/** « Intervenants »: one checkbox per professional of the service (name, with the role below). */
export function UserCheckboxes({
  users,
  value,
  onChange,
  error,
  label = 'Intervenants',
  description,
}: {
  users: readonly Pick<WireOf<typeof StaffMember>, 'id' | 'displayName' | 'roleLabel'>[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  label?: string;
  description?: string;
}) {
  return (
    <Checkbox.Group label={label} description={description} value={value} onChange={onChange} error={error}>
      {users.length === 0 ? (
        <Text size="sm" mt={6}>
          Aucun professionnel.
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" verticalSpacing="xs" mt={6}>
          {users.map((u) => (
            <Checkbox key={u.id} value={u.id} label={u.displayName} description={u.roleLabel} />
          ))}
        </SimpleGrid>
      )}
    </Checkbox.Group>
  );
}
