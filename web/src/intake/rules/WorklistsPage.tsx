import { Link } from 'react-router';
import { Anchor, Badge, Group, NavLink, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { intake, type WireOf } from '@contract';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager, pageCount } from '../../components/Pager';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { useUrlParams } from '../../components/useUrlParams';
import { formatDate, formatDateTimeShort, formatNumber, plural } from '../../format';

type WorklistPage = WireOf<typeof intake.WorklistPage>;

function WorklistTable({ list, page }: { list: WorklistPage; page: number }) {
  const isArret = list.items.some((r) => r.arret) || ['arrets-2-mois', 'arrets-3-mois', 'ald', 'arrets-repetes'].includes(list.key);
  const repeated = list.key === 'arrets-repetes';
  const quarantine = list.key === 'quarantaine';
  const totalPages = pageCount(list.total, list.pageSize);
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped verticalSpacing="sm">
        <Table.Caption>
          <VisuallyHidden>
            {list.label}, page {page} sur {totalPages}
          </VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {quarantine ? <Table.Th>Ligne du flux</Table.Th> : <Table.Th>Salarié</Table.Th>}
            {isArret && <Table.Th>Entreprise</Table.Th>}
            {isArret && <Table.Th>Arrêt</Table.Th>}
            {isArret && <Table.Th>Durée</Table.Th>}
            {repeated && <Table.Th>Arrêts sur 12 mois</Table.Th>}
            {!isArret && <Table.Th>Reçue</Table.Th>}
            {!isArret && <Table.Th>{quarantine ? 'Émetteur' : 'Orientée par'}</Table.Th>}
            {!quarantine && <Table.Th>Dossier</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{quarantine ? r.note : r.worker.displayName}</Table.Td>
              {isArret && <Table.Td>{r.company?.name ?? ''}</Table.Td>}
              {isArret && (
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {r.arret && (
                    <>
                      {r.arret.natureLabel}
                      {r.arret.ald && ' (ALD)'} · du {formatDate(r.arret.startDate)}
                      {r.arret.endDate ? ` au ${formatDate(r.arret.endDate)}` : ' (fin non connue)'}
                    </>
                  )}
                </Table.Td>
              )}
              {isArret && <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.arret ? plural(r.arret.durationDays, 'jour') : ''}</Table.Td>}
              {repeated && <Table.Td>{formatNumber(r.arretCount ?? 0)}</Table.Td>}
              {!isArret && <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeShort(r.receivedAt)}</Table.Td>}
              {!isArret && <Table.Td>{r.from}</Table.Td>}
              {!quarantine && (
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {r.dossier ? (
                    <Anchor component={Link} to={`/dossiers/${r.dossier.id}`}>
                      {r.dossier.reference}
                    </Anchor>
                  ) : (
                    'Aucun dossier ouvert'
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** /listes « Listes de travail »: the Assurance maladie's weekly queries, each with its count. */
export function WorklistsPage() {
  usePageTitle('Listes de travail');
  const { get, update } = useUrlParams();
  const lists = useQuery({ queryKey: ['worklists'], queryFn: ({ signal }) => call(intake.worklists.list, { signal }) });
  const items = lists.data?.items ?? [];
  const selected = items.find((l) => l.key === get('liste'))?.key ?? items[0]?.key ?? null;
  const page = Math.max(1, Number.parseInt(get('page') || '1', 10) || 1);
  const list = useQuery({
    queryKey: ['worklists', selected, page],
    queryFn: ({ signal }) => call(intake.worklists.read, { params: { key: selected ?? '' }, query: { page }, signal }),
    enabled: selected !== null,
    placeholderData: keepPreviousData,
  });
  const data = list.data;
  const totalPages = data ? pageCount(data.total, data.pageSize) : 1;

  return (
    <Stack gap="md">
      <Title order={1}>Listes de travail</Title>
      {lists.isError && <ErrorAlert error={lists.error} />}
      {lists.isPending && <Loading label="Chargement des listes…" />}
      <SimpleGrid cols={{ base: 1, md: 4 }} spacing="md">
        <Paper withBorder p="xs" component="nav" aria-label="Listes de travail enregistrées">
          <Stack gap={2}>
            {items.map((l) => (
              <NavLink
                key={l.key}
                component={Link}
                to={`?liste=${l.key}`}
                active={l.key === selected}
                aria-current={l.key === selected ? 'page' : undefined}
                label={
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <span>{l.label}</span>
                    <Badge size="sm" variant="light" color={l.count > 0 ? 'blue' : 'gray'} style={{ textTransform: 'none' }}>
                      {formatNumber(l.count)}
                    </Badge>
                  </Group>
                }
                onClick={(e) => {
                  e.preventDefault();
                  update({ liste: l.key });
                }}
              />
            ))}
          </Stack>
        </Paper>
        <Stack gap="sm" style={{ gridColumn: 'span 3' }}>
          {data && (
            <>
              <Title order={2} size="h3">
                {data.label}
              </Title>
              <Text size="sm" c="dimmed">
                {data.description}
              </Text>
              <Text size="sm" aria-live="polite">
                {plural(data.total, 'ligne')}
              </Text>
              {data.items.length === 0 ? <Text>Rien à traiter dans cette liste.</Text> : <WorklistTable list={data} page={page} />}
              <Pager total={data.total} pageSize={data.pageSize} page={page} onChange={(p) => update({ page: p === 1 ? null : p }, { keepPage: true })} label="Pages de la liste" />
            </>
          )}
          {list.isError && <ErrorAlert error={list.error} />}
          {list.isPending && selected && <Loading label="Chargement de la liste…" />}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
