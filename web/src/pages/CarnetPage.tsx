import { Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { spaces } from '@contract';
import { call } from '../client';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/PageTitle';
import { StateBadge } from '../components/StateBadge';
import { formatDate, formatDateTime } from '../format';
import { PartSections } from '../parts';

/** /carnet « Mon carnet »: the worker's dossiers and what was shared with him (phone first). */
export function CarnetPage() {
  usePageTitle('Mon carnet');
  const query = useQuery({
    queryKey: ['carnet'],
    queryFn: ({ signal }) => call(spaces.carnet, { signal }),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <Stack>
        <Title order={1}>Mon carnet</Title>
        <ErrorAlert error={query.error} />
      </Stack>
    );
  }
  const { worker, dossiers } = query.data;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Mon carnet</Title>
        <Text size="lg">{worker.displayName}</Text>
      </div>
      {dossiers.length === 0 ? (
        <Text>Vous n'avez pas de dossier auprès de la cellule de prévention.</Text>
      ) : (
        dossiers.map((d) => {
          const entries = [...d.entries].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
          return (
            <Card key={d.id} withBorder padding="md" component="section" aria-labelledby={`carnet-${d.id}`}>
              <Stack gap="sm">
                <Group gap="sm" justify="space-between" wrap="wrap">
                  <Title order={2} id={`carnet-${d.id}`} fz="h4">
                    Dossier {d.reference}
                  </Title>
                  <StateBadge state={d.state} label={d.stateLabel} />
                </Group>
                <Text size="sm">Ouvert le {formatDate(d.openedAt)}</Text>
                <Title order={3} fz="h5">
                  Ce que l'équipe a partagé avec vous
                </Title>
                {entries.length === 0 ? (
                  <Text size="sm">Rien n'a encore été partagé avec vous dans ce dossier.</Text>
                ) : (
                  <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
                    {entries.map((e) => (
                      <Paper component="li" key={e.id} withBorder p="sm">
                        {e.title && (
                          <Text fw={700} size="sm">
                            {e.title}
                          </Text>
                        )}
                        <Text size="sm" className="pre-wrap">
                          {e.body}
                        </Text>
                        <Text size="xs" c="dimmed" mt={4}>
                          {e.authorName ? `${e.authorName}, ` : ''}
                          {formatDateTime(e.createdAt)}
                        </Text>
                      </Paper>
                    ))}
                  </Stack>
                )}
              </Stack>
            </Card>
          );
        })
      )}
      <PartSections slot="CarnetSection" />
    </Stack>
  );
}
