/**
 * SQL of the plan de maintien: measures of a dossier, their approvals, what the worker and the
 * employer may see of them, the tasks at their deadlines, and the facts the documents read
 * (fiche de liaison, visit). Permissions are decided by the services.
 */
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB } from '../schema';
import type { MeasureApprovalTable, MeasureTable } from '../schema-parcours/measures';

type Q = Kysely<DB>;

export type MeasureRow = Awaited<ReturnType<typeof findMeasure>> & object;

export async function insertMeasure(db: Q, row: Insertable<MeasureTable>) {
  return db.insertInto('measure').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findMeasure(db: Q, tenantId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('measure').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updateMeasure(db: Q, tenantId: string, id: string, patch: Updateable<MeasureTable>) {
  return db.updateTable('measure').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function findMeasuresOfDossier(db: Q, tenantId: string, dossierId: string) {
  return db.selectFrom('measure').selectAll().where('tenant_id', '=', tenantId).where('dossier_id', '=', dossierId).orderBy('created_at', 'desc').orderBy('id').execute();
}

/** The worker's own measures: only those shared with him. */
export async function findSharedMeasuresOfWorker(db: Q, tenantId: string, workerId: string) {
  return db
    .selectFrom('measure')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .where('shared_with_worker', '=', true)
    .orderBy('start_date', 'desc')
    .execute();
}

/** Measures marked visible to the employer, of some workers: only the non-medical columns. */
export async function findEmployerVisibleMeasures(db: Q, tenantId: string, workerIds: readonly string[], codes: readonly string[]) {
  if (workerIds.length === 0 || codes.length === 0) return [];
  return db
    .selectFrom('measure')
    .select(['id', 'worker_id', 'catalogue_code', 'status', 'start_date', 'end_date', 'employer_note', 'updated_at'])
    .where('tenant_id', '=', tenantId)
    .where('worker_id', 'in', workerIds as string[])
    .where('employer_visible', '=', true)
    .where('catalogue_code', 'in', codes as string[])
    .where('status', 'in', ['accordee', 'en_cours', 'terminee'])
    .orderBy('start_date', 'desc')
    .limit(500)
    .execute();
}

export async function insertApproval(db: Q, row: Insertable<MeasureApprovalTable>) {
  return db.insertInto('measure_approval').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findApprovals(db: Q, tenantId: string, measureIds: readonly string[]) {
  if (measureIds.length === 0) return [];
  return db
    .selectFrom('measure_approval')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('measure_id', 'in', measureIds as string[])
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

/** Cancels the open deadline tasks of a measure (all, or all but the subject kept). */
export async function cancelMeasureTasks(db: Q, tenantId: string, ruleId: string, measureId: string, at: Date, keepSubject?: string) {
  let q = db
    .updateTable('task')
    .set({ status: 'annule', done_at: at })
    .where('tenant_id', '=', tenantId)
    .where('rule_id', '=', ruleId)
    .where('status', '=', 'a_faire')
    .where('subject_ref', 'like', `measure:${measureId}:%`);
  if (keepSubject) q = q.where('subject_ref', '<>', keepSubject);
  await q.execute();
}

// ---------------------------------------------------------------------------------------------
// Facts read by the documents
// ---------------------------------------------------------------------------------------------

/** The most recent fiche de liaison (VPR orientation) of a dossier, with the médecin conseil's organisation. */
export async function findLatestVprOfDossier(db: Q, tenantId: string, dossierId: string) {
  return db
    .selectFrom('vpr_orientation as v')
    .innerJoin('organisation as o', (j) => j.onRef('o.tenant_id', '=', 'v.tenant_id').onRef('o.id', '=', 'v.organisation_id'))
    .select(['v.id', 'v.filed_by_name', 'v.contact', 'v.reason', 'v.consent_date', 'v.status', 'v.vpr_date', 'v.non_objection', 'v.recommendations', 'v.answered_by_name', 'v.answered_at', 'v.filed_at', 'o.name as organisation_name'])
    .where('v.tenant_id', '=', tenantId)
    .where('v.dossier_id', '=', dossierId)
    .orderBy('v.filed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface VisitFacts {
  id: string;
  dossier_id: string;
  worker_id: string;
  kind: string;
  scheduled_at: Date | string;
  place: string | null;
  status: string;
  professional_name: string | null;
  professional_role: string | null;
}

/**
 * A visit (contract C4, table of parcours-visits). Read with plain SQL, and only once the
 * table exists, so documents work before and after that part lands.
 */
export async function findVisit(db: Q, tenantId: string, visitId: string): Promise<VisitFacts | null> {
  const exists = await sql<{ t: string | null }>`select to_regclass('visit')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return null;
  const r = await sql<VisitFacts>`
    select v.id, v.dossier_id, v.worker_id, v.kind, v.scheduled_at, v.place, v.status,
           u.display_name as professional_name, m.role as professional_role
    from visit v
    left join app_user u on u.tenant_id = v.tenant_id and u.id = v.professional_user_id
    left join lateral (select role from membership x where x.tenant_id = v.tenant_id and x.user_id = v.professional_user_id limit 1) m on true
    where v.tenant_id = ${tenantId} and v.id = ${visitId}`.execute(db);
  return r.rows[0] ?? null;
}

/** Name of the service (its SPSTI organisation) for the letterhead. */
export async function findServiceName(db: Q, tenantId: string): Promise<string> {
  const r = await db.selectFrom('organisation').select('name').where('tenant_id', '=', tenantId).where('kind', '=', 'spsti').orderBy('created_at').limit(1).executeTakeFirst();
  return r?.name ?? 'Service de prévention et de santé au travail';
}

/** Planned visits of a dossier (convocations to print), once the visit table exists. */
export async function findPlannedVisitsOfDossier(db: Q, tenantId: string, dossierId: string): Promise<{ id: string; kind: string; scheduled_at: Date | string }[]> {
  const exists = await sql<{ t: string | null }>`select to_regclass('visit')::text as t`.execute(db);
  if (!exists.rows[0]?.t) return [];
  const r = await sql<{ id: string; kind: string; scheduled_at: Date | string }>`
    select id, kind, scheduled_at from visit
    where tenant_id = ${tenantId} and dossier_id = ${dossierId} and status = 'planifiee'
    order by scheduled_at limit 20`.execute(db);
  return r.rows;
}
