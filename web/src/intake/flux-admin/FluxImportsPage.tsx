/**
 * « Imports du flux »: the upload of a flux file (roles that may start the import), the import
 * jobs running and finished (refreshed every second while one runs), and every batch of the AM
 * flux, newest first, with its counts (refreshed while an import runs).
 */
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { Anchor, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { intake } from '@contract';
import { canAny, useSession } from '../../auth';
import { call } from '../../client';
import { JobTable, isActiveJob, useJobs } from '../../components/jobs';
import { FluxUpload } from './FluxUpload';
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
  const session = useSession();
  const mayUpload = canAny(session, intake.FLUX_UPLOAD_CAPABILITIES);
  const jobs = useJobs('flux.import', { limit: 10 });
  const running = jobs.data?.items.find(isActiveJob) ?? null;
  const query = useQuery({
    queryKey: ['flux-batches', page],
    queryFn: ({ signal }) => call(intake.fluxBatches.list, { query: { page: page > 1 ? page : undefined }, signal }),
    placeholderData: keepPreviousData,
    // The running import's batch moves: its counts follow.
    refetchInterval: running ? 2000 : false,
  });
  const data = query.data;
  // An import just ended: the batches (and the jobs) are read again once.
  const queryClient = useQueryClient();
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && !running) void queryClient.invalidateQueries({ queryKey: ['flux-batches'] });
    wasRunning.current = running !== null;
  }, [running, queryClient]);

  return (
    <Stack gap="md">
      <Title order={1}>Imports du flux</Title>
      <Text c="dimmed" size="sm">
        Fichiers « arrêts de travail » transmis par l'Assurance maladie : chaque import, ses lignes acceptées, doublons, rejets et identités
        mises en quarantaine.
      </Text>
      {mayUpload && <FluxUpload running={running} />}
      <Title order={2} size="h3">
        Traitements d'import
      </Title>
      {jobs.isError && <ErrorAlert error={jobs.error} />}
      {jobs.data && <JobTable jobs={jobs.data.items} caption="Imports du flux en cours et terminés, les plus récents d'abord" />}
      <Title order={2} size="h3">
        Lots importés
      </Title>
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
