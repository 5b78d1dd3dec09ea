import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { intake } from '@contract';
import { call } from '../../client';
import { can, useSession } from '../../auth';
import { DueDate } from '../../components/DueDate';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TaskActions } from './TaskActions';

/** « Tâches » on the dossier page: the dossier's open tasks, with the done action. */
export function DossierSection({ dossierId }: { dossierId: string }) {
  const session = useSession();
  const allowed = can(session, 'task.manage');
  const query = useQuery({
    queryKey: ['tasks', 'dossier', dossierId],
    queryFn: ({ signal }) => call(intake.tasks.ofDossier, { params: { id: dossierId }, signal }),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <Card withBorder component="section" aria-labelledby="dossier-taches">
      <Stack gap="sm">
        <Title order={2} size="h3" id="dossier-taches">
          Tâches
        </Title>
        {query.isError && <ErrorAlert error={query.error} />}
        {query.data && query.data.items.length === 0 && <Text size="sm">Aucune tâche ouverte.</Text>}
        {query.data?.items.map((t) => (
          <Group key={t.id} justify="space-between" wrap="wrap" gap="xs">
            <div>
              <Text size="sm" fw={500}>
                {t.title}
              </Text>
              <Text size="xs" c="dimmed">
                Échéance : <DueDate date={t.dueDate} overdue={t.overdue} size="xs" />
                {t.owner && ` · ${t.owner.displayName}`}
              </Text>
            </div>
            <TaskActions task={t} />
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
