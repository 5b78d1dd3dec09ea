/** /visites/agenda « Agenda des visites »: the planned visits of the cell, by day, filterable by professional. */
import { Anchor, Badge, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { parcours, type WireOf } from '@contract';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { useUrlParams } from '../../components/useUrlParams';
import { useServiceUsers } from '../../pages/DossiersPage';
import { formatDate, formatTime } from '../../format';

type AgendaVisit = WireOf<typeof parcours.AgendaVisit>;

const PERIODS = [
  { value: '7', label: '7 jours' },
  { value: '14', label: '14 jours' },
  { value: '31', label: '31 jours' },
  { value: '92', label: '3 mois' },
];

export function AgendaPage() {
  usePageTitle('Agenda des visites');
  const { get, update } = useUrlParams();
  const days = PERIODS.some((p) => p.value === get('days')) ? get('days') : '14';
  const pro = get('pro');
  const users = useServiceUsers();
  const query = useQuery({
    queryKey: ['visits', 'agenda', { days, pro }],
    queryFn: ({ signal }) => call(parcours.visits.agenda, { query: { days: Number(days), professionalUserId: pro || undefined }, signal }),
  });
  const byDay = new Map<string, AgendaVisit[]>();
  for (const v of query.data?.items ?? []) {
    const d = formatDate(v.scheduledAt);
    byDay.set(d, [...(byDay.get(d) ?? []), v]);
  }
  return (
    <Stack gap="md">
      <Title order={1}>Agenda des visites</Title>
      <Group align="flex-end">
        <NativeSelect label="Période" value={days} onChange={(e) => update({ days: e.currentTarget.value })} data={PERIODS} />
        <NativeSelect
          label="Professionnel"
          value={pro}
          onChange={(e) => update({ pro: e.currentTarget.value })}
          data={[{ value: '', label: 'Tous' }, ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))]}
        />
      </Group>
      {query.isPending && <Loading label="Chargement de l'agenda…" />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && query.data.items.length === 0 && <Text>Aucune visite planifiée sur la période.</Text>}
      {[...byDay.entries()].map(([d, visits]) => (
        <section key={d} aria-label={`Visites du ${d}`}>
          <Title order={2} fz="h4" mb="xs">
            {d}
          </Title>
          <Table.ScrollContainer minWidth={600}>
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Heure</Table.Th>
                  <Table.Th>Visite</Table.Th>
                  <Table.Th>Salarié et dossier</Table.Th>
                  <Table.Th>Professionnel</Table.Th>
                  <Table.Th>Lieu</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {visits.map((v) => (
                  <Table.Tr key={v.id}>
                    <Table.Td>{formatTime(v.scheduledAt)}</Table.Td>
                    <Table.Td>
                      {v.kindLabel}
                      {v.reprise?.late && (
                        <Badge ml="xs" color="red" variant="light">
                          En retard
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/dossiers/${v.dossierId}`}>
                        {v.workerName}
                      </Anchor>{' '}
                      <Text span size="xs" c="dimmed">
                        {v.dossierReference}
                      </Text>
                    </Table.Td>
                    <Table.Td>{v.professional?.displayName ?? 'À désigner'}</Table.Td>
                    <Table.Td>{v.place}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </section>
      ))}
    </Stack>
  );
}
