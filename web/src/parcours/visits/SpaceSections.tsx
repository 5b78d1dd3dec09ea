/** Sections of the worker's carnet, the employer space and the partner space. */
import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { parcours } from '@contract';
import { can, useSession } from '../../auth';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';
import { MeetingsTable } from './MeetingsPage';

/** « Mes rendez-vous » in the worker's carnet: date, kind, place, professional — works on a phone. */
export function CarnetAppointments() {
  const session = useSession();
  const allowed = can(session, 'worker.space');
  const query = useQuery({ queryKey: ['visits', 'me'], queryFn: ({ signal }) => call(parcours.visits.mine, { signal }), enabled: allowed });
  if (!allowed) return null;
  const upcoming = (query.data?.items ?? []).filter((a) => a.upcoming);
  const past = (query.data?.items ?? []).filter((a) => !a.upcoming);
  return (
    <Card withBorder component="section" aria-labelledby="titre-mes-rdv">
      <Stack gap="xs">
        <Title order={2} fz="h4" id="titre-mes-rdv">
          Mes rendez-vous
        </Title>
        {query.isError && <ErrorAlert error={query.error} />}
        {query.data && upcoming.length === 0 && <Text size="sm">Aucun rendez-vous à venir.</Text>}
        {upcoming.map((a) => (
          <Text key={a.id} size="sm">
            <strong>{a.kindLabel}</strong> {formatDateTime(a.scheduledAt)}
            {a.place && `, ${a.place}`}
            {a.professionalName && ` — avec ${a.professionalName}`}
          </Text>
        ))}
        {past.length > 0 && (
          <details>
            <summary>Rendez-vous passés ({past.length})</summary>
            {past.map((a) => (
              <Text key={a.id} size="sm">
                {a.kindLabel} {formatDateTime(a.scheduledAt)} — {a.statusLabel.toLowerCase()}
              </Text>
            ))}
          </details>
        )}
      </Stack>
    </Card>
  );
}

/** Employer space: dates of the visits of his employees he may know of — never their content. */
export function EmployerVisits() {
  const session = useSession();
  const allowed = can(session, 'employer.space');
  const query = useQuery({ queryKey: ['visits', 'employer'], queryFn: ({ signal }) => call(parcours.visits.ofEmployer, { signal }), enabled: allowed });
  if (!allowed) return null;
  return (
    <Card withBorder component="section" aria-labelledby="titre-visites-employeur">
      <Stack gap="xs">
        <Title order={2} fz="h4" id="titre-visites-employeur">
          Visites de vos salariés
        </Title>
        <Text size="sm" c="dimmed">
          Dates des visites de reprise et de mi-carrière, des rendez-vous de liaison et des visites que vous avez demandées. Leur contenu est couvert par le secret médical.
        </Text>
        {query.isError && <ErrorAlert error={query.error} />}
        {query.data && query.data.items.length === 0 && <Text size="sm">Aucune visite.</Text>}
        {query.data && query.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={480}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Salarié</Table.Th>
                  <Table.Th>Visite</Table.Th>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Statut</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.workerName}</Table.Td>
                    <Table.Td>{a.kindLabel}</Table.Td>
                    <Table.Td>{formatDateTime(a.scheduledAt)}</Table.Td>
                    <Table.Td>{a.statusLabel}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

/** Partner space: the instances partenariales the agent is invited to. */
export function PartnerMeetings() {
  const session = useSession();
  const allowed = can(session, 'meeting.attend');
  const query = useQuery({ queryKey: ['meetings'], queryFn: ({ signal }) => call(parcours.meetings.list, { signal }), enabled: allowed });
  if (!allowed) return null;
  return (
    <Card withBorder component="section" aria-labelledby="titre-instances-partenaire">
      <Stack gap="xs">
        <Title order={2} fz="h4" id="titre-instances-partenaire">
          Instances partenariales
        </Title>
        {query.isError && <ErrorAlert error={query.error} />}
        {query.data && query.data.items.length === 0 && <Text size="sm">Vous n'êtes invité à aucune instance.</Text>}
        {query.data && query.data.items.length > 0 && <MeetingsTable items={query.data.items} />}
      </Stack>
    </Card>
  );
}
