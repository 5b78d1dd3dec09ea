import { Card, Stack, Table, Text, Title, VisuallyHidden, Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { parcours } from '@contract';
import { useSession } from '../../auth';
import { call, hrefOf, permitsWith } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../format';
import { MeasureStatusBadge } from './StatusBadge';

const period = (start: string, end: string | null) => (end ? `Du ${formatDate(start)} au ${formatDate(end)}` : `Depuis le ${formatDate(start)}`);

/** « Mes mesures » in the worker's carnet: the measures the cell shared with him, explained. */
export function CarnetMeasures() {
  const session = useSession();
  const allowed = permitsWith(session.capabilities, parcours.measures.mine.permission);
  const query = useQuery({ queryKey: ['my-measures'], queryFn: ({ signal }) => call(parcours.measures.mine, { signal }), enabled: allowed });
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
        <Anchor href={hrefOf(parcours.documents.leaflet)} download size="sm">
          Télécharger le livret sur les mesures de maintien en emploi (PDF)
        </Anchor>
      </Stack>
    </Card>
  );
}

/** In the employer's space: the measures that concern the company (never health data). */
export function EmployerMeasures() {
  const session = useSession();
  const allowed = permitsWith(session.capabilities, parcours.measures.employer.permission);
  const query = useQuery({ queryKey: ['employer-measures'], queryFn: ({ signal }) => call(parcours.measures.employer, { signal }), enabled: allowed });
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
        <Anchor href={hrefOf(parcours.documents.leaflet)} download size="sm">
          Livret d'information des salariés en arrêt de travail (PDF)
        </Anchor>
      </Stack>
    </Card>
  );
}
