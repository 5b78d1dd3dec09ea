import { Card, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { spaces } from '@contract';
import { call } from '../client';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/PageTitle';
import { formatDate, formatSiret, plural } from '../format';
import { PartSections } from '../parts';

/** /employeur: the company, its workers followed by the service, and the recommendations. Nothing else. */
export function EmployerPage() {
  usePageTitle('Espace employeur');
  const query = useQuery({
    queryKey: ['employer-space'],
    queryFn: ({ signal }) => call(spaces.employer, { signal }),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <Stack>
        <Title order={1}>Espace employeur</Title>
        <ErrorAlert error={query.error} />
      </Stack>
    );
  }
  const { company, workers, recommendations } = query.data;
  const sorted = [...recommendations].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Espace employeur</Title>
        <Text size="lg" fw={600}>
          {company.name}
        </Text>
        {company.siret && <Text size="sm">SIRET {formatSiret(company.siret)}</Text>}
      </div>

      <Card withBorder padding="lg" component="section" aria-labelledby="titre-recommandations">
        <Title order={2} id="titre-recommandations" fz="h4" mb="sm">
          Recommandations
        </Title>
        {sorted.length === 0 ? (
          <Text size="sm">Aucune recommandation pour le moment.</Text>
        ) : (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {sorted.map((r) => (
              <Paper component="li" key={r.id} withBorder p="sm">
                <Text fw={700} size="sm">
                  {r.title ?? 'Recommandation'} · {r.workerName}
                </Text>
                <Text size="sm" className="pre-wrap">
                  {r.body}
                </Text>
                <Text size="xs" c="dimmed" mt={4}>
                  Transmise le {formatDate(r.createdAt)}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
      </Card>

      <Card withBorder padding="lg" component="section" aria-labelledby="titre-salaries">
        <Title order={2} id="titre-salaries" fz="h4" mb="sm">
          Salariés
        </Title>
        <Text size="sm" mb="sm">
          {plural(workers.length, 'salarié suivi', 'salariés suivis')} par la cellule de prévention.
        </Text>
        {workers.length > 0 && (
          <Table.ScrollContainer minWidth={400}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>
                <VisuallyHidden>Salariés de {company.name} suivis par la cellule</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Nom</Table.Th>
                  <Table.Th>Poste</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {workers.map((w) => (
                  <Table.Tr key={w.id}>
                    <Table.Td>{w.displayName}</Table.Td>
                    <Table.Td>{w.jobTitle}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <PartSections slot="EmployerSection" />
    </Stack>
  );
}
