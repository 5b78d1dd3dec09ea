/**
 * SQL of the risk index (docs/risk-index.md): the facts of the health-record component, the
 * latest complete questionnaires (contract C1), the signed assessments (C2), the orientation
 * decisions and the bulk scores. Repositories never decide permissions.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

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

export interface QuestionnaireRow {
  id: string;
  questionnaire: string;
  score: number;
  category: string | null;
  outlook: number | null;
  company_id: string | null;
  company_name: string | null;
  completed_at: Date;
}

/** The worker's latest complete WAI or short form. */
export async function findLatestSelfQuestionnaire(db: Q, tenantId: string, workerId: string): Promise<QuestionnaireRow | null> {
  const r = await sql<QuestionnaireRow>`
    select id, questionnaire, score::float8 as score, category, (answers->>'outlook')::int as outlook,
           null::uuid as company_id, null::text as company_name, completed_at
    from questionnaire_response
    where tenant_id = ${tenantId} and worker_id = ${workerId} and status = 'complete'
      and questionnaire in ('wai', 'wai_court')
    order by completed_at desc limit 1`.execute(db);
  return r.rows[0] ?? null;
}

/** The latest complete employer assessment of one of the worker's current companies. */
export async function findLatestEmployerAssessment(db: Q, tenantId: string, workerId: string, today: string): Promise<QuestionnaireRow | null> {
  const r = await sql<QuestionnaireRow>`
    select q.id, q.questionnaire, q.score::float8 as score, q.category, null::int as outlook,
           q.company_id, c.name as company_name, q.completed_at
    from questionnaire_response q
    join company c on c.tenant_id = q.tenant_id and c.id = q.company_id
    where q.tenant_id = ${tenantId} and q.questionnaire = 'employeur' and q.status = 'complete'
      and q.company_id in (
        select company_id from employment
        where tenant_id = ${tenantId} and worker_id = ${workerId} and (end_date is null or end_date >= ${today}::date))
    order by q.completed_at desc limit 1`.execute(db);
  return r.rows[0] ?? null;
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
