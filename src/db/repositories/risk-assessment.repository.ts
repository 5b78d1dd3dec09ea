/**
 * SQL of the risk index (docs/risk-index.md): the facts of the health-record component, the
 * latest complete questionnaires (contract C1), the signed assessments (C2), the orientation
 * decisions and the bulk scores. Repositories never decide permissions.
 */
import { sql, type Insertable, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../schema';
import type { RiskScoreRunTable } from '../schema-risk/assessment';
import * as questionnaires from './questionnaire.repository';

type Q = Kysely<DB>;

// ---------------------------------------------------------------------------------------------
// Facts of the health-record component
// ---------------------------------------------------------------------------------------------

export async function findHealthProfile(db: Q, tenantId: string, workerId: string) {
  return db.selectFrom('worker_health_profile').selectAll().where('tenant_id', '=', tenantId).where('worker_id', '=', workerId).executeTakeFirst();
}

export async function upsertHealthProfile(
  db: Q,
  row: { tenant_id: string; worker_id: string; csp: string | null; cim_chapters: string[]; exposures: string[]; ald: boolean; updated_by: string | null; updated_at: Date },
) {
  const set = { csp: row.csp, cim_chapters: row.cim_chapters, exposures: row.exposures, ald: row.ald, updated_by: row.updated_by, updated_at: row.updated_at };
  await db
    .insertInto('worker_health_profile')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'worker_id']).doUpdateSet(set))
    .execute();
}

/** The worker's non-cancelled arrêts, newest first. */
export async function findArretFacts(db: Q, tenantId: string, workerId: string) {
  return db
    .selectFrom('arret')
    .select(['start_date', 'expected_end_date', 'actual_end_date', 'nature', 'ald'])
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .where('cancelled_at', 'is', null)
    .orderBy('start_date', 'desc')
    .limit(200)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Questionnaires (contract C1; read only)
// ---------------------------------------------------------------------------------------------

/** A complete questionnaire response as the index reads it (questionnaire.repository). */
export type QuestionnaireRow = questionnaires.CompleteResponseRow;

/** The worker's latest complete WAI or short form. */
export async function findLatestSelfQuestionnaire(db: Q, tenantId: string, workerId: string): Promise<QuestionnaireRow | null> {
  return questionnaires.findLatestCompleteResponse(db, tenantId, ['wai', 'wai_court'], { workerId });
}

/** The latest complete employer assessment of one of the worker's current companies. */
export async function findLatestEmployerAssessment(db: Q, tenantId: string, workerId: string, today: string): Promise<QuestionnaireRow | null> {
  return questionnaires.findLatestCompleteResponse(db, tenantId, ['employeur'], { employerOf: workerId, today });
}

// ---------------------------------------------------------------------------------------------
// Signed assessments (contract C2)
// ---------------------------------------------------------------------------------------------

export interface NewAssessment {
  tenant_id: string;
  worker_id: string;
  dossier_id: string | null;
  algorithm_id: string;
  algorithm_version: string;
  inputs: unknown;
  sub_scores: unknown;
  suggested_level: number;
  final_level: number;
  inaptitude_risk_level: number;
  rationale: string | null;
  author_user_id: string | null;
  author_name: string;
  signed_at: Date;
}

export async function insertAssessment(db: Q, a: NewAssessment) {
  return db
    .insertInto('risk_assessment')
    .values({ ...a, inputs: JSON.stringify(a.inputs), sub_scores: JSON.stringify(a.sub_scores) })
    .returning(['id', 'signed_at'])
    .executeTakeFirstOrThrow();
}

export async function findAssessments(db: Q, tenantId: string, workerId: string, limit = 100) {
  return db
    .selectFrom('risk_assessment')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .orderBy('signed_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function findLatestAssessment(db: Q, tenantId: string, workerId: string) {
  return (await findAssessments(db, tenantId, workerId, 1))[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Orientation decisions
// ---------------------------------------------------------------------------------------------

export async function insertOrientationDecision(
  db: Q,
  d: { tenant_id: string; dossier_id: string; worker_id: string; kind: string; value: string; rule_id: string | null; assessment_id: string | null; decision: string; reason: string | null; decided_by: string | null; decided_by_name: string; decided_at: Date },
) {
  return db.insertInto('orientation_decision').values(d).returning(['id', 'decided_at']).executeTakeFirstOrThrow();
}

export async function findOrientationDecisions(db: Q, tenantId: string, dossierId: string) {
  return db
    .selectFrom('orientation_decision')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('dossier_id', '=', dossierId)
    .orderBy('decided_at', 'desc')
    .limit(200)
    .execute();
}

export async function setFragilityLevel(db: Q, tenantId: string, dossierId: string, level: string, at: Date) {
  await db.updateTable('dossier').set({ fragility_level: level, updated_at: at, version: sql`version + 1` }).where('tenant_id', '=', tenantId).where('id', '=', dossierId).execute();
}

// ---------------------------------------------------------------------------------------------
// Bulk facts (demo seed, `risk score-all`, bench): one set-based statement per chunk of workers
// ---------------------------------------------------------------------------------------------

export interface BulkFactsRow {
  id: string;
  sex: number;
  birth_date: string;
  csp: string | null;
  cim_chapters: string[] | null;
  exposures: string[] | null;
  ald: boolean | null;
  has_profile: boolean;
  /** Non-cancelled arrêts packed as `start,expected,actual,nature,ald;…` (dates may be empty). */
  arrets: string | null;
  q_id: string | null;
  q_kind: string | null;
  q_score: number | null;
  q_outlook: number | null;
  q_at: Date | null;
  e_id: string | null;
  e_company_id: string | null;
  e_score: number | null;
  e_category: string | null;
  e_at: Date | null;
}

interface PackedFacts {
  f: string;
}

const epochMs = (col: string) => sql`(extract(epoch from ${sql.ref(col)}) * 1000)::bigint::text`;

const num = (v: string) => (v === '' ? null : Number(v));
const text = (v: string) => (v === '' ? null : v);
const list = (v: string) => (v === '' ? [] : v.split(','));
const instant = (v: string) => (v === '' ? null : new Date(Number(v)));

/** One row of `indexFactsQuery` back into its fields (the order of its `array[…]`). */
export function unpackFacts({ f }: PackedFacts): BulkFactsRow {
  const v = f.split('\x1f');
  const hasProfile = v[3] === '1';
  return {
    id: v[0],
    sex: Number(v[1]),
    birth_date: v[2],
    has_profile: hasProfile,
    csp: text(v[4]),
    cim_chapters: hasProfile ? list(v[5]) : null,
    exposures: hasProfile ? list(v[6]) : null,
    ald: hasProfile ? v[7] === '1' : null,
    arrets: text(v[8]),
    q_id: text(v[9]),
    q_kind: text(v[10]),
    q_score: num(v[11]),
    q_outlook: num(v[12]),
    q_at: instant(v[13]),
    e_id: text(v[14]),
    e_company_id: text(v[15]),
    e_score: num(v[16]),
    e_category: text(v[17]),
    e_at: instant(v[18]),
  };
}

/**
 * The index facts of the tenant's workers, one row per worker, in one statement of aggregates
 * (no per-row subquery): the packed non-cancelled arrêts, the health profile, the latest complete
 * self-questionnaire, and the latest complete employer questionnaire of a current employer.
 * `workerIds` restricts it to those workers; without it, the whole tenant (sequential scans and
 * hash joins: no random access per worker). Each row is packed into one text (fields separated by
 * the control character U+001F): one value to transfer instead of nineteen, which is most of
 * the cost of reading a million rows out of the embedded engine; `unpackFacts` reads it back.
 */
function indexFactsQuery(tenantId: string, today: string, workerIds?: readonly string[]): RawBuilder<PackedFacts> {
  const only = (col: string) => (workerIds ? sql`and ${sql.ref(col)} = any(${workerIds as string[]}::uuid[])` : sql``);
  return sql<PackedFacts>`
    with a as (
      select worker_id, string_agg(concat_ws(',', start_date, coalesce(expected_end_date::text, ''), coalesce(actual_end_date::text, ''), nature, ald::int), ';') as arrets
      from arret where tenant_id = ${tenantId} ${only('worker_id')} and cancelled_at is null
      group by worker_id
    ), q as (
      select distinct on (worker_id) worker_id, id, questionnaire, score::float8 as score, (answers->>'outlook')::int as outlook, completed_at
      from questionnaire_response
      where tenant_id = ${tenantId} and worker_id is not null ${only('worker_id')} and status = 'complete' and questionnaire in ('wai', 'wai_court')
      order by worker_id, completed_at desc
    ), c as (
      select distinct on (company_id) company_id, id, score::float8 as score, category, completed_at
      from questionnaire_response
      where tenant_id = ${tenantId} and company_id is not null and questionnaire = 'employeur' and status = 'complete'
      order by company_id, completed_at desc
    ), e as (
      select distinct on (em.worker_id) em.worker_id, c.id, c.company_id, c.score, c.category, c.completed_at
      from employment em join c on c.company_id = em.company_id
      where em.tenant_id = ${tenantId} ${only('em.worker_id')} and (em.end_date is null or em.end_date >= ${today}::date)
      order by em.worker_id, c.completed_at desc
    )
    select array_to_string(array[
             w.id::text, w.sex::text, w.birth_date::text, (p.worker_id is not null)::int::text, p.csp,
             array_to_string(p.cim_chapters, ','), array_to_string(p.exposures, ','), p.ald::int::text, a.arrets,
             q.id::text, q.questionnaire, q.score::text, q.outlook::text, ${epochMs('q.completed_at')},
             e.id::text, e.company_id::text, e.score::text, e.category, ${epochMs('e.completed_at')}
           ], chr(31), '') as f
    from worker w
    left join worker_health_profile p on p.tenant_id = w.tenant_id and p.worker_id = w.id
    left join a on a.worker_id = w.id
    left join q on q.worker_id = w.id
    left join e on e.worker_id = w.id
    where w.tenant_id = ${tenantId} ${only('w.id')}`;
}

/** Index facts of the workers whose id is in `workerIds` (demo seed). */
export async function findIndexFactsBulk(db: Q, tenantId: string, workerIds: readonly string[], today: string): Promise<BulkFactsRow[]> {
  if (workerIds.length === 0) return [];
  return (await indexFactsQuery(tenantId, today, workerIds).execute(db)).rows.map(unpackFacts);
}

const FACTS_CURSOR = sql.raw('risk_index_facts');

/**
 * Opens a cursor over the index facts of every worker of the tenant (`risk score-all`): one
 * statement for the whole tenant, read by `fetchIndexFacts` in slices. Inside a transaction.
 */
export async function openIndexFactsCursor(db: Q, tenantId: string, today: string): Promise<void> {
  // The whole tenant's aggregates fit in memory: without this the hash joins spill to temporary files.
  await sql`set local work_mem = '128MB'`.execute(db);
  // Every row is read: plan for the whole result, not for the first tenth (the cursor default).
  await sql`set local cursor_tuple_fraction = 1`.execute(db);
  await sql`declare ${FACTS_CURSOR} no scroll cursor for ${indexFactsQuery(tenantId, today)}`.execute(db);
}

/** The next `n` rows of the cursor opened by `openIndexFactsCursor` (fewer at the end). */
export async function fetchIndexFacts(db: Q, n: number): Promise<BulkFactsRow[]> {
  return (await sql<PackedFacts>`fetch forward ${sql.lit(n)} from ${FACTS_CURSOR}`.execute(db)).rows.map(unpackFacts);
}

export async function closeIndexFactsCursor(db: Q): Promise<void> {
  await sql`close ${FACTS_CURSOR}`.execute(db);
}

/** Upserts the bulk suggestions of a slice (arrays travel as one parameter each). */
export async function upsertRiskScores(db: Q, tenantId: string, rows: { workerId: string; probability: number; level: number }[]) {
  if (rows.length === 0) return;
  await sql`
    insert into risk_score (tenant_id, worker_id, health_probability, suggested_level)
    select ${tenantId}, w, p, l
    from unnest(${rows.map((r) => r.workerId)}::uuid[], ${rows.map((r) => r.probability)}::real[], ${rows.map((r) => r.level)}::smallint[]) as t(w, p, l)
    on conflict (tenant_id, worker_id) do update set health_probability = excluded.health_probability, suggested_level = excluded.suggested_level`.execute(db);
}

/** Records the tenant's last run (replacing the previous one), in the transaction of its rows. */
export async function saveRiskScoreRun(db: Q, run: Insertable<RiskScoreRunTable>) {
  await db
    .insertInto('risk_score_run')
    .values(run)
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet((eb) => ({
      algorithm_id: eb.ref('excluded.algorithm_id'),
      algorithm_version: eb.ref('excluded.algorithm_version'),
      model_id: eb.ref('excluded.model_id'),
      model_version: eb.ref('excluded.model_version'),
      model_validated: eb.ref('excluded.model_validated'),
      computed_at: eb.ref('excluded.computed_at'),
      workers: eb.ref('excluded.workers'),
      level_counts: eb.ref('excluded.level_counts'),
    })))
    .execute();
}
