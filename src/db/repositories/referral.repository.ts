/** SQL of referrals (adressages and transfers of the lead, contract C8). */
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB } from '../schema';
import type { ReferralTable } from '../schema-parcours/partners';

type Q = Kysely<DB>;

const COLUMNS = [
  'r.id', 'r.dossier_id', 'r.worker_id', 'r.organisation_id', 'r.kind', 'r.stage', 'r.late', 'r.status', 'r.reason',
  'r.response_note', 'r.responded_by_name', 'r.responded_at', 'r.feedback', 'r.feedback_by_name', 'r.feedback_at',
  'r.previous_lead_organisation_id', 'r.created_by_name', 'r.created_at', 'r.updated_at',
] as const;

function withOrganisation(db: Q) {
  return db
    .selectFrom('referral as r')
    .innerJoin('organisation as o', (j) => j.onRef('o.tenant_id', '=', 'r.tenant_id').onRef('o.id', '=', 'r.organisation_id'))
    .select([...COLUMNS, 'o.name as organisation_name', 'o.kind as organisation_kind']);
}

export type ReferralRow = Awaited<ReturnType<typeof findReferralsOfDossier>>[number];

export async function findReferralsOfDossier(db: Q, tenantId: string, dossierId: string, organisationId?: string) {
  let q = withOrganisation(db).where('r.tenant_id', '=', tenantId).where('r.dossier_id', '=', dossierId);
  if (organisationId) q = q.where('r.organisation_id', '=', organisationId);
  return q.orderBy('r.created_at', 'desc').orderBy('r.id').execute();
}

export async function findReferral(db: Q, tenantId: string, id: string) {
  return withOrganisation(db).where('r.tenant_id', '=', tenantId).where('r.id', '=', id).executeTakeFirst();
}

export async function lockReferral(db: Q, tenantId: string, id: string) {
  return db.selectFrom('referral').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A referral still waiting for the organisation's answer on this dossier (one at a time per organisation and kind). */
export async function findPendingReferral(db: Q, tenantId: string, dossierId: string, organisationId: string, kind: string) {
  return db
    .selectFrom('referral')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('dossier_id', '=', dossierId)
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', kind)
    .where('status', '=', 'envoye')
    .executeTakeFirst();
}

export async function insertReferral(db: Q, row: Insertable<ReferralTable>) {
  return db.insertInto('referral').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function updateReferral(db: Q, tenantId: string, id: string, set: Updateable<ReferralTable>) {
  await db.updateTable('referral').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Referrals addressed to the organisation still waiting for its answer, per dossier. */
export async function countPendingByDossier(db: Q, tenantId: string, organisationId: string, dossierIds: readonly string[]) {
  if (dossierIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('referral')
    .select(['dossier_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'envoye')
    .where('dossier_id', 'in', dossierIds as string[])
    .groupBy('dossier_id')
    .execute();
  return new Map(rows.map((r) => [r.dossier_id, Number(r.n)]));
}

export async function setDossierLead(db: Q, tenantId: string, dossierId: string, organisationId: string | null, at: Date) {
  await db.updateTable('dossier').set({ lead_organisation_id: organisationId, updated_at: at }).where('tenant_id', '=', tenantId).where('id', '=', dossierId).execute();
}
