/** SQL of the questionnaires (migration 0013): responses and personal links. No permission is decided here. */
import type { Insertable, Kysely, Updateable } from 'kysely';
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
