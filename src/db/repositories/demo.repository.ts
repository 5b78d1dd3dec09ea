/**
 * SQL of the demo data (src/demo): the reads the seeders pick their people and dossiers with,
 * and the bulk writes of fixtures that no service writes (history in the past, pre-computed
 * assessments). The demo writes through these functions and the other repositories, never
 * with SQL of its own.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../schema';

type Q = Kysely<DB>;

// ---------------------------------------------------------------------------------------------
// Writing rows
// ---------------------------------------------------------------------------------------------

/**
 * Inserts fixture rows into `table`, `batch` rows per statement (default: all in one);
 * `ignoreConflicts`: rows hitting a unique constraint are skipped; for `task`, only the
 * (tenant, rule, subject) one of the rules.
 */
export async function insertRows<T extends keyof DB & string>(
  db: Q,
  table: T,
  rows: readonly Insertable<DB[T]>[],
  opts: { batch?: number; ignoreConflicts?: boolean } = {},
): Promise<void> {
  const batch = opts.batch ?? (rows.length || 1);
  for (let i = 0; i < rows.length; i += batch) {
    // The generic table type defeats Kysely's per-table inference; rows are typed by the caller.
    let q = db.insertInto(table).values(rows.slice(i, i + batch) as never);
    if (opts.ignoreConflicts) {
      q = table === 'task'
        ? q.onConflict((oc) => oc.columns(['tenant_id', 'rule_id', 'subject_ref'] as never).where('rule_id' as never, 'is not', null).doNothing())
        : q.onConflict((oc) => oc.doNothing());
    }
    await q.execute();
  }
}

/** Inserts one fixture row and returns its id. */
export async function insertRowReturningId<T extends 'dossier' | 'meeting'>(db: Q, table: T, row: Insertable<DB[T]>): Promise<string> {
  const r = await db.insertInto(table).values(row as never).returning('id' as never).executeTakeFirstOrThrow();
  return (r as unknown as { id: string }).id;
}

/** Inserts arrêts and returns their ids, in order. */
export async function insertArrets(db: Q, rows: readonly Insertable<DB['arret']>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  return (await db.insertInto('arret').values(rows as Insertable<DB['arret']>[]).returning('id').execute()).map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// The demo tenant
// ---------------------------------------------------------------------------------------------

export async function findTenantIdBySlug(db: Q, slug: string) {
  return (await db.selectFrom('tenant').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}

export async function setCounter(db: Q, tenantId: string, name: string, value: number) {
  await db.insertInto('tenant_counter').values({ tenant_id: tenantId, name, value }).execute();
}

export async function findTenantSlug(db: Q, tenantId: string): Promise<string> {
  return (await db.selectFrom('tenant').select('slug').where('id', '=', tenantId).executeTakeFirstOrThrow()).slug;
}

/** The service's own organisation (kind `spsti`). */
export async function findSpsti(db: Q, tenantId: string) {
  return db.selectFrom('organisation').select('id').where('tenant_id', '=', tenantId).where('kind', '=', 'spsti').executeTakeFirstOrThrow();
}

export async function findOrganisations(db: Q, tenantId: string) {
  return db.selectFrom('organisation').select(['id', 'kind']).where('tenant_id', '=', tenantId).orderBy('name').execute();
}

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

/** The first membership of the account whose e-mail starts with `local@`, with its organisation. */
export async function findMemberByLocalPart(db: Q, tenantId: string, local: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('membership as m', (j) => j.onRef('m.tenant_id', '=', 'u.tenant_id').onRef('m.user_id', '=', 'u.id'))
    .innerJoin('organisation as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.organisation_id'))
    .select(['u.id', 'u.display_name', 'u.worker_id', 'm.role', 'o.id as organisation_id', 'o.kind', 'o.company_id'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.email', 'like', `${local}@%`)
    .orderBy('m.created_at')
    .executeTakeFirst();
}

/** Accounts by e-mail pattern(s) (`like`), ordered by e-mail. */
export async function findUsersByEmail(db: Q, tenantId: string, patterns: readonly string[]) {
  return db
    .selectFrom('app_user')
    .select(['id', 'email', 'display_name', 'worker_id'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or(patterns.map((p) => eb('email', 'like', p))))
    .orderBy('email')
    .execute();
}

/** Accounts with exactly these e-mails, ordered by e-mail. */
export async function findUsersByEmails(db: Q, tenantId: string, emails: readonly string[]) {
  return db.selectFrom('app_user').select(['id', 'email', 'display_name', 'worker_id']).where('tenant_id', '=', tenantId).where('email', 'in', emails as string[]).orderBy('email').execute();
}

export async function findUser(db: Q, id: string) {
  return db.selectFrom('app_user').select(['worker_id', 'display_name']).where('id', '=', id).executeTakeFirst();
}

/** The first account linked to a worker (the demo worker), by e-mail. */
export async function findFirstWorkerAccount(db: Q, tenantId: string) {
  return db.selectFrom('app_user').select('worker_id').where('tenant_id', '=', tenantId).where('worker_id', 'is not', null).orderBy('email').executeTakeFirst();
}

export async function findWorkerByEmailLike(db: Q, tenantId: string, pattern: string) {
  return db.selectFrom('worker').select('id').where('tenant_id', '=', tenantId).where('email', 'like', pattern).executeTakeFirst();
}

/** Members of the service with role and organisation, ordered by e-mail. */
export async function findMembers(db: Q, tenantId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.user_id'))
    .select(['u.id', 'm.role', 'u.email', 'm.organisation_id'])
    .where('m.tenant_id', '=', tenantId)
    .orderBy('u.email')
    .execute();
}

/** The first médecin du travail (by e-mail) with his organisation. */
export async function findFirstMedecin(db: Q, tenantId: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('membership as m', (j) => j.onRef('m.tenant_id', '=', 'u.tenant_id').onRef('m.user_id', '=', 'u.id'))
    .select(['u.id', 'u.display_name', 'm.organisation_id'])
    .where('u.tenant_id', '=', tenantId)
    .where('m.role', '=', 'medecin_travail')
    .orderBy('u.email')
    .executeTakeFirst();
}

/** Workers with a NIR and without a dossier in `openStates`, in a stable order; optionally employed (or not) by a company. */
export async function findFreeWorkers(db: Q, tenantId: string, openStates: readonly string[], opts: { companyId?: string; excludeCompanyId?: string; limit: number }) {
  let q = db
    .selectFrom('worker as w')
    .select(['w.id', 'w.nir', 'w.birth_name', 'w.first_names', 'w.birth_date'])
    .where('w.tenant_id', '=', tenantId)
    .where('w.nir', 'is not', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('dossier as d').select('d.id').whereRef('d.tenant_id', '=', 'w.tenant_id').whereRef('d.worker_id', '=', 'w.id').where('d.state', 'in', openStates as string[]))));
  const employed = (companyId: string) =>
    sql<boolean>`exists (select 1 from employment e where e.tenant_id = w.tenant_id and e.worker_id = w.id and e.company_id = ${companyId} and e.end_date is null)`;
  if (opts.companyId) q = q.where(employed(opts.companyId));
  if (opts.excludeCompanyId) q = q.where(sql<boolean>`not ${employed(opts.excludeCompanyId)}`);
  return q.orderBy('w.birth_name').orderBy('w.first_names').orderBy('w.birth_date').limit(opts.limit).execute();
}

/** Every worker of the service in a stable order. */
export async function findAllWorkerIds(db: Q, tenantId: string) {
  return db.selectFrom('worker').select('id').where('tenant_id', '=', tenantId).orderBy('birth_name').orderBy('first_names').orderBy('birth_date').orderBy('id').execute();
}

/** Employed workers without any dossier (one row per employment), in a stable order. */
export async function findEmployedWorkersWithoutDossier(db: Q, tenantId: string, limit: number) {
  return db
    .selectFrom('worker as w')
    .innerJoin('employment as e', (j) => j.onRef('e.tenant_id', '=', 'w.tenant_id').onRef('e.worker_id', '=', 'w.id'))
    .select(['w.id', 'e.company_id'])
    .where('w.tenant_id', '=', tenantId)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('dossier as d').select('d.id').whereRef('d.worker_id', '=', 'w.id'))))
    .orderBy('w.id')
    .limit(limit)
    .execute();
}

/** Dossiers in `states` whose worker consents to sharing with `organisationId`. */
export async function findConsentedDossierIds(db: Q, tenantId: string, organisationId: string, states: readonly string[]): Promise<string[]> {
  const r = await db
    .selectFrom('consent as k')
    .innerJoin('dossier as d', (j) => j.onRef('d.tenant_id', '=', 'k.tenant_id').onRef('d.worker_id', '=', 'k.worker_id'))
    .select('d.id')
    .distinct()
    .where('k.tenant_id', '=', tenantId)
    .where('k.recipient_organisation_id', '=', organisationId)
    .where('k.withdrawn_at', 'is', null)
    .where('d.state', 'in', states as string[])
    .orderBy('d.id')
    .execute();
  return r.map((x) => x.id);
}

export async function findCompanyIds(db: Q, tenantId: string, limit: number) {
  return db.selectFrom('company').select('id').where('tenant_id', '=', tenantId).orderBy('name').orderBy('id').limit(limit).execute();
}

// ---------------------------------------------------------------------------------------------
// Intake: signals and rules
// ---------------------------------------------------------------------------------------------

export async function hasEmployerDeclaration(db: Q, tenantId: string): Promise<boolean> {
  return (await db.selectFrom('employer_declaration').select('id').where('tenant_id', '=', tenantId).executeTakeFirst()) !== undefined;
}

/**
 * Workers for the rules demo: first those of dossiers followed by `staffIds` (their « Mes
 * tâches »), then others, none with an arrêt yet, in a stable order (NIR).
 */
export async function findRulesDemoWorkers(db: Q, tenantId: string, staffIds: readonly string[], limit: number) {
  const followed = await sql<{ id: string; sex: number }>`
    select w.id, w.sex from worker w
    where w.tenant_id = ${tenantId}
      and exists (select 1 from dossier d join dossier_assignment a on a.tenant_id = d.tenant_id and a.dossier_id = d.id
                  where d.tenant_id = w.tenant_id and d.worker_id = w.id and a.user_id = any(${staffIds as string[]}::uuid[])
                    and d.state in ('signale', 'a_evaluer', 'en_accompagnement', 'suivi'))
      and not exists (select 1 from arret x where x.tenant_id = w.tenant_id and x.worker_id = w.id)
    order by w.nir limit 60`.execute(db);
  const others = await sql<{ id: string; sex: number }>`
    select w.id, w.sex from worker w
    where w.tenant_id = ${tenantId} and w.nir is not null
      and not exists (select 1 from arret x where x.tenant_id = w.tenant_id and x.worker_id = w.id)
      and not (w.id = any(${followed.rows.map((r) => r.id)}::uuid[]))
    order by w.nir limit ${limit}`.execute(db);
  return [...followed.rows, ...others.rows].slice(0, limit);
}

/** Each worker's current employer (latest open employment). */
export async function findCurrentEmployers(db: Q, tenantId: string, workerIds: readonly string[]) {
  const r = await sql<{ worker_id: string; company_id: string }>`
    select distinct on (e.worker_id) e.worker_id, e.company_id from employment e
    where e.tenant_id = ${tenantId} and e.worker_id = any(${workerIds as string[]}::uuid[]) and e.end_date is null
    order by e.worker_id, e.start_date desc`.execute(db);
  return r.rows;
}

/** Gives the open rule tasks of their dossiers to `staffIds`, and leaves a few « rdv de liaison » overdue since `overdueDate`. */
export async function assignDemoRuleTasks(db: Q, tenantId: string, staffIds: readonly string[], overdueDate: string) {
  await sql`
    update task t set owner_user_id = a.user_id
    from dossier_assignment a
    where t.tenant_id = ${tenantId} and a.tenant_id = t.tenant_id and a.dossier_id = t.dossier_id
      and a.user_id = any(${staffIds as string[]}::uuid[]) and t.status = 'a_faire'
      and t.rule_id in ('visite_reprise', 'pre_reprise', 'plafond_ij', 'fin_droits_ald')`.execute(db);
  await sql`
    update task set due_date = ${overdueDate}::date
    where tenant_id = ${tenantId} and status = 'a_faire' and rule_id = 'rdv_liaison'
      and id in (select t.id from task t join dossier_assignment a on a.tenant_id = t.tenant_id and a.dossier_id = t.dossier_id
                 where t.tenant_id = ${tenantId} and a.user_id = any(${staffIds as string[]}::uuid[]) and t.rule_id = 'rdv_liaison'
                 order by t.subject_ref limit 6)`.execute(db);
}

// ---------------------------------------------------------------------------------------------
// Dossiers
// ---------------------------------------------------------------------------------------------

export async function findDossiers(db: Q, tenantId: string) {
  return db.selectFrom('dossier').select(['id', 'worker_id', 'state', 'state_changed_at', 'opened_at', 'reference']).where('tenant_id', '=', tenantId).orderBy('reference').execute();
}

export async function findDossiersInStates(db: Q, tenantId: string, states: readonly string[]) {
  return db.selectFrom('dossier').select(['worker_id', 'id']).where('tenant_id', '=', tenantId).where('state', 'in', states as string[]).orderBy('reference').execute();
}

/** Dossiers « En accompagnement » of workers other than `exceptWorkerId`, by reference. */
export async function findAccompaniedDossiers(db: Q, tenantId: string, exceptWorkerId: string | null, limit: number) {
  return db
    .selectFrom('dossier')
    .select(['id', 'worker_id', 'lead_organisation_id'])
    .where('tenant_id', '=', tenantId)
    .where('state', '=', 'en_accompagnement')
    .where('worker_id', '<>', exceptWorkerId ?? '00000000-0000-0000-0000-000000000000')
    .orderBy('reference')
    .limit(limit)
    .execute();
}

/** Dossiers for the measures demo, each with its owner and the arrêt running today. */
export async function findMeasureDemoDossiers(db: Q, tenantId: string, today: string, exceptWorkerId: string | null, limit: number) {
  const r = await sql<{ id: string; worker_id: string; owner: string | null; arret_start: string | null; arret_end: string | null }>`
    select d.id, d.worker_id,
      (select a.user_id from dossier_assignment a where a.tenant_id = d.tenant_id and a.dossier_id = d.id order by a.is_referent desc, a.user_id limit 1) as owner,
      ar.start_date::text as arret_start, coalesce(ar.actual_end_date, ar.expected_end_date)::text as arret_end
    from dossier d
    left join lateral (select x.start_date, x.actual_end_date, x.expected_end_date from arret x
                       where x.tenant_id = d.tenant_id and x.worker_id = d.worker_id and x.cancelled_at is null
                         and x.start_date <= ${today}::date and coalesce(x.actual_end_date, x.expected_end_date, ${today}::date) >= ${today}::date
                       order by x.start_date desc limit 1) ar on true
    where d.tenant_id = ${tenantId} and d.state in ('a_evaluer', 'en_accompagnement', 'suivi')
      ${exceptWorkerId ? sql`and d.worker_id <> ${exceptWorkerId}` : sql``}
    order by d.reference limit ${limit}`.execute(db);
  return r.rows;
}

/** The worker's latest dossier with its owner. */
export async function findLatestDossierOfWorker(db: Q, tenantId: string, workerId: string) {
  const r = await sql<{ id: string; worker_id: string; owner: string | null }>`
    select d.id, d.worker_id, (select a.user_id from dossier_assignment a where a.tenant_id = d.tenant_id and a.dossier_id = d.id order by a.is_referent desc limit 1) as owner
    from dossier d where d.tenant_id = ${tenantId} and d.worker_id = ${workerId} order by d.opened_at desc limit 1`.execute(db);
  return r.rows[0];
}

/** Does an arrêt of the worker cover the whole period [from, to]? */
export async function hasArretCovering(db: Q, tenantId: string, workerId: string, from: string, to: string): Promise<boolean> {
  const r = await sql<{ n: number }>`select count(*)::int as n from arret x where x.tenant_id = ${tenantId} and x.worker_id = ${workerId} and x.cancelled_at is null
    and x.start_date <= ${from}::date and coalesce(x.actual_end_date, x.expected_end_date) >= ${to}::date`.execute(db);
  return r.rows[0].n > 0;
}

/** Sets the fragility level of dossiers (orientation decisions of the demo). */
export async function setFragilityLevels(db: Q, tenantId: string, rows: ReadonlyArray<{ dossierId: string; level: string; at: Date }>) {
  if (rows.length === 0) return;
  await sql`update dossier d set fragility_level = t.level, updated_at = t.at, version = d.version + 1
    from unnest(${rows.map((f) => f.dossierId)}::uuid[], ${rows.map((f) => f.level)}::text[], ${rows.map((f) => f.at.toISOString())}::timestamptz[]) as t(id, level, at)
    where d.tenant_id = ${tenantId} and d.id = t.id`.execute(db);
}

// ---------------------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------------------

/** Open « visite de reprise » tasks attached to a dossier, soonest first. */
export async function findOpenRepriseTasks(db: Q, tenantId: string, limit: number) {
  return db
    .selectFrom('task')
    .select(['id', 'worker_id', 'dossier_id', 'subject_ref', 'due_date'])
    .where('tenant_id', '=', tenantId)
    .where('rule_id', '=', 'visite_reprise')
    .where('status', '=', 'a_faire')
    .where('dossier_id', 'is not', null)
    .orderBy('due_date')
    .limit(limit)
    .execute();
}

export async function closeTasks(db: Q, tenantId: string, ids: readonly string[], by: string, at: Date) {
  if (ids.length === 0) return;
  await db.updateTable('task').set({ status: 'fait', done_at: at, done_by: by }).where('tenant_id', '=', tenantId).where('id', 'in', ids as string[]).execute();
}

// ---------------------------------------------------------------------------------------------
// Risk
// ---------------------------------------------------------------------------------------------

export async function hasRiskAssessment(db: Q, tenantId: string): Promise<boolean> {
  return (await db.selectFrom('risk_assessment').select('id').where('tenant_id', '=', tenantId).limit(1).execute()).length > 0;
}

/** Is the risk module's table there (the module's migration applied)? */
export async function hasRiskTables(db: Q): Promise<boolean> {
  return (await sql<{ t: string | null }>`select to_regclass('risk_assessment')::text as t`.execute(db)).rows[0]?.t != null;
}

/** Workers with arrêts (and `selfWorkerId` first), with their open dossier, for the assessment demo. */
export async function findAssessmentDemoWorkers(db: Q, tenantId: string, selfWorkerId: string | null, limit: number) {
  const r = await sql<{ id: string; sex: number; birth_date: string; dossier_id: string | null }>`
    select w.id, w.sex, w.birth_date::text as birth_date,
      (select d.id from dossier d where d.tenant_id = w.tenant_id and d.worker_id = w.id
         and d.state in ('signale', 'a_evaluer', 'en_accompagnement', 'suivi') order by d.opened_at desc limit 1) as dossier_id
    from worker w
    where w.tenant_id = ${tenantId}
      and (exists (select 1 from arret a where a.tenant_id = w.tenant_id and a.worker_id = w.id) or w.id = ${selfWorkerId}::uuid)
    order by (w.id = ${selfWorkerId}::uuid) desc nulls last, w.birth_name, w.first_names, w.birth_date
    limit ${limit}`.execute(db);
  return r.rows;
}

export interface OutcomeSource {
  worker_id: string;
  inputs: unknown;
  sub_scores: unknown;
  algorithm_id: string;
  algorithm_version: string;
  suggested_level: number;
  final_level: number;
  inaptitude_risk_level: number | null;
}

/** The earliest demo assessment holding features of workers without an account or an inaptitude record. */
export async function findOutcomeSources<T = OutcomeSource>(db: Q, tenantId: string, limit: number): Promise<T[]> {
  const r = await sql<T>`
    select a.worker_id, a.inputs, a.sub_scores, a.algorithm_id, a.algorithm_version, a.suggested_level, a.final_level, a.inaptitude_risk_level
    from worker w
    join lateral (
      select * from risk_assessment ra
      where ra.tenant_id = w.tenant_id and ra.worker_id = w.id and jsonb_typeof(ra.inputs -> 'features') = 'object'
      order by ra.signed_at, ra.id limit 1
    ) a on true
    where w.tenant_id = ${tenantId}
      and not exists (select 1 from app_user u where u.tenant_id = w.tenant_id and u.worker_id = w.id)
      and not exists (select 1 from inaptitude i where i.tenant_id = w.tenant_id and i.worker_id = w.id)
    order by w.birth_name, w.first_names, w.birth_date
    limit ${limit}`.execute(db);
  return r.rows;
}

/** Historical risk levels reported from the medical file (signed in the past, no inputs). */
export async function insertHistoricalIndex(db: Q, tenantId: string, rows: ReadonlyArray<{ workerId: string; level: number; signedAt: Date }>, authorId: string) {
  for (const r of rows) {
    await sql`
      insert into risk_assessment (tenant_id, worker_id, algorithm_id, algorithm_version, inputs, sub_scores, suggested_level, final_level, inaptitude_risk_level, rationale, author_user_id, author_name, signed_at)
      values (${tenantId}::uuid, ${r.workerId}::uuid, 'saisie-historique', '1', '{}'::jsonb, '{}'::jsonb, ${r.level}, ${r.level}, ${r.level},
              'Niveau reporté du dossier médical (visite périodique antérieure).', ${authorId}::uuid, 'Dr Claire Lemaire', ${r.signedAt})
    `.execute(db);
  }
}
