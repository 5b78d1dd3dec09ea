/**
 * SQL of the intake rules: the facts the rules read (set-based) and the saved worklists (AM
 * weekly queries). The tasks the rules write are in task.repository.ts, the service's rule
 * settings in tenant-setting.repository.ts (key RULES_SETTING_KEY).
 * Large id lists travel as one array parameter (`= any($1::uuid[])`), never one per id.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

type Q = Kysely<DB>;

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
  /** Day of the worker's latest visite de mi-carrière held or planned (C. trav. L4624-2-2). */
  mi_carriere_visit_on: string | null;
  /** Latest year whose mi-carrière task (`worker:<id>:<year>[:anticipee]`) is done. */
  mi_carriere_done_year: number | null;
}

/**
 * In one statement: the arrêts `arretIds`, and every arrêt of their workers still running or
 * ended on or after `since`, each with its worker's birth date, open dossier and mi-carrière
 * facts (latest visite de mi-carrière not cancelled nor missed, latest year whose mi-carrière
 * task is done). Each row comes
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
    ), mv as (
      select v.worker_id, max((v.scheduled_at at time zone 'Europe/Paris')::date) as visit_on
      from visit v join tw on v.tenant_id = ${tenantId} and v.worker_id = tw.worker_id
      where v.kind = 'mi_carriere' and v.status in ('planifiee', 'realisee')
      group by v.worker_id
    ), md as (
      select k.worker_id, max(split_part(k.subject_ref, ':', 3)::int) as done_year
      from task k join tw on k.tenant_id = ${tenantId} and k.worker_id = tw.worker_id
      where k.rule_id = 'mi_carriere' and k.status = 'fait'
      group by k.worker_id
    )
    select concat_ws('|', a.id, a.worker_id, a.nature, a.start_date, coalesce(a.expected_end_date::text, ''),
                     coalesce(a.actual_end_date::text, ''), a.ald::int, (a.cancelled_at is not null)::int,
                     (t.id is not null)::int, w.birth_date, coalesce(od.id::text, ''),
                     coalesce(mv.visit_on::text, ''), coalesce(md.done_year::text, '')) as r
    from tw
    join worker w on w.tenant_id = ${tenantId} and w.id = tw.worker_id
    join arret a on a.tenant_id = ${tenantId} and a.worker_id = tw.worker_id
    left join t on t.id = a.id
    left join od on od.worker_id = tw.worker_id
    left join mv on mv.worker_id = tw.worker_id
    left join md on md.worker_id = tw.worker_id
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
      mi_carriere_visit_on: f[11] || null,
      mi_carriere_done_year: f[12] ? Number(f[12]) : null,
    };
  });
}

/**
 * The arrêts to re-evaluate when the rules change (rules recompute): every arrêt still running
 * or ended on or after `since` of the workers who have an open dossier.
 */
export async function findArretIdsOfOpenDossierWorkers(db: Q, tenantId: string, since: string, openStates: readonly string[]): Promise<string[]> {
  const r = await sql<{ id: string }>`
    select a.id from arret a
    where a.tenant_id = ${tenantId}
      and coalesce(a.actual_end_date, a.expected_end_date, current_date) >= ${since}::date
      and exists (select 1 from dossier d where d.tenant_id = a.tenant_id and d.worker_id = a.worker_id
                    and d.state = any(${openStates as string[]}::text[]))
  `.execute(db);
  return r.rows.map((x) => x.id);
}

/** Serialises the rules recompute of one service (two nodes starting together): held until the transaction ends. */
export async function lockRulesRecompute(db: Q, tenantId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(72317021, hashtext(${tenantId}))`.execute(db);
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
