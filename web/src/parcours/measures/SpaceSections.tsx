import { Card, Stack, Table, Text, Title, VisuallyHidden, Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { API_BASE, api } from '../../api';
import { can, useSession } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../format';
import { MeasureStatusBadge } from './StatusBadge';

interface MyMeasure {
  id: string;
  label: string;
  explanation: string;
  status: string;
  statusLabel: string;
  startDate: string;
  endDate: string | null;
}

const period = (start: string, end: string | null) => (end ? `Du ${formatDate(start)} au ${formatDate(end)}` : `Depuis le ${formatDate(start)}`);

/** « Mes mesures » in the worker's carnet: the measures the cell shared with him, explained. */
export function CarnetMeasures() {
  const session = useSession();
  const allowed = can(session, 'worker.space');
  const query = useQuery({ queryKey: ['carnet-measures'], queryFn: ({ signal }) => api.get<{ items: MyMeasure[] }>('/carnet/measures', undefined, signal), enabled: allowed });
  if (!allowed) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-mes-mesures">
      <Stack gap="sm">
        <Title order={2} id="titre-mes-mesures" fz="h4">
          Mes mesures de maintien en emploi
        </Title>
        {query.isError && <ErrorAlert error={query.error} />}
        {query.data?.items.length === 0 && <Text size="sm">Aucune mesure ne vous a encore été proposée.</Text>}
        {query.data?.items.map((m) => (
          <Stack key={m.id} gap={2}>
            <Text fw={700}>
              {m.label} <MeasureStatusBadge status={m.status} label={m.statusLabel} />
            </Text>
            <Text size="sm">{period(m.startDate, m.endDate)}</Text>
            <Text size="sm" c="dimmed">
              {m.explanation}
            </Text>
          </Stack>
        ))}
        <Anchor href={`${API_BASE}/documents/livret-mesures.pdf`} download size="sm">
          Télécharger le livret sur les mesures de maintien en emploi (PDF)
        </Anchor>
      </Stack>
    </Card>
  );
}

interface EmployerMeasure {
  id: string;
  workerName: string;
  label: string;
  statusLabel: string;
  startDate: string;
  endDate: string | null;
  note: string | null;
}

/** In the employer's space: the measures that concern the company (never health data). */
export function EmployerMeasures() {
  const session = useSession();
  const allowed = can(session, 'employer.space');
  const query = useQuery({ queryKey: ['employer-measures'], queryFn: ({ signal }) => api.get<{ items: EmployerMeasure[] }>('/employer/measures', undefined, signal), enabled: allowed });
  if (!allowed) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-mesures-employeur">
      <Stack gap="sm">
        <Title order={2} id="titre-mesures-employeur" fz="h4">
          Mesures de maintien en emploi vous concernant
        </Title>
        {query.isError && <ErrorAlert error={query.error} />}
        {query.data?.items.length === 0 && <Text size="sm">Aucune mesure ne vous concerne pour le moment.</Text>}
        {query.data && query.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={600}>
            <Table striped>
              <Table.Caption>
                <VisuallyHidden>Mesures qui concernent votre entreprise</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Salarié</Table.Th>
                  <Table.Th>Mesure</Table.Th>
                  <Table.Th>Période</Table.Th>
                  <Table.Th>Statut</Table.Th>
                  <Table.Th>Précisions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{m.workerName}</Table.Td>
                    <Table.Td>{m.label}</Table.Td>
                    <Table.Td>{period(m.startDate, m.endDate)}</Table.Td>
                    <Table.Td>{m.statusLabel}</Table.Td>
                    <Table.Td>{m.note ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Anchor href={`${API_BASE}/documents/livret-mesures.pdf`} download size="sm">
          Livret d'information des salariés en arrêt de travail (PDF)
        </Anchor>
      </Stack>
    </Card>
  );
}
