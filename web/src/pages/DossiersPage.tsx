import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Pagination,
  NativeSelect,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { dossiers, users as userOps } from '@contract';
import { call } from '../client';
import { can, useSession } from '../auth';
import { DueDate } from '../components/DueDate';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/PageTitle';
import { StateBadge } from '../components/StateBadge';
import { useUrlParams } from '../components/useUrlParams';
import { formatDate, formatNumber, plural } from '../format';
import { STATE_LABELS, STATES } from '../labels';

type Scope = 'mine' | 'service';
type SortKey = 'due' | 'opened' | 'updated' | 'reference';
type Order = 'asc' | 'desc';

const SORT_KEYS: readonly SortKey[] = ['due', 'opened', 'updated', 'reference'];
/** Natural order of each column when first clicked: the most urgent / most recent first. */
const DEFAULT_ORDER: Record<SortKey, Order> = { due: 'asc', opened: 'desc', updated: 'desc', reference: 'asc' };
const PAGE_SIZE = 25;

export function useServiceUsers(enabled = true) {
  return useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => call(userOps.list, { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}

function SortHeader({
  label,
  column,
  sort,
  order,
  onSort,
}: {
  label: string;
  column: SortKey;
  sort: SortKey;
  order: Order;
  onSort: (column: SortKey) => void;
}) {
  const active = sort === column;
  return (
    <Table.Th aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'} style={{ whiteSpace: 'nowrap' }}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span aria-hidden="true">{active ? (order === 'asc' ? '▲' : '▼') : '↕'}</span>
        <VisuallyHidden>
          {active ? (order === 'asc' ? ', trié par ordre croissant' : ', trié par ordre décroissant') : ', trier'}
        </VisuallyHidden>
      </button>
    </Table.Th>
  );
}

/** /dossiers « Mes dossiers »: the worklist, with every filter in the URL. */
export function DossiersPage() {
  usePageTitle('Mes dossiers');
  const session = useSession();
  const navigate = useNavigate();
  const { get, getList, update } = useUrlParams();

  const canService = can(session, 'worklist.service');
  const canMine = can(session, 'dossier.create') || can(session, 'dossier.transition');
  const scopeParam = get('scope');
  const scope: Scope = canService && (scopeParam === 'service' || !canMine) ? 'service' : 'mine';
  const states = getList('state').filter((s) => (STATES as readonly string[]).includes(s));
  const assignee = get('assignee') || null;
  const overdue = get('overdue') === 'true';
  const q = get('q');
  const sortParam = get('sort') as SortKey;
  const sort: SortKey = SORT_KEYS.includes(sortParam) ? sortParam : 'due';
  const order: Order = get('order') === 'desc' || get('order') === 'asc' ? (get('order') as Order) : DEFAULT_ORDER[sort];
  const page = Math.max(1, Number.parseInt(get('page') || '1', 10) || 1);

  // The search box updates the URL after a short pause (and immediately on Enter).
  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search, 300);
  // Back/forward in history: the box follows the URL (without eating a trailing space being typed).
  useEffect(() => {
    setSearch((current) => (current.trim() === q ? current : q));
  }, [q]);
  useEffect(() => {
    if (debounced.trim() !== q) update({ q: debounced.trim() }, { replace: true, flushSync: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const filters = { state: states, assignee, overdue, q };
  const query = useQuery({
    queryKey: ['dossiers', { scope, ...filters, sort, order, page }],
    queryFn: ({ signal }) =>
      call(dossiers.list, { query: { scope, state: states.join(','), assignee: assignee ?? undefined, overdue, q, sort, order, page, pageSize: PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
  // Count of the other tab, with the same filters (tab titles show their counts).
  const otherScope: Scope = scope === 'mine' ? 'service' : 'mine';
  const other = useQuery({
    queryKey: ['dossiers', 'count', { scope: otherScope, ...filters }],
    queryFn: ({ signal }) =>
      call(dossiers.list, { query: { scope: otherScope, state: states.join(','), assignee: assignee ?? undefined, overdue, q, page: 1, pageSize: 1 }, signal }),
    enabled: canService && canMine,
  });
  const users = useServiceUsers(can(session, 'user.list'));

  const data = query.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / (data.pageSize || PAGE_SIZE))) : 1;
  const hasFilters = states.length > 0 || !!assignee || overdue || !!q;
  const userOptions = useMemo(
    () => (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.roleLabel})` })),
    [users.data],
  );

  function onSort(column: SortKey) {
    if (column === sort) update({ sort: column, order: order === 'asc' ? 'desc' : 'asc' });
    else update({ sort: column, order: DEFAULT_ORDER[column] });
  }

  const countOf = (s: Scope) => {
    const d = s === scope ? data : other.data;
    return d ? formatNumber(d.total) : null;
  };

  const tabLabel = (s: Scope, label: string) => {
    const n = countOf(s);
    return (
      <Group gap={6} wrap="nowrap">
        <span>{label}</span>
        {n !== null && (
          <Badge size="sm" variant="light" color="gray" style={{ textTransform: 'none' }}>
            {n}
          </Badge>
        )}
      </Group>
    );
  };

  const table = (
    <Stack gap="md">
      <Group align="flex-end" gap="md" wrap="wrap">
        <TextInput
          label="Rechercher"
          placeholder="Nom, prénom, référence…"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') update({ q: search.trim() });
          }}
          w={{ base: '100%', sm: 280 }}
        />
        {can(session, 'user.list') && (
          <NativeSelect
            label="Intervenant"
            data={[{ value: '', label: 'Tous les intervenants' }, ...userOptions]}
            value={assignee ?? ''}
            onChange={(e) => update({ assignee: e.currentTarget.value || null })}
            w={{ base: '100%', sm: 280 }}
          />
        )}
        <Switch
          label={`En retard (${formatNumber(data?.overdueCount ?? 0)})`}
          checked={overdue}
          onChange={(e) => update({ overdue: e.currentTarget.checked })}
          color="red"
          mb={8}
        />
        {hasFilters && (
          <Button variant="subtle" onClick={() => update({ state: null, assignee: null, overdue: null, q: null })}>
            Effacer les filtres
          </Button>
        )}
      </Group>

      <Checkbox.Group label="État" value={states} onChange={(v) => update({ state: v })}>
        <Group gap="md" mt={6}>
          {STATES.map((s) => (
            <Checkbox key={s} value={s} label={`${STATE_LABELS[s]} (${formatNumber(data?.counts?.[s] ?? 0)})`} />
          ))}
        </Group>
      </Checkbox.Group>

      {query.isError && <ErrorAlert error={query.error} />}
      {query.isPending && <Loading label="Chargement des dossiers…" />}

      {data && (
        <>
          <Text size="sm" aria-live="polite">
            {plural(data.total, 'dossier')}
            {data.overdueCount > 0 && ` · ${plural(data.overdueCount, 'dossier')} en retard`}
          </Text>
          {data.items.length === 0 ? (
            <Text>{hasFilters ? 'Aucun dossier ne correspond à ces critères.' : 'Aucun dossier pour le moment.'}</Text>
          ) : (
            <Table.ScrollContainer minWidth={1000}>
              <Table highlightOnHover striped verticalSpacing="sm" aria-busy={query.isFetching}>
                <Table.Caption>
                  <VisuallyHidden>
                    {scope === 'mine' ? 'Mes dossiers' : 'Tous les dossiers du service'}, page {page} sur {totalPages}
                  </VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <SortHeader label="Référence" column="reference" sort={sort} order={order} onSort={onSort} />
                    <Table.Th>Salarié</Table.Th>
                    <Table.Th>Entreprise</Table.Th>
                    <Table.Th>État</Table.Th>
                    <SortHeader label="Échéance" column="due" sort={sort} order={order} onSort={onSort} />
                    <Table.Th>Intervenants</Table.Th>
                    <SortHeader label="Ouvert le" column="opened" sort={sort} order={order} onSort={onSort} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((d) => (
                    <Table.Tr
                      key={d.id}
                      className="worklist-row"
                      onClick={(e) => {
                        if ((e.target as HTMLElement).closest('a,button')) return;
                        void navigate(`/dossiers/${d.id}`);
                      }}
                    >
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Anchor component={Link} to={`/dossiers/${d.id}`} fw={600}>
                          {d.reference}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{d.worker.displayName}</Table.Td>
                      <Table.Td>{d.company?.name ?? ''}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <StateBadge state={d.state} label={d.stateLabel} />
                      </Table.Td>
                      <Table.Td>
                        <DueDate date={d.nextDueDate} overdue={d.overdue} />
                      </Table.Td>
                      <Table.Td>{d.assignees.map((a) => a.displayName).join(', ')}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(d.openedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {totalPages > 1 && (
            <nav aria-label="Pages de la liste">
              <Pagination
                total={totalPages}
                value={Math.min(page, totalPages)}
                onChange={(p) => update({ page: p === 1 ? null : p })}
                getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
                getControlProps={(control) =>
                  ({
                    first: { 'aria-label': 'Première page' },
                    previous: { 'aria-label': 'Page précédente' },
                    next: { 'aria-label': 'Page suivante' },
                    last: { 'aria-label': 'Dernière page' },
                  })[control]
                }
              />
            </nav>
          )}
        </>
      )}
    </Stack>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={1}>Mes dossiers</Title>
        {can(session, 'dossier.create') && (
          <Button component={Link} to="/dossiers/nouveau">
            Nouveau dossier
          </Button>
        )}
      </Group>

      {canService && canMine ? (
        <>
          <Tabs
            id="worklist"
            value={scope}
            onChange={(v) => update({ scope: v === 'service' ? 'service' : null })}
            activateTabWithKeyboard
          >
            <Tabs.List>
              <Tabs.Tab value="mine" aria-controls="worklist-panel">{tabLabel('mine', 'Mes dossiers')}</Tabs.Tab>
              <Tabs.Tab value="service" aria-controls="worklist-panel">{tabLabel('service', 'Tous les dossiers du service')}</Tabs.Tab>
            </Tabs.List>
          </Tabs>
          {/* One panel for both tabs: the filters stay mounted (and focused) when the scope changes. */}
          <div role="tabpanel" id="worklist-panel" aria-labelledby={`worklist-tab-${scope}`}>
            {table}
          </div>
        </>
      ) : (
        table
      )}
    </Stack>
  );
}
