/**
 * SQL of the tasks (table `task`): those the rules write (set-based, idempotent per rule and
 * subject), the task worklists, and a task's status and owner.
 * Large id lists travel as one array parameter (`= any($1::uuid[])`), never one per id.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../schema';
import type { TaskTable } from '../schema-intake/core';

type Q = Kysely<DB>;

// ---------------------------------------------------------------------------------------------
// Tasks written by the rules
// ---------------------------------------------------------------------------------------------

export interface RuleTaskRow {
  workerId: string;
  dossierId: string | null;
  kind: string;
  title: string;
  dueDate: string;
  ruleId: string;
  subjectRef: string;
}

/**
 * Inserts the tasks in one statement (column arrays unnested); a task already created by the
 * same rule for the same subject is kept as is (task_rule_uq). Returns the number inserted.
 */
export async function insertRuleTasks(db: Q, tenantId: string, rows: readonly RuleTaskRow[], at: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const col = <K extends keyof RuleTaskRow>(k: K) => rows.map((r) => r[k]) as unknown as string[];
  const r = await sql<{ n: number }>`
    with ins as (
      insert into task (tenant_id, worker_id, dossier_id, kind, title, due_date, rule_id, subject_ref, created_at)
      select ${tenantId}::uuid, u.worker_id, u.dossier_id, u.kind, u.title, u.due_date, u.rule_id, u.subject_ref, ${at}::timestamptz
      from unnest(${col('workerId')}::uuid[], ${col('dossierId')}::uuid[], ${col('kind')}::text[], ${col('title')}::text[],
                  ${col('dueDate')}::date[], ${col('ruleId')}::text[], ${col('subjectRef')}::text[])
           as u(worker_id, dossier_id, kind, title, due_date, rule_id, subject_ref)
      on conflict (tenant_id, rule_id, subject_ref) where rule_id is not null do nothing
      returning 1
    )
    select count(*)::int as n from ins
  `.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Cancels the open tasks of `rules` whose subject is one of `arretIds` (the arrêt was cancelled). */
export async function cancelOpenArretTasks(db: Q, tenantId: string, arretIds: readonly string[], rules: readonly string[], at: Date) {
  if (arretIds.length === 0) return 0;
  const r = await sql`
    update task set status = 'annule', done_at = ${at}::timestamptz
    where tenant_id = ${tenantId} and rule_id is not null and status = 'a_faire'
      and split_part(subject_ref, ':', 2) = any(${arretIds as string[]}::text[])
      and rule_id = any(${rules as string[]}::text[])
  `.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Cancels the open reprise tasks of `arretIds` whose subject is not the current one (the
 * return date moved with a prolongation or an end, or the visit is no longer required).
 */
export async function cancelStaleRepriseTasks(db: Q, tenantId: string, arretIds: readonly string[], keepSubjects: readonly string[], at: Date) {
  if (arretIds.length === 0) return 0;
  const r = await sql`
    update task set status = 'annule', done_at = ${at}::timestamptz
    where tenant_id = ${tenantId} and rule_id is not null and status = 'a_faire'
      and split_part(subject_ref, ':', 2) = any(${arretIds as string[]}::text[])
      and rule_id = 'visite_reprise'
      and subject_ref <> all(${keepSubjects as string[]}::text[])
  `.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export interface OpenRuleTaskRow {
  id: string;
  worker_id: string;
  rule_id: string;
  subject_ref: string;
}

/** Open rule tasks (`a_faire`) attached to an open dossier: what a rules recompute may change. */
export async function findOpenRuleTasksOfOpenDossiers(db: Q, tenantId: string, openStates: readonly string[]): Promise<OpenRuleTaskRow[]> {
  const r = await sql<OpenRuleTaskRow>`
    select t.id, t.worker_id, t.rule_id, t.subject_ref from task t
    join dossier d on d.tenant_id = t.tenant_id and d.id = t.dossier_id
    where t.tenant_id = ${tenantId} and t.rule_id is not null and t.status = 'a_faire'
      and d.state = any(${openStates as string[]}::text[])
  `.execute(db);
  return r.rows;
}

/**
 * Gives open rule tasks a new subject (and due date, when given) in one statement, unless a
 * task of the same rule already has that subject. Returns the ids changed.
 */
export async function resubjectRuleTasks(db: Q, tenantId: string, rows: ReadonlyArray<{ id: string; subjectRef: string; dueDate: string | null }>): Promise<string[]> {
  if (rows.length === 0) return [];
  const r = await sql<{ id: string }>`
    update task t set subject_ref = u.subject_ref, due_date = coalesce(u.due_date, t.due_date)
    from unnest(${rows.map((x) => x.id)}::uuid[], ${rows.map((x) => x.subjectRef)}::text[], ${rows.map((x) => x.dueDate) as string[]}::date[]) as u(id, subject_ref, due_date)
    where t.tenant_id = ${tenantId} and t.id = u.id and t.status = 'a_faire'
      and not exists (select 1 from task k where k.tenant_id = t.tenant_id and k.rule_id = t.rule_id and k.subject_ref = u.subject_ref)
    returning t.id
  `.execute(db);
  return r.rows.map((x) => x.id);
}

/** (rule, subject) of every task (any status) of `rules` of the workers `workerIds`. */
export async function findRuleTaskKeys(db: Q, tenantId: string, rules: readonly string[], workerIds: readonly string[]) {
  if (workerIds.length === 0) return [];
  const r = await sql<{ rule_id: string; subject_ref: string }>`
    select rule_id, subject_ref from task
    where tenant_id = ${tenantId} and rule_id = any(${rules as string[]}::text[]) and worker_id = any(${workerIds as string[]}::uuid[])
  `.execute(db);
  return r.rows;
}

/** Cancels the open tasks `ids` (a rules recompute found them unjustified). */
export async function cancelOpenTasks(db: Q, tenantId: string, ids: readonly string[], at: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await sql`
    update task set status = 'annule', done_at = ${at}::timestamptz
    where tenant_id = ${tenantId} and status = 'a_faire' and id = any(${ids as string[]}::uuid[])
  `.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Mi-carrière for a whole service in one statement: a task for every worker born between
 * `bornFrom` and `bornTo` who is currently employed, attached to his open dossier if any —
 * unless a visite de mi-carrière was held or planned since `coveredFrom` (anticipated,
 * L4624-2-2) or a mi-carrière task of the year (yearly or anticipated) is done.
 */
export async function insertMiCarriereTasks(
  db: Q,
  p: { tenantId: string; bornFrom: string; bornTo: string; year: number; title: string; today: string; openStates: readonly string[]; at: Date; coveredFrom: string },
) {
  const r = await sql<{ n: number }>`
    with ins as (
      insert into task (tenant_id, worker_id, dossier_id, kind, title, due_date, rule_id, subject_ref, created_at)
      select w.tenant_id, w.id,
             (select d.id from dossier d where d.tenant_id = w.tenant_id and d.worker_id = w.id
                and d.state = any(${p.openStates as string[]}::text[]) order by d.opened_at desc limit 1),
             'mi_carriere', ${p.title}, ${`${p.year}-12-31`}::date, 'mi_carriere', 'worker:' || w.id || ':' || ${String(p.year)}, ${p.at}::timestamptz
      from worker w
      where w.tenant_id = ${p.tenantId} and w.birth_date between ${p.bornFrom}::date and ${p.bornTo}::date
        and exists (select 1 from employment e where e.tenant_id = w.tenant_id and e.worker_id = w.id
                      and e.start_date <= ${p.today}::date and (e.end_date is null or e.end_date >= ${p.today}::date))
        -- C. trav. L4624-2-2: already held or planned (possibly anticipated, from coveredFrom), or its task done.
        and not exists (select 1 from visit v where v.tenant_id = w.tenant_id and v.worker_id = w.id and v.kind = 'mi_carriere'
                          and v.status in ('planifiee', 'realisee') and (v.scheduled_at at time zone 'Europe/Paris')::date >= ${p.coveredFrom}::date)
        and not exists (select 1 from task k where k.tenant_id = w.tenant_id and k.worker_id = w.id and k.rule_id = 'mi_carriere'
                          and k.status = 'fait' and split_part(k.subject_ref, ':', 3) = ${String(p.year)})
      on conflict (tenant_id, rule_id, subject_ref) where rule_id is not null do nothing
      returning 1
    )
    select count(*)::int as n from ins
  `.execute(db);
  return r.rows[0]?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Task worklists
// ---------------------------------------------------------------------------------------------

export interface TaskQuery {
  tenantId: string;
  /** « Mes tâches »: tasks owned by this user, or unassigned tasks of dossiers assigned to him. */
  mineOf?: string;
  dossierId?: string;
  status?: string;
  overdueBefore?: string;
  /** Team list filter: tasks of this owner, or 'none' for unassigned tasks. */
  owner?: string;
}

function taskBase(db: Q, q: TaskQuery) {
  let query = db.selectFrom('task as t').where('t.tenant_id', '=', q.tenantId);
  if (q.mineOf) {
    const me = q.mineOf;
    query = query.where((eb) =>
      eb.or([
        eb('t.owner_user_id', '=', me),
        eb.and([
          eb('t.owner_user_id', 'is', null),
          eb.exists(
            eb
              .selectFrom('dossier_assignment as a')
              .select(sql`1`.as('one'))
              .whereRef('a.tenant_id', '=', 't.tenant_id')
              .whereRef('a.dossier_id', '=', 't.dossier_id')
              .where('a.user_id', '=', me),
          ),
        ]),
      ]),
    );
  }
  if (q.dossierId) query = query.where('t.dossier_id', '=', q.dossierId);
  if (q.status) query = query.where('t.status', '=', q.status);
  if (q.overdueBefore) query = query.where('t.status', '=', 'a_faire').where('t.due_date', '<', q.overdueBefore);
  if (q.owner) query = q.owner === 'none' ? query.where('t.owner_user_id', 'is', null) : query.where('t.owner_user_id', '=', q.owner);
  return query;
}

export async function findTaskPage(db: Q, q: TaskQuery & { limit: number; offset: number }) {
  return taskBase(db, q)
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 't.tenant_id').onRef('w.id', '=', 't.worker_id'))
    .leftJoin('dossier as d', (j) => j.onRef('d.tenant_id', '=', 't.tenant_id').onRef('d.id', '=', 't.dossier_id'))
    .leftJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 't.tenant_id').onRef('u.id', '=', 't.owner_user_id'))
    .select([
      't.id',
      't.kind',
      't.title',
      't.due_date',
      't.status',
      't.rule_id',
      't.created_at',
      't.done_at',
      't.owner_user_id',
      'u.display_name as owner_name',
      'w.id as worker_id',
      'w.birth_name',
      'w.usage_name',
      'w.first_names',
      'd.id as dossier_id',
      'd.reference as dossier_reference',
    ])
    .orderBy(sql`t.due_date asc nulls last`)
    .orderBy('t.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
}

/** Total and overdue count of a task list (same filters, overdue among open tasks). */
export async function countTasks(db: Q, q: TaskQuery, today: string) {
  const r = await taskBase(db, q)
    .select([sql<number>`count(*)::int`.as('total'), sql<number>`(count(*) filter (where t.status = 'a_faire' and t.due_date < ${today}))::int`.as('overdue')])
    .executeTakeFirstOrThrow();
  return { total: Number(r.total), overdue: Number(r.overdue) };
}

export async function findTaskForUpdate(db: Q, tenantId: string, id: string) {
  return db.selectFrom('task').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateTaskStatus(db: Q, tenantId: string, id: string, status: 'fait' | 'annule', userId: string | null, at: Date) {
  await db.updateTable('task').set({ status, done_at: at, done_by: userId }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function updateTaskOwner(db: Q, tenantId: string, id: string, ownerId: string | null) {
  await db.updateTable('task').set({ owner_user_id: ownerId }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Inserts tasks as given; a task already created by the same rule for the same subject is kept as is. */
export async function insertTasks(db: Q, rows: readonly Insertable<TaskTable>[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('task')
    .values(rows as Insertable<TaskTable>[])
    .onConflict((oc) => oc.columns(['tenant_id', 'rule_id', 'subject_ref']).where('rule_id', 'is not', null).doNothing())
    .execute();
}
