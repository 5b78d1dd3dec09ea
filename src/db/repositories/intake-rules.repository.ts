/**
 * SQL of the intake rules: the facts the rules read (set-based), the tasks they write, the
 * service's rule settings, the task worklists and the saved worklists (AM weekly queries).
 * Large id lists travel as one array parameter (`= any($1::uuid[])`), never one per id.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

type Q = Kysely<DB>;

export const RULES_SETTING_KEY = 'intake_rules';

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

export async function findSetting(db: Q, tenantId: string, key: string) {
  return db.selectFrom('tenant_setting').select(['value', 'updated_at', 'updated_by']).where('tenant_id', '=', tenantId).where('key', '=', key).executeTakeFirst();
}

export async function upsertSetting(db: Q, tenantId: string, key: string, value: unknown, userId: string | null, at: Date) {
  await db
    .insertInto('tenant_setting')
    .values({ tenant_id: tenantId, key, value: JSON.stringify(value), updated_at: at, updated_by: userId })
    .onConflict((oc) => oc.columns(['tenant_id', 'key']).doUpdateSet({ value: JSON.stringify(value), updated_at: at, updated_by: userId }))
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Facts for the rules
// ---------------------------------------------------------------------------------------------

export interface RuleFactRow {
  id: string;
  worker_id: string;
  nature: string;
  start_date: string;
  expected_end_date: string | null;
  actual_end_date: string | null;
  ald: boolean;
  cancelled: boolean;
  target: boolean;
  birth_date: string;
  dossier_id: string | null;
}

/**
 * In one statement: the arrêts `arretIds`, and every arrêt of their workers still running or
 * ended on or after `since`, each with its worker's birth date and open dossier. Each row comes
 * packed in one text column (`|`-separated): on the embedded engine the per-value cost of a
 * result dominates, and these values never contain a `|`.
 */
export async function findRuleFacts(db: Q, tenantId: string, arretIds: readonly string[], since: string, openStates: readonly string[]): Promise<RuleFactRow[]> {
  const r = await sql<{ r: string }>`
    with t as (
      select id, worker_id from arret where tenant_id = ${tenantId} and id = any(${arretIds as string[]}::uuid[])
    ), tw as (
      select distinct worker_id from t
    ), od as (
      select distinct on (d.worker_id) d.worker_id, d.id
      from dossier d join tw on d.tenant_id = ${tenantId} and d.worker_id = tw.worker_id
      where d.state = any(${openStates as string[]}::text[])
      order by d.worker_id, d.opened_at desc
    )
    select concat_ws('|', a.id, a.worker_id, a.nature, a.start_date, coalesce(a.expected_end_date::text, ''),
                     coalesce(a.actual_end_date::text, ''), a.ald::int, (a.cancelled_at is not null)::int,
                     (t.id is not null)::int, w.birth_date, coalesce(od.id::text, '')) as r
    from tw
    join worker w on w.tenant_id = ${tenantId} and w.id = tw.worker_id
    join arret a on a.tenant_id = ${tenantId} and a.worker_id = tw.worker_id
    left join t on t.id = a.id
    left join od on od.worker_id = tw.worker_id
    where t.id is not null or coalesce(a.actual_end_date, a.expected_end_date, current_date) >= ${since}::date
  `.execute(db);
  return r.rows.map(({ r: line }) => {
    const f = line.split('|');
    return {
      id: f[0],
      worker_id: f[1],
      nature: f[2],
      start_date: f[3],
      expected_end_date: f[4] || null,
      actual_end_date: f[5] || null,
      ald: f[6] === '1',
      cancelled: f[7] === '1',
      target: f[8] === '1',
      birth_date: f[9],
      dossier_id: f[10] || null,
    };
  });
}

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

/**
 * Mi-carrière for a whole service in one statement: a task for every worker born between
 * `bornFrom` and `bornTo` who is currently employed, attached to his open dossier if any.
 */
export async function insertMiCarriereTasks(
  db: Q,
  p: { tenantId: string; bornFrom: string; bornTo: string; year: number; title: string; today: string; openStates: readonly string[]; at: Date },
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

// ---------------------------------------------------------------------------------------------
// Saved worklists (the Assurance maladie's weekly queries)
// ---------------------------------------------------------------------------------------------

export type ArretListFilter =
  | { kind: 'long'; startedOnOrBefore: string; today: string }
  | { kind: 'ald'; today: string }
  | { kind: 'repeated'; since: string; minCount: number };

/** Live arrêts (not cancelled, still running today): the FROM and WHERE of the arrêt lists. */
function liveArrets(db: Q, tenantId: string, f: Exclude<ArretListFilter, { kind: 'repeated' }>) {
  let q = db
    .selectFrom('arret as a')
    .where('a.tenant_id', '=', tenantId)
    .where('a.cancelled_at', 'is', null)
    .where(sql<boolean>`coalesce(a.actual_end_date, a.expected_end_date, ${f.today}::date) >= ${f.today}::date`)
    .where('a.start_date', '<=', f.today);
  if (f.kind === 'long') q = q.where('a.start_date', '<=', f.startedOnOrBefore);
  if (f.kind === 'ald') q = q.where('a.ald', '=', true);
  return q;
}

/** Workers with at least `minCount` live arrêts starting on or after `since`. */
function repeatedWorkers(db: Q, tenantId: string, f: Extract<ArretListFilter, { kind: 'repeated' }>) {
  return db
    .selectFrom('arret as a')
    .where('a.tenant_id', '=', tenantId)
    .where('a.cancelled_at', 'is', null)
    .where('a.start_date', '>=', f.since)
    .groupBy('a.worker_id')
    .having(sql`count(*)`, '>=', f.minCount)
    .select(['a.worker_id', sql<number>`count(*)::int`.as('n'), sql<string>`max(a.start_date)::text`.as('last_start')]);
}

export async function countArretList(db: Q, tenantId: string, f: ArretListFilter): Promise<number> {
  if (f.kind === 'repeated') {
    const r = await db.selectFrom(repeatedWorkers(db, tenantId, f).as('r')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }
  const r = await liveArrets(db, tenantId, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface ArretListRow {
  arret_id: string;
  worker_id: string;
  birth_name: string;
  usage_name: string | null;
  first_names: string;
  nature: string;
  ald: boolean;
  start_date: string;
  expected_end_date: string | null;
  actual_end_date: string | null;
  arret_count: number;
  company_name: string | null;
  company_id: string | null;
  dossier_id: string | null;
  dossier_reference: string | null;
}

/**
 * One page of an arrêt list with, per row, the worker, his current company and open dossier.
 * Sorted by urgency: the oldest start first (the longest arrêts); for repeated arrêts, the
 * workers with the most arrêts first.
 */
export async function findArretListPage(db: Q, tenantId: string, f: ArretListFilter, openStates: readonly string[], limit: number, offset: number): Promise<ArretListRow[]> {
  const page =
    f.kind === 'repeated'
      ? sql`
          select distinct on (r.worker_id) a.id as arret_id, r.worker_id, r.n as arret_count, r.last_start
          from (${repeatedWorkers(db, tenantId, f)}) r
          join arret a on a.tenant_id = ${tenantId} and a.worker_id = r.worker_id and a.cancelled_at is null
          order by r.worker_id, a.start_date desc`
      : sql`${liveArrets(db, tenantId, f).select(['a.id as arret_id', 'a.worker_id', sql`1`.as('arret_count'), 'a.start_date as last_start'])}`;
  const order = f.kind === 'repeated' ? sql`p.arret_count desc, p.last_start desc, p.worker_id` : sql`a.start_date asc, a.id`;
  const r = await sql<ArretListRow>`
    with p as (${page})
    select a.id as arret_id, w.id as worker_id, w.birth_name, w.usage_name, w.first_names,
           a.nature, a.ald, a.start_date, a.expected_end_date, a.actual_end_date, p.arret_count,
           c.name as company_name, c.id as company_id, od.id as dossier_id, od.reference as dossier_reference
    from p
    join arret a on a.tenant_id = ${tenantId} and a.id = p.arret_id
    join worker w on w.tenant_id = ${tenantId} and w.id = p.worker_id
    left join company c on c.tenant_id = ${tenantId} and c.id = coalesce(a.company_id, (
      select e.company_id from employment e where e.tenant_id = ${tenantId} and e.worker_id = w.id and e.end_date is null
      order by e.start_date desc limit 1))
    left join lateral (
      select d.id, d.reference from dossier d
      where d.tenant_id = ${tenantId} and d.worker_id = w.id and d.state = any(${openStates as string[]}::text[])
      order by d.opened_at desc limit 1
    ) od on true
    order by ${order}
    limit ${limit} offset ${offset}
  `.execute(db);
  return r.rows;
}

/** Fiches de liaison without an answer, the oldest first (the médecin conseil waits). */
export async function findPendingVprPage(db: Q, tenantId: string, openStates: readonly string[], limit: number, offset: number) {
  return db
    .selectFrom('vpr_orientation as v')
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'v.tenant_id').onRef('w.id', '=', 'v.worker_id'))
    .leftJoin('organisation as o', (j) => j.onRef('o.tenant_id', '=', 'v.tenant_id').onRef('o.id', '=', 'v.organisation_id'))
    .select((eb) => [
      'v.id',
      'v.filed_at',
      'v.filed_by_name',
      'o.name as organisation_name',
      'w.id as worker_id',
      'w.birth_name',
      'w.usage_name',
      'w.first_names',
      eb
        .selectFrom('dossier as d')
        .select(sql<string>`d.id || '|' || d.reference`.as('ref'))
        .whereRef('d.tenant_id', '=', 'v.tenant_id')
        .where((e) => e.or([e('d.id', '=', e.ref('v.dossier_id')), e.and([e('d.worker_id', '=', e.ref('v.worker_id')), e('d.state', 'in', openStates as string[])])]))
        .orderBy(sql`d.id = v.dossier_id`, 'desc')
        .limit(1)
        .as('dossier'),
    ])
    .where('v.tenant_id', '=', tenantId)
    .where('v.status', '=', 'en_attente')
    .orderBy('v.filed_at', 'asc')
    .orderBy('v.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Quarantined lines to reconcile, the oldest first; identity data stays in the flux screens. */
export async function findQuarantinePage(db: Q, tenantId: string, limit: number, offset: number) {
  return db
    .selectFrom('flux_quarantine as q')
    .leftJoin('import_batch as b', (j) => j.onRef('b.tenant_id', '=', 'q.tenant_id').onRef('b.id', '=', 'q.batch_id'))
    .select(['q.id', 'q.batch_id', 'q.line', 'q.emetteur', 'q.id_message', 'q.code', 'q.created_at', 'b.file_name'])
    .where('q.tenant_id', '=', tenantId)
    .where('q.status', '=', 'a_traiter')
    .orderBy('q.created_at', 'asc')
    .orderBy('q.id')
    .limit(limit)
    .offset(offset)
    .execute();
}
