/**
 * Task worklists: « Mes tâches » (tasks I own, and unassigned tasks of the dossiers I am
 * assigned to) and « Tâches de l'équipe » (every task of the service), plus the open tasks of
 * one dossier. Sorted by due date, overdue first; counts of both lists for the tab titles.
 */
import * as taskRepo from '../../db/repositories/task.repository';
import { ensure } from '../../domain/access';
import { civilDate, isOverdue } from '../../domain/calendar/dates';
import { isTaskStatus, TASK_STATUS_LABELS, taskKindLabel, type TaskStatus } from '../../domain/intake/rules';
import { invalid } from '../../domain/errors';
import { PARCOURS_TASK_KIND_LABELS } from '../../domain/parcours/measure-tasks';
import type { Ctx } from '../context';
import { loadDossier } from '../dossier/dossier-access';
import { workerDisplayName } from '../worker/worker-format';
import { MAX_TASK_PAGE_SIZE } from '../../domain/intake/channels';

export const TASK_PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export { MAX_TASK_PAGE_SIZE };

export interface ListTasksProps {
  scope: 'mine' | 'team';
  /** Default: open tasks (`a_faire`); `tous` for every status. */
  status?: string;
  overdue?: boolean;
  /** Team list: tasks of one professional (user id), or 'none' for unassigned ones. */
  owner?: string;
  page?: number;
  pageSize?: number;
}

type TaskRow = Awaited<ReturnType<typeof taskRepo.findTaskPage>>[number];

export function presentTask(r: TaskRow, today: string) {
  const status = r.status as TaskStatus;
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: PARCOURS_TASK_KIND_LABELS[r.kind] ?? taskKindLabel(r.kind),
    title: r.title,
    dueDate: r.due_date,
    overdue: status === 'a_faire' && isOverdue(r.due_date, today),
    status: r.status,
    statusLabel: TASK_STATUS_LABELS[status] ?? r.status,
    ruleId: r.rule_id,
    owner: r.owner_user_id ? { id: r.owner_user_id, displayName: r.owner_name ?? '' } : null,
    worker: { id: r.worker_id, displayName: workerDisplayName(r) },
    dossier: r.dossier_id ? { id: r.dossier_id, reference: r.dossier_reference ?? '' } : null,
    createdAt: r.created_at,
    doneAt: r.done_at,
  };
}

/**
 * One audit event per list read, with the ids of the tasks shown (a page: at most
 * MAX_TASK_PAGE_SIZE), never their titles. Sensitive: a title is free text of the cell or a
 * decision of a staff copied as it was written.
 */
async function recordTaskRead(ctx: Ctx, subjectType: 'task' | 'dossier', subjectId: string | null, rows: readonly TaskRow[]) {
  await ctx.record({ action: 'task.list', subjectType, subjectId, category: 'sensitive', details: { taskIds: rows.map((r) => r.id) } });
}

export async function listTasks(ctx: Ctx, props: ListTasksProps) {
  const p = ctx.principal;
  ensure(p, 'task.manage');
  if (props.scope === 'mine' && !p.userId) throw invalid('PERIMETRE_INVALIDE', '« Mes tâches » suppose un compte utilisateur ; utilisez scope=team.', 'scope');
  const statusParam = props.status ?? 'a_faire';
  if (statusParam !== 'tous' && !isTaskStatus(statusParam)) throw invalid('STATUT_INCONNU', `Statut de tâche inconnu : « ${statusParam} ».`, 'status');
  const status = statusParam === 'tous' ? undefined : statusParam;
  const today = civilDate(ctx.now);
  const page = Math.max(1, props.page ?? 1);
  const pageSize = Math.min(MAX_TASK_PAGE_SIZE, Math.max(1, props.pageSize ?? TASK_PAGE_SIZE));
  const mine = { tenantId: p.tenantId, mineOf: p.userId ?? undefined };
  const team = { tenantId: p.tenantId };
  if (props.owner !== undefined && props.owner !== 'none' && !UUID.test(props.owner)) throw invalid('RESPONSABLE_INCONNU', 'Filtre de responsable invalide.', 'owner');
  const filter = { status, overdueBefore: props.overdue ? today : undefined, owner: props.scope === 'team' ? props.owner : undefined };
  const selected = props.scope === 'mine' ? { ...mine, ...filter } : { ...team, ...filter };

  const rows = await taskRepo.findTaskPage(ctx.trx, { ...selected, limit: pageSize, offset: (page - 1) * pageSize });
  const total = await taskRepo.countTasks(ctx.trx, selected, today);
  // Tab titles: open tasks of each list, and how many are overdue.
  const mineOpen = p.userId ? await taskRepo.countTasks(ctx.trx, { ...mine, status: 'a_faire' }, today) : { total: 0, overdue: 0 };
  const teamOpen = await taskRepo.countTasks(ctx.trx, { ...team, status: 'a_faire' }, today);
  if (rows.length > 0) await recordTaskRead(ctx, 'task', null, rows);
  return {
    items: rows.map((r) => presentTask(r, today)),
    total: total.total,
    overdueCount: total.overdue,
    page,
    pageSize,
    counts: { mine: mineOpen.total, mineOverdue: mineOpen.overdue, team: teamOpen.total, teamOverdue: teamOpen.overdue },
  };
}

/** Open tasks of one dossier (the dossier page's « Tâches » section). */
export async function listDossierTasks(ctx: Ctx, dossierId: string) {
  const p = ctx.principal;
  ensure(p, 'task.manage');
  const { dossier } = await loadDossier(ctx, dossierId);
  const today = civilDate(ctx.now);
  const rows = await taskRepo.findTaskPage(ctx.trx, { tenantId: p.tenantId, dossierId: dossier.id, status: 'a_faire', limit: MAX_TASK_PAGE_SIZE, offset: 0 });
  if (rows.length > 0) await recordTaskRead(ctx, 'dossier', dossier.id, rows);
  return { items: rows.map((r) => presentTask(r, today)) };
}
