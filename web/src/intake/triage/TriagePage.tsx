import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Badge, Button, Checkbox, Group, NativeSelect, Stack, Table, Tabs, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DOSSIER_ORIGINS, intake, ORIGIN_LABELS, workers as workerOps, type BodyOf, type WireOf } from '@contract';
import { fieldError, formError } from '../../api';
import { call, permitsWith } from '../../client';
import { useSession } from '../../auth';
import { DueDate } from '../../components/DueDate';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Pager } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { StateBadge } from '../../components/StateBadge';
import { useUrlParams } from '../../components/useUrlParams';
import { formatDate, formatDateTimeShort, formatNumber, plural, todayIso } from '../../format';
import { DecisionBar, type Selection } from './DecisionBar';
import { OutOfScopeList } from './OutOfScopeList';

type TriageItem = WireOf<typeof intake.TriageItem>;
/** The absence « à ce jour », as the server counts it at its « now » (`ongoing`, `tpt` included). */
type Absence = NonNullable<TriageItem['absence']>;

/** « En cours depuis 41 jours », « Terminée le 14/03/2026 (14 jours) », « À venir ». */
function absenceHeadline(a: Absence): string {
  if (a.ongoing) return `En cours depuis ${plural(a.days, 'jour', 'jours')}`;
  if (a.days === 0) return 'À venir';
  return `Terminée le ${formatDate(a.endDate)} (${plural(a.days, 'jour', 'jours')})`;
}

/** Nature and dates: « Maladie, depuis le 01/02/2026, jusqu’au 31/03/2026 · temps partiel thérapeutique en cours ». */
function absenceDetail(a: Absence): string {
  if (a.ongoing) {
    const until = a.endDate ? `, jusqu’au ${formatDate(a.endDate)}` : ', sans date de fin';
    return `${a.natureLabel}, depuis le ${formatDate(a.startDate)}${until}${a.tpt ? ' · temps partiel thérapeutique en cours' : ''}`;
  }
  if (a.days === 0) return `${a.natureLabel}, à partir du ${formatDate(a.startDate)}`;
  return `${a.natureLabel}, du ${formatDate(a.startDate)} au ${formatDate(a.endDate)}`;
}
type TriageStatus = intake.TriageStatus;
type Filter = NonNullable<BodyOf<typeof intake.triage.decide>['filter']>;

const STATUS_OPTIONS = intake.TRIAGE_STATUSES.map((s) => ({ value: s, label: intake.TRIAGE_STATUS_LABELS[s] }));
const SOURCE_OPTIONS = [{ value: '', label: 'Toutes les sources' }, ...DOSSIER_ORIGINS.map((o) => ({ value: o, label: ORIGIN_LABELS[o] }))];
const MEMBER_OPTIONS = [
  { value: '', label: 'Toutes les entreprises' },
  { value: 'oui', label: 'Adhérentes' },
  { value: 'non', label: 'Non adhérentes' },
];
const SORTS = ['recu', 'absence', 'echeance'] as const;
const SORT_OPTIONS = [
  { value: 'recu', label: 'Reçus le plus récemment' },
  { value: 'absence', label: 'Absence la plus longue' },
  { value: 'echeance', label: 'Échéance la plus proche' },
];

const VIEWS = ['salaries', 'hors-perimetre'] as const;
type View = (typeof VIEWS)[number];

/** /a-qualifier « À qualifier »: one row per worker whose signals await the cell's decision; the flux lines out of scope. */
export function TriagePage() {
  usePageTitle('À qualifier');
  const { get, update } = useUrlParams();
  const view: View = (VIEWS as readonly string[]).includes(get('vue')) ? (get('vue') as View) : 'salaries';
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>À qualifier</Title>
        <Text size="sm">
          Les signalements (flux de l’Assurance maladie, déclarations d’employeur, fiches de liaison, saisines) sur des salariés sans dossier en cours, un salarié par
          ligne : décidez d’ouvrir un dossier, de rattacher au dossier en cours, ou de ne pas retenir.
        </Text>
      </div>
      <Tabs value={view} onChange={(v) => update({ vue: v === 'salaries' ? null : v, status: null, source: null, member: null, minDays: null, q: null, sort: null, statut: null })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="salaries">Salariés à qualifier</Tabs.Tab>
          <Tabs.Tab value="hors-perimetre">Lignes du flux hors périmètre</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="salaries" pt="md">
          <TriageQueue />
        </Tabs.Panel>
        <Tabs.Panel value="hors-perimetre" pt="md">
          <OutOfScopeList />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function isStatus(s: string): s is TriageStatus {
  return (intake.TRIAGE_STATUSES as readonly string[]).includes(s);
}

function TriageQueue() {
  const session = useSession();
  const { get, update } = useUrlParams();
  const status: TriageStatus = isStatus(get('status')) ? (get('status') as TriageStatus) : 'a_qualifier';
  const source = get('source');
  const member = get('member') === 'oui' || get('member') === 'non' ? (get('member') as 'oui' | 'non') : '';
  const minDaysText = get('minDays');
  const minDays = /^\d{1,6}$/.test(minDaysText) ? Number(minDaysText) : undefined;
  const q = get('q');
  const sort = (SORTS as readonly string[]).includes(get('sort')) ? (get('sort') as (typeof SORTS)[number]) : 'recu';
  const page = Math.max(1, Number(get('page')) || 1);

  // The name is typed freely and reaches the URL once the typing pauses.
  const [name, setName] = useState(q);
  const [debounced] = useDebouncedValue(name, 350);
  useEffect(() => {
    if (debounced.trim() !== q) update({ q: debounced.trim() }, { replace: true, flushSync: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  const [days, setDays] = useState(minDaysText);
  const [debouncedDays] = useDebouncedValue(days, 350);
  useEffect(() => {
    if (debouncedDays.trim() !== minDaysText) update({ minDays: debouncedDays.trim() }, { replace: true, flushSync: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedDays]);

  const filter: Filter = useMemo(
    () => ({ status, ...(source ? { source } : {}), ...(member ? { member } : {}), ...(minDays !== undefined ? { minDays } : {}), ...(q ? { q } : {}) }),
    [status, source, member, minDays, q],
  );
  const filterKey = JSON.stringify(filter);
  const query = useQuery({
    queryKey: ['triage', 'list', filter, sort, page],
    queryFn: ({ signal }) => call(intake.triage.list, { query: { ...filter, sort, page }, signal }),
    placeholderData: keepPreviousData,
  });

  // Selection: rows chosen by hand, or every row of the current filter; reset when the filter changes.
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [allOfFilter, setAllOfFilter] = useState(false);
  useEffect(() => {
    setPicked(new Set());
    setAllOfFilter(false);
  }, [filterKey]);

  const canDecide = status === 'a_qualifier' && permitsWith(session.capabilities, intake.triage.decide.permission);
  const workerLinks = permitsWith(session.capabilities, workerOps.read.permission);
  const data = query.data;
  const items = data?.items ?? [];
  const total = data?.total ?? 0;
  const showLevel = items.some((i) => i.indexLevel !== null);
  const pageIds = items.map((i) => i.id);
  const pagePicked = pageIds.filter((id) => picked.has(id)).length;
  const allPagePicked = allOfFilter || (pageIds.length > 0 && pagePicked === pageIds.length);
  const selection: Selection = allOfFilter ? { kind: 'filter', filter, count: total } : { kind: 'ids', ids: [...picked], count: picked.size };

  function togglePage(checked: boolean) {
    setAllOfFilter(false);
    setPicked((prev) => {
      const next = new Set(prev);
      for (const id of pageIds) {
        if (checked) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }
  function toggleRow(id: string, checked: boolean) {
    if (allOfFilter) {
      // Leaving « all rows of the filter »: keep the rows of this page but this one.
      setAllOfFilter(false);
      setPicked(new Set(pageIds.filter((x) => x !== id)));
      return;
    }
    setPicked((prev) => {
      const next = new Set(prev);
      if (checked) next.add(id);
      else next.delete(id);
      return next;
    });
  }
  const clearSelection = () => {
    setPicked(new Set());
    setAllOfFilter(false);
  };
  const filtered = !!(source || member || minDaysText || q || status !== 'a_qualifier');

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="md" wrap="wrap" role="search" aria-label="Filtrer les salariés à qualifier">
        <NativeSelect
          label="Statut"
          value={status}
          onChange={(e) => update({ status: e.currentTarget.value === 'a_qualifier' ? null : e.currentTarget.value })}
          data={STATUS_OPTIONS.map((o) => ({ ...o, label: data?.counts[o.value] !== undefined ? `${o.label} (${formatNumber(data.counts[o.value])})` : o.label }))}
        />
        <NativeSelect label="Source" value={source} onChange={(e) => update({ source: e.currentTarget.value })} data={SOURCE_OPTIONS} error={fieldError(query.error, 'source')} />
        <NativeSelect label="Entreprise" value={member} onChange={(e) => update({ member: e.currentTarget.value })} data={MEMBER_OPTIONS} />
        <TextInput
          label="Absence d’au moins"
          description="En jours"
          type="number"
          min={0}
          inputMode="numeric"
          value={days}
          onChange={(e) => setDays(e.currentTarget.value)}
          error={fieldError(query.error, 'minDays')}
          w={150}
        />
        <TextInput label="Nom du salarié" description="Nom ou prénom" type="search" value={name} onChange={(e) => setName(e.currentTarget.value)} w={220} />
        <NativeSelect label="Trier par" value={sort} onChange={(e) => update({ sort: e.currentTarget.value === 'recu' ? null : e.currentTarget.value })} data={SORT_OPTIONS} />
        {filtered && (
          <Button
            variant="subtle"
            onClick={() => {
              setName('');
              setDays('');
              update({ status: null, source: null, member: null, minDays: null, q: null });
            }}
          >
            Effacer les filtres
          </Button>
        )}
      </Group>
      {query.isError && <ErrorAlert message={formError(query.error, ['source', 'minDays'])} />}
      {canDecide && <DecisionBar selection={selection} onDone={clearSelection} />}
      {query.isPending && <Loading />}
      {data && (
        <>
          <Text size="sm" aria-live="polite">
            {total === 0
              ? status === 'a_qualifier'
                ? 'Aucun salarié à qualifier.'
                : 'Aucun salarié.'
              : `${plural(total, 'salarié', 'salariés')}${status === 'a_qualifier' ? ' à qualifier' : ` « ${intake.TRIAGE_STATUS_LABELS[status]} »`}`}
          </Text>
          {canDecide && total > 0 && (
            <Group gap="sm" aria-live="polite">
              {allOfFilter ? (
                <>
                  <Text size="sm" fw={600}>
                    Les {formatNumber(total)} lignes du filtre sont sélectionnées.
                  </Text>
                  <Button variant="subtle" size="compact-sm" onClick={clearSelection}>
                    Annuler la sélection
                  </Button>
                </>
              ) : (
                <>
                  <Text size="sm">{picked.size === 0 ? 'Aucune ligne sélectionnée.' : `${plural(picked.size, 'ligne sélectionnée', 'lignes sélectionnées')}.`}</Text>
                  {total > 1 && total > picked.size && total <= intake.MAX_BULK_ITEMS && (
                    <Button variant="light" size="compact-sm" onClick={() => setAllOfFilter(true)}>
                      Sélectionner les {formatNumber(total)} lignes du filtre
                    </Button>
                  )}
                  {picked.size > 0 && (
                    <Button variant="subtle" size="compact-sm" onClick={clearSelection}>
                      Annuler la sélection
                    </Button>
                  )}
                </>
              )}
            </Group>
          )}
          {items.length > 0 && (
            <Table.ScrollContainer minWidth={1200}>
              <Table striped verticalSpacing="xs" highlightOnHover>
                <Table.Caption>
                  <VisuallyHidden>
                    Salariés {intake.TRIAGE_STATUS_LABELS[status].toLowerCase()}, {SORT_OPTIONS.find((o) => o.value === sort)?.label.toLowerCase()} d’abord
                  </VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    {canDecide && (
                      <Table.Th w={40}>
                        <Checkbox
                          aria-label="Tout sélectionner sur la page"
                          checked={allPagePicked}
                          indeterminate={!allPagePicked && pagePicked > 0}
                          onChange={(e) => togglePage(e.currentTarget.checked)}
                        />
                      </Table.Th>
                    )}
                    <Table.Th>Salarié</Table.Th>
                    <Table.Th>Absence à ce jour</Table.Th>
                    <Table.Th>Motif</Table.Th>
                    <Table.Th>Employeur</Table.Th>
                    <Table.Th>Dossiers antérieurs</Table.Th>
                    {showLevel && <Table.Th>Indice signé</Table.Th>}
                    <Table.Th>Âge</Table.Th>
                    <Table.Th>Reçu le</Table.Th>
                    {status === 'a_qualifier' ? <Table.Th>Échéance</Table.Th> : <Table.Th>Décision</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Row
                      key={item.id}
                      item={item}
                      selectable={canDecide}
                      checked={allOfFilter || picked.has(item.id)}
                      onCheck={(c) => toggleRow(item.id, c)}
                      workerLink={workerLinks}
                      showLevel={showLevel}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager total={total} pageSize={data.pageSize} page={page} onChange={(p) => update({ page: p }, { keepPage: true })} label="Pages des salariés à qualifier" />
        </>
      )}
    </Stack>
  );
}

function Row({
  item,
  selectable,
  checked,
  onCheck,
  workerLink,
  showLevel,
}: {
  item: TriageItem;
  selectable: boolean;
  checked: boolean;
  onCheck(checked: boolean): void;
  workerLink: boolean;
  showLevel: boolean;
}) {
  const a = item.absence;
  const today = todayIso();
  return (
    <Table.Tr aria-selected={selectable ? checked : undefined}>
      {selectable && (
        <Table.Td>
          <Checkbox aria-label={`Sélectionner ${item.worker.displayName}, né(e) le ${formatDate(item.worker.birthDate)}`} checked={checked} onChange={(e) => onCheck(e.currentTarget.checked)} />
        </Table.Td>
      )}
      <Table.Td fw={600}>
        {workerLink ? (
          <Anchor component={Link} to={`/salaries/${item.worker.id}`}>
            {item.worker.displayName}
          </Anchor>
        ) : (
          item.worker.displayName
        )}
        <Text size="xs" c="dimmed">
          {item.sources.map((s) => s.label).join(', ')} · {plural(item.signals, 'signalement', 'signalements')}
        </Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {a ? (
          <>
            <Text size="sm" fw={600} span>
              {absenceHeadline(a)}
            </Text>
            <Text size="xs">
              {absenceDetail(a)}
              {item.arrets > 1 ? ` · ${item.arrets} arrêts` : ''}
            </Text>
          </>
        ) : (
          <Text size="sm" span>
            Aucun arrêt connu
          </Text>
        )}
      </Table.Td>
      <Table.Td maw={300}>
        <Text size="sm" lineClamp={3}>
          {item.motif ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        {item.company ? (
          <>
            <Text size="sm" span>
              {item.company.name}
            </Text>
            {!item.company.member && (
              <>
                {' '}
                <Badge color="red.9" c="red.9" variant="outline" size="sm" style={{ textTransform: 'none' }}>
                  Non adhérente
                </Badge>
              </>
            )}
          </>
        ) : (
          <Text size="sm" span>
            Employeur inconnu
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {item.earlierDossiers === 0 && item.earlierSetAside === 0 && !item.lastDossier ? (
          'Aucun'
        ) : (
          <Stack gap={2}>
            {item.earlierDossiers > 0 && <Text size="sm">{plural(item.earlierDossiers, 'dossier', 'dossiers')}</Text>}
            {item.lastDossier && (
              <Group gap={4} wrap="nowrap">
                <Text size="xs">{item.lastDossier.reference}</Text>
                <StateBadge state={item.lastDossier.state} label={item.lastDossier.stateLabel} size="sm" />
              </Group>
            )}
            {item.earlierSetAside > 0 && <Text size="xs">{plural(item.earlierSetAside, 'signalement non retenu', 'signalements non retenus')} auparavant</Text>}
          </Stack>
        )}
      </Table.Td>
      {showLevel && <Table.Td>{item.indexLevel !== null ? `Niveau ${item.indexLevel}` : '—'}</Table.Td>}
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{item.worker.age} ans</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {formatDateTimeShort(item.lastReceivedAt)}
        {item.firstReceivedAt !== item.lastReceivedAt && <Text size="xs">premier le {formatDate(item.firstReceivedAt)}</Text>}
      </Table.Td>
      {item.status === 'a_qualifier' ? (
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <DueDate date={item.taskDue} overdue={!!item.taskDue && item.taskDue < today} />
        </Table.Td>
      ) : (
        <Table.Td maw={260}>
          <Text size="sm" fw={600}>
            {item.statusLabel}
            {item.decidedAt ? ` le ${formatDate(item.decidedAt)}` : ''}
          </Text>
          {item.decisionReason && <Text size="xs">{item.decisionReason}</Text>}
          {item.openDossier ? (
            <Anchor component={Link} to={`/dossiers/${item.openDossier.id}`} size="sm">
              {item.openDossier.reference}
            </Anchor>
          ) : (
            item.dossierReference && <Text size="xs">{item.dossierReference}</Text>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}
