/** « Identités à rapprocher »: the quarantined lines of the AM flux, by status. */
import { Link } from 'react-router';
import { Anchor, Stack, Table, Tabs, Text, Title, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { intake } from '@contract';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { useUrlParams } from '../../components/useUrlParams';
import { formatDateTimeShort, formatNumber, plural } from '../../format';
import { Pager } from '../../components/Pager';

type QuarantineStatus = intake.QuarantineStatus;
const STATUSES = intake.QUARANTINE_STATUSES;
/** The tabs: lines « À traiter », « Rattachées », « Rejetées ». */
const TAB_LABELS: Record<QuarantineStatus, string> = { a_traiter: 'À traiter', rattachee: 'Rattachées', rejetee: 'Rejetées' };

export function QuarantinePage() {
  usePageTitle('Identités à rapprocher');
  const { get, update } = useUrlParams();
  const raw = get('statut');
  const status: QuarantineStatus = (STATUSES as readonly string[]).includes(raw) ? (raw as QuarantineStatus) : 'a_traiter';
  const page = Math.max(1, Number(get('page')) || 1);
  const query = useQuery({
    queryKey: ['flux-quarantine', status, page],
    queryFn: ({ signal }) => call(intake.quarantine.list, { query: { status, page: page > 1 ? page : undefined }, signal }),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const resolved = status !== 'a_traiter';

  return (
    <Stack gap="md">
      <Title order={1}>Identités à rapprocher</Title>
      <Text c="dimmed" size="sm">
        Lignes du flux dont le NIR est déjà connu avec une autre date de naissance ou un autre sexe. Rien n'est fusionné sans vous : comparez la
        ligne avec le salarié connu, puis rattachez-la ou rejetez-la.
      </Text>
      <Tabs value={status} onChange={(v) => update({ statut: v === 'a_traiter' ? null : v })} keepMounted={false}>
        <Tabs.List>
          {STATUSES.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {TAB_LABELS[s]} ({formatNumber(data?.counts[s] ?? 0)})
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {query.isError && <ErrorAlert error={query.error} />}
      {query.isPending && <Loading label="Chargement des lignes…" />}
      {data && (
        <>
          <Text size="sm" aria-live="polite">
            {plural(data.total, 'ligne')}
          </Text>
          {data.items.length === 0 ? (
            <Text>{status === 'a_traiter' ? 'Aucune identité à rapprocher : tout est à jour.' : 'Aucune ligne.'}</Text>
          ) : (
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover verticalSpacing="sm" aria-busy={query.isFetching}>
                <Table.Caption>
                  <VisuallyHidden>
                    Lignes {TAB_LABELS[status].toLowerCase()}, page {page}
                  </VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Identité reçue</Table.Th>
                    <Table.Th>Import</Table.Th>
                    <Table.Th ta="right">Ligne</Table.Th>
                    <Table.Th>Reçue le</Table.Th>
                    {resolved && <Table.Th>Décision</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((q) => (
                    <Table.Tr key={q.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/flux/quarantaine/${q.id}`} fw={600}>
                          {q.displayName || q.messageId}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {q.issuer} · {q.messageId}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/flux/imports/${q.batchId}`} size="sm">
                          {q.fileName ?? 'Import'}
                        </Anchor>
                      </Table.Td>
                      <Table.Td ta="right">{formatNumber(q.line)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeShort(q.receivedAt)}</Table.Td>
                      {resolved && (
                        <Table.Td>
                          <Text size="sm">
                            {q.statusLabel} {q.resolvedAt ? `le ${formatDateTimeShort(q.resolvedAt)}` : ''} {q.resolvedByName ? `par ${q.resolvedByName}` : ''}
                          </Text>
                          {q.resolutionNote && (
                            <Text size="xs" c="dimmed">
                              {q.resolutionNote}
                            </Text>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager total={data.total} pageSize={data.pageSize} page={page} onChange={(p) => update({ page: p === 1 ? null : p })} label="Pages des lignes" />
        </>
      )}
    </Stack>
  );
}
