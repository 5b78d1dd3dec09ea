/** SQL of the questionnaires (migration 0013): responses and personal links. No permission is decided here. */
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB } from '../schema';
import type { QuestionnaireLinkTable, QuestionnaireResponseTable } from '../schema-risk/questionnaires';

type Q = Kysely<DB>;

export async function insertResponse(db: Q, row: Insertable<QuestionnaireResponseTable>) {
  return db.insertInto('questionnaire_response').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateResponse(db: Q, tenantId: string, id: string, patch: Updateable<QuestionnaireResponseTable>) {
  return db.updateTable('questionnaire_response').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function findResponse(db: Q, tenantId: string, id: string, forUpdate = false) {
  const q = db.selectFrom('questionnaire_response').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

/** A worker's responses, newest first (with the name of who entered them). */
export async function listWorkerResponses(db: Q, tenantId: string, workerId: string, limit = 100) {
  return db
    .selectFrom('questionnaire_response as r')
    .leftJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.entered_by'))
    .selectAll('r')
    .select('u.display_name as entered_by_name')
    .where('r.tenant_id', '=', tenantId)
    .where('r.worker_id', '=', workerId)
    .orderBy('r.started_at', 'desc')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/** A company's employer questionnaires, newest first. */
export async function listCompanyResponses(db: Q, tenantId: string, companyId: string, limit = 50) {
  return db
    .selectFrom('questionnaire_response')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('company_id', '=', companyId)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function findCompanyDraft(db: Q, tenantId: string, companyId: string) {
  return db
    .selectFrom('questionnaire_response')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('company_id', '=', companyId)
    .where('status', '=', 'en_cours')
    .forUpdate()
    .executeTakeFirst();
}

/** A complete response as the risk index reads it (contract C1): its score, never its answers. */
export interface CompleteResponseRow {
  id: string;
  questionnaire: string;
  score: number;
  category: string | null;
  /** The answer `outlook` (the short form's prognosis: 1, 4 or 7); null where there is none. */
  outlook: number | null;
  company_id: string | null;
  company_name: string | null;
  completed_at: Date;
}

/**
 * Whose response: the worker's own (`workerId`), or an employer's about a company employing the
 * worker `employerOf` on `today` (employment not ended before that day).
 */
export type ResponseSubject = { workerId: string } | { employerOf: string; today: string };

/** The latest complete response of one of `questionnaires` about the subject, or null. */
export async function findLatestCompleteResponse(
  db: Q,
  tenantId: string,
  questionnaires: readonly string[],
  subject: ResponseSubject,
): Promise<CompleteResponseRow | null> {
  if (questionnaires.length === 0) return null;
  const about =
    'workerId' in subject
      ? sql`q.worker_id = ${subject.workerId}`
      : sql`q.company_id in (
          select company_id from employment
          where tenant_id = ${tenantId} and worker_id = ${subject.employerOf} and (end_date is null or end_date >= ${subject.today}::date))`;
  const r = await sql<CompleteResponseRow>`
    select q.id, q.questionnaire, q.score::float8 as score, q.category, (q.answers->>'outlook')::int as outlook,
           q.company_id, c.name as company_name, q.completed_at
    from questionnaire_response q
    left join company c on c.tenant_id = q.tenant_id and c.id = q.company_id
    where q.tenant_id = ${tenantId} and q.status = 'complete'
      and q.questionnaire in (${sql.join(questionnaires)}) and ${about}
    order by q.completed_at desc limit 1`.execute(db);
  return r.rows[0] ?? null;
}

export async function insertLink(db: Q, row: Insertable<QuestionnaireLinkTable>) {
  return db.insertInto('questionnaire_link').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateLink(db: Q, tenantId: string, id: string, patch: Updateable<QuestionnaireLinkTable>) {
  return db.updateTable('questionnaire_link').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function findLink(db: Q, tenantId: string, id: string, forUpdate = false) {
  const q = db.selectFrom('questionnaire_link').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id);
  return (forUpdate ? q.forUpdate() : q).executeTakeFirst();
}

/**
 * System lookup of a link by its token hash, before the tenant is known (like a session): run
 * outside the tenant transaction, it returns only what names the acting worker: tenant, link, worker, organisation.
 */
export async function findLinkTenantByTokenHash(db: Q, tokenHash: string) {
  return db.selectFrom('questionnaire_link').select(['tenant_id', 'id', 'worker_id', 'organisation_id']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** A worker's links, newest first. */
export async function listWorkerLinks(db: Q, tenantId: string, workerId: string, limit = 50) {
  return db
    .selectFrom('questionnaire_link')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}
