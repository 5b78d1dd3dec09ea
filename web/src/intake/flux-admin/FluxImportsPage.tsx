/** « Imports du flux »: every batch of the AM flux, newest first, with its counts. */
import { Link } from 'react-router';
import { Anchor, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { intake } from '@contract';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { useUrlParams } from '../../components/useUrlParams';
import { formatDate, formatDateTimeShort, formatNumber, plural } from '../../format';
import { BatchStatusBadge } from './BatchStatusBadge';
import { Pager } from '../../components/Pager';

export function FluxImportsPage() {
  usePageTitle('Imports du flux');
  const { get, update } = useUrlParams();
  const page = Math.max(1, Number(get('page')) || 1);
  const query = useQuery({
    queryKey: ['flux-batches', page],
    queryFn: ({ signal }) => call(intake.fluxBatches.list, { query: { page: page > 1 ? page : undefined }, signal }),
    placeholderData: keepPreviousData,
  });
  const data = query.data;

  return (
    <Stack gap="md">
      <Title order={1}>Imports du flux</Title>
      <Text c="dimmed" size="sm">
        Fichiers « arrêts de travail » transmis par l'Assurance maladie : chaque import, ses lignes acceptées, doublons, rejets et identités
        mises en quarantaine.
      </Text>
      {query.isError && <ErrorAlert error={query.error} />}
      {query.isPending && <Loading label="Chargement des imports…" />}
      {data && (
        <>
          <Text size="sm" aria-live="polite">
            {plural(data.total, 'import')}
          </Text>
          {data.items.length === 0 ? (
            <Text>Aucun import du flux pour le moment.</Text>
          ) : (
            <Table.ScrollContainer minWidth={1000}>
              <Table striped highlightOnHover verticalSpacing="sm" aria-busy={query.isFetching}>
                <Table.Caption>
                  <VisuallyHidden>Imports du flux, page {page}</VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Fichier</Table.Th>
                    <Table.Th>Émetteur</Table.Th>
                    <Table.Th>Début</Table.Th>
                    <Table.Th>Fin</Table.Th>
                    <Table.Th>Statut</Table.Th>
                    <Table.Th ta="right">Lignes</Table.Th>
                    <Table.Th ta="right">Acceptées</Table.Th>
                    <Table.Th ta="right">Doublons</Table.Th>
                    <Table.Th ta="right">Rejetées</Table.Th>
                    <Table.Th ta="right">En quarantaine</Table.Th>
                    <Table.Th>Déposé par</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((b) => (
                    <Table.Tr key={b.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/flux/imports/${b.id}`} fw={600}>
                          {b.fileName}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          Fichier du {formatDate(b.fileDate)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{b.issuer ?? ''}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeShort(b.startedAt)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeShort(b.finishedAt)}</Table.Td>
                      <Table.Td>
                        <BatchStatusBadge status={b.status} label={b.statusLabel} />
                      </Table.Td>
                      <Table.Td ta="right">{formatNumber(b.counts.lines)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(b.counts.accepted)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(b.counts.duplicates)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(b.counts.rejected)}</Table.Td>
                      <Table.Td ta="right">{formatNumber(b.counts.quarantined)}</Table.Td>
                      <Table.Td>{b.actorLabel}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager total={data.total} pageSize={data.pageSize} page={page} onChange={(p) => update({ page: p === 1 ? null : p })} label="Pages des imports" />
        </>
      )}
    </Stack>
  );
}
