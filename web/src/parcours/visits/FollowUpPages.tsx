/** /suivi/perdus-de-vue (workers to re-contact) and /inaptitudes/revue (ex-post review list). */
import { Anchor, Stack, Table, Text, Title, Alert } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { parcours } from '@contract';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { formatDate } from '../../format';

export function LostPage() {
  usePageTitle('Perdus de vue à recontacter');
  const query = useQuery({ queryKey: ['follow-ups', 'lost'], queryFn: ({ signal }) => call(parcours.followUps.lost, { signal }) });
  return (
    <Stack gap="md">
      <Title order={1}>Perdus de vue à recontacter</Title>
      <Text>Salariés dont la dernière situation connue, à la sortie ou au suivi à 6 ou 12 mois, est « perdu de vue » (recommandation 20 du rapport IGAS).</Text>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && query.data.items.length === 0 && <Text>Personne à recontacter.</Text>}
      {query.data && query.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Salarié</Table.Th>
                <Table.Th>Contact</Table.Th>
                <Table.Th>Sortie</Table.Th>
                <Table.Th>Dernier suivi</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((r) => (
                <Table.Tr key={r.dossierId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/dossiers/${r.dossierId}`}>
                      {r.workerName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {r.reference} · {r.stateLabel}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.phone ?? '—'}</Text>
                    <Text size="xs">{r.email ?? ''}</Text>
                  </Table.Td>
                  <Table.Td>
                    {formatDate(r.exitedAt)} — {r.outcomeLabel}
                  </Table.Td>
                  <Table.Td>{r.lastFollowUp ? `À ${r.lastFollowUp} mois, le ${formatDate(r.lastFollowUpOn)}` : 'Aucun'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

export function ReviewPage() {
  usePageTitle('Revue des licenciements pour inaptitude');
  const query = useQuery({
    queryKey: ['inaptitudes', 'review'],
    queryFn: ({ signal }) => call(parcours.inaptitudes.review, { signal }),
  });
  return (
    <Stack gap="md">
      <Title order={1}>Revue des licenciements pour inaptitude</Title>
      <Text>
        Licenciements pour inaptitude de salariés dont l'indice de risque signé était élevé (niveau {query.data?.highIndexLevel ?? 2} ou plus) et pour lesquels la cellule n'avait pas été saisie avant
        l'avis d'inaptitude (rapport IGAS, § 255) : des situations à analyser pour améliorer le repérage.
      </Text>
      {query.data && !query.data.indexAvailable && (
        <Alert color="orange" variant="light">
          L'indice de risque n'est pas encore disponible : la liste reste vide.
        </Alert>
      )}
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && query.data.items.length === 0 && <Text>Aucune situation à revoir.</Text>}
      {query.data && query.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={700}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Salarié</Table.Th>
                <Table.Th>Entreprise</Table.Th>
                <Table.Th>Avis d'inaptitude</Table.Th>
                <Table.Th>Licenciement</Table.Th>
                <Table.Th>Niveau signé</Table.Th>
                <Table.Th>Première saisine</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/salaries/${r.workerId}`}>
                      {r.workerName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.companyName ?? '—'}</Table.Td>
                  <Table.Td>
                    {formatDate(r.avisDate)} ({r.dispenseReclassement ? 'avec' : 'sans'} dispense de reclassement ; {r.originLabel.toLowerCase()})
                  </Table.Td>
                  <Table.Td>{formatDate(r.dismissalDate)}</Table.Td>
                  <Table.Td>
                    {r.finalLevel} {r.levelSignedAt && `(signé le ${formatDate(r.levelSignedAt)})`}
                  </Table.Td>
                  <Table.Td>{r.firstDossierOpenedOn ? `${formatDate(r.firstDossierOpenedOn)} (après l'avis)` : 'Jamais'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
