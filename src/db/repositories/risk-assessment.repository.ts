/**
 * SQL of the risk index (docs/risk-index.md): the facts of the health-record component, the
 * latest complete questionnaires (contract C1), the signed assessments (C2), the orientation
 * decisions and the bulk scores. Repositories never decide permissions.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';
import * as questionnaires from './questionnaire.repository';

type Q = Kysely<DB>;

export const ORIENTATION_SETTING_KEY = 'risk_orientation';

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

/** Index facts of the workers whose id is in `workerIds`, in one statement (aggregates, no per-row subquery). */
export async function findIndexFactsBulk(db: Q, tenantId: string, workerIds: readonly string[], today: string, contiguous = false): Promise<BulkFactsRow[]> {
  if (workerIds.length === 0) return [];
  const ids = workerIds as string[];
  // A contiguous keyset chunk (every worker of the tenant between the first and last id) is read
  // with range scans, much cheaper than probing each id.
  const sorted = contiguous ? ids : [];
  const inChunk = (col: string) =>
    contiguous ? sql`${sql.ref(col)} between ${sorted[0]}::uuid and ${sorted[sorted.length - 1]}::uuid` : sql`${sql.ref(col)} = any(${ids}::uuid[])`;
  const r = await sql<BulkFactsRow>`
    with a as (
      select worker_id, string_agg(concat_ws(',', start_date, coalesce(expected_end_date::text, ''), coalesce(actual_end_date::text, ''), nature, ald::int), ';') as arrets
      from arret where tenant_id = ${tenantId} and ${inChunk('worker_id')} and cancelled_at is null
      group by worker_id
    ), q as (
      select distinct on (worker_id) worker_id, id, questionnaire, score::float8 as score, (answers->>'outlook')::int as outlook, completed_at
      from questionnaire_response
      where tenant_id = ${tenantId} and ${inChunk('worker_id')} and status = 'complete' and questionnaire in ('wai', 'wai_court')
      order by worker_id, completed_at desc
    ), e as (
      select distinct on (em.worker_id) em.worker_id, r.id, r.company_id, r.score::float8 as score, r.category, r.completed_at
      from employment em
      join questionnaire_response r on r.tenant_id = em.tenant_id and r.company_id = em.company_id
        and r.questionnaire = 'employeur' and r.status = 'complete'
      where em.tenant_id = ${tenantId} and ${inChunk('em.worker_id')} and (em.end_date is null or em.end_date >= ${today}::date)
      order by em.worker_id, r.completed_at desc
    )
    select w.id, w.sex, w.birth_date::text as birth_date, p.csp, p.cim_chapters, p.exposures, p.ald, (p.worker_id is not null) as has_profile,
           a.arrets, q.id as q_id, q.questionnaire as q_kind, q.score as q_score, q.outlook as q_outlook, q.completed_at as q_at,
           e.id as e_id, e.company_id as e_company_id, e.score as e_score, e.category as e_category, e.completed_at as e_at
    from worker w
    left join worker_health_profile p on p.tenant_id = w.tenant_id and p.worker_id = w.id and ${inChunk('p.worker_id')}
    left join a on a.worker_id = w.id
    left join q on q.worker_id = w.id
    left join e on e.worker_id = w.id
    where w.tenant_id = ${tenantId} and ${inChunk('w.id')}`.execute(db);
  return r.rows;
}

/** Upserts the bulk suggestions of a chunk (arrays travel as one parameter each). */
export async function upsertRiskScores(db: Q, tenantId: string, rows: { workerId: string; probability: number; level: number }[], algorithmId: string, algorithmVersion: string, at: Date) {
  if (rows.length === 0) return;
  await sql`
    insert into risk_score (tenant_id, worker_id, algorithm_id, algorithm_version, health_probability, suggested_level, computed_at)
    select ${tenantId}, w, ${algorithmId}, ${algorithmVersion}, p, l, ${at}
    from unnest(${rows.map((r) => r.workerId)}::uuid[], ${rows.map((r) => r.probability)}::real[], ${rows.map((r) => r.level)}::smallint[]) as t(w, p, l)
    on conflict (tenant_id, worker_id) do update set algorithm_id = excluded.algorithm_id, algorithm_version = excluded.algorithm_version,
      health_probability = excluded.health_probability, suggested_level = excluded.suggested_level, computed_at = excluded.computed_at`.execute(db);
}
