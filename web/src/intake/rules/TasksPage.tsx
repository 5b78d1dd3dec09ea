import { Link } from 'react-router';
import { Anchor, Badge, Group, NativeSelect, Pagination, Stack, Switch, Table, Tabs, Text, Title, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intake, type WireOf } from '@contract';
import { call } from '../../client';
import { can, useSession } from '../../auth';
import { DueDate } from '../../components/DueDate';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { useUrlParams } from '../../components/useUrlParams';
import { formatNumber, plural } from '../../format';
import { useServiceUsers } from '../../pages/DossiersPage';
import { TaskActions } from './TaskActions';

type Task = WireOf<typeof intake.Task>;
type Scope = (typeof intake.TASK_SCOPES)[number];
type StatusFilter = (typeof intake.TASK_STATUS_FILTERS)[number];
const STATUSES: { value: StatusFilter; label: string }[] = [
  { value: 'a_faire', label: 'À faire' },
  { value: 'fait', label: 'Faites' },
  { value: 'annule', label: 'Annulées' },
  { value: 'tous', label: 'Toutes' },
];

function OwnerSelect({ task }: { task: Task }) {
  const session = useSession();
  const users = useServiceUsers(can(session, 'user.list'));
  const client = useQueryClient();
  const assign = useMutation({
    mutationFn: (ownerId: string | null) => call(intake.tasks.assign, { params: { id: task.id }, body: { ownerId } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['tasks'] }),
  });
  if (!can(session, 'user.list')) return <>{task.owner?.displayName ?? ''}</>;
  const options = [{ value: '', label: 'Équipe (non attribuée)' }, ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))];
  return (
    <>
      <NativeSelect
        size="xs"
        aria-label={`Responsable de la tâche : ${task.title} (${task.worker.displayName})`}
        data={options}
        value={task.owner?.id ?? ''}
        disabled={task.status !== 'a_faire' || assign.isPending}
        onChange={(e) => assign.mutate(e.currentTarget.value || null)}
      />
      {assign.isError && <ErrorAlert error={assign.error} />}
    </>
  );
}

/** /taches « Mes tâches » and « Tâches de l'équipe »: what to do now, overdue first. */
export function TasksPage() {
  const { get, update } = useUrlParams();
  const scope: Scope = get('scope') === 'team' ? 'team' : 'mine';
  const status = STATUSES.find((s) => s.value === get('status'))?.value ?? 'a_faire';
  const overdue = get('overdue') === 'true';
  // Team list only: one professional's tasks, or the unassigned ones ('none').
  const owner = scope === 'team' ? get('owner') || undefined : undefined;
  const session = useSession();
  const users = useServiceUsers(scope === 'team' && can(session, 'user.list'));
  const page = Math.max(1, Number.parseInt(get('page') || '1', 10) || 1);
  usePageTitle(scope === 'mine' ? 'Mes tâches' : "Tâches de l'équipe");

  const query = useQuery({
    queryKey: ['tasks', { scope, status, overdue, owner, page }],
    queryFn: ({ signal }) => call(intake.tasks.list, { query: { scope, status, overdue, owner, page }, signal }),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  const tab = (value: Scope, label: string, n?: number, late?: number) => (
    <Tabs.Tab value={value} aria-controls="taches-panel">
      <Group gap={6} wrap="nowrap">
        <span>{label}</span>
        {n !== undefined && (
          <Badge size="sm" variant="light" color="gray" style={{ textTransform: 'none' }}>
            {formatNumber(n)}
          </Badge>
        )}
        {late ? (
          <Badge size="sm" variant="light" color="red" style={{ textTransform: 'none' }}>
            {formatNumber(late)} en retard
          </Badge>
        ) : null}
      </Group>
    </Tabs.Tab>
  );

  return (
    <Stack gap="md">
      <Title order={1}>{scope === 'mine' ? 'Mes tâches' : "Tâches de l'équipe"}</Title>
      <Tabs id="taches" value={scope} onChange={(v) => update({ scope: v === 'team' ? 'team' : null })} activateTabWithKeyboard>
        <Tabs.List>
          {tab('mine', 'Mes tâches', data?.counts.mine, data?.counts.mineOverdue)}
          {tab('team', "Tâches de l'équipe", data?.counts.team, data?.counts.teamOverdue)}
        </Tabs.List>
      </Tabs>
      <div role="tabpanel" id="taches-panel" aria-labelledby={`taches-tab-${scope}`}>
        <Stack gap="md">
          <Group align="flex-end" gap="md">
            <NativeSelect label="Statut" data={STATUSES} value={status} onChange={(e) => update({ status: e.currentTarget.value === 'a_faire' ? null : e.currentTarget.value })} w={200} />
            {scope === 'team' && (
              <NativeSelect
                label="Responsable"
                value={owner ?? ''}
                onChange={(e) => update({ owner: e.currentTarget.value || null, page: null })}
                data={[
                  { value: '', label: 'Tous' },
                  { value: 'none', label: 'Non attribuées' },
                  ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName })),
                ]}
                w={240}
              />
            )}
            <Switch label="En retard seulement" checked={overdue} onChange={(e) => update({ overdue: e.currentTarget.checked })} color="red" mb={8} />
          </Group>
          {query.isError && <ErrorAlert error={query.error} />}
          {query.isPending && <Loading label="Chargement des tâches…" />}
          {data && (
            <>
              <Text size="sm" aria-live="polite">
                {plural(data.total, 'tâche')}
                {data.overdueCount > 0 && ` · ${formatNumber(data.overdueCount)} en retard`}
              </Text>
              {data.items.length === 0 ? (
                <Text>{overdue ? 'Aucune tâche en retard.' : 'Aucune tâche.'}</Text>
              ) : (
                <Table.ScrollContainer minWidth={900}>
                  <Table striped verticalSpacing="sm" aria-busy={query.isFetching}>
                    <Table.Caption>
                      <VisuallyHidden>
                        {scope === 'mine' ? 'Mes tâches' : "Tâches de l'équipe"}, page {page} sur {totalPages}
                      </VisuallyHidden>
                    </Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Échéance</Table.Th>
                        <Table.Th>Tâche</Table.Th>
                        <Table.Th>Salarié</Table.Th>
                        <Table.Th>Dossier</Table.Th>
                        <Table.Th>Responsable</Table.Th>
                        <Table.Th>Actions</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((t) => (
                        <Table.Tr key={t.id} data-overdue={t.overdue || undefined}>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            <DueDate date={t.dueDate} overdue={t.overdue} />
                          </Table.Td>
                          <Table.Td>
                            {t.title}
                            {t.status !== 'a_faire' && (
                              <Text size="xs" c="dimmed">
                                {t.statusLabel}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>{t.worker.displayName}</Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            {t.dossier ? (
                              <Anchor component={Link} to={`/dossiers/${t.dossier.id}`}>
                                {t.dossier.reference}
                              </Anchor>
                            ) : (
                              '—'
                            )}
                          </Table.Td>
                          <Table.Td miw={200}>
                            <OwnerSelect task={t} />
                          </Table.Td>
                          <Table.Td>
                            <TaskActions task={t} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
              {totalPages > 1 && (
                <nav aria-label="Pages de la liste">
                  <Pagination total={totalPages} value={Math.min(page, totalPages)} onChange={(p) => update({ page: p === 1 ? null : p })} getItemProps={(p) => ({ 'aria-label': `Page ${p}` })} />
                </nav>
              )}
            </>
          )}
        </Stack>
      </div>
    </Stack>
  );
}
