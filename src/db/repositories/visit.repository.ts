/** SQL of visits (contract C4) and of the rule tasks they answer. Repositories never decide permissions. */
import { sql, type Kysely } from 'kysely';
import type { Insertable } from 'kysely';
import type { DB } from '../schema';
import type { VisitTable } from '../schema-parcours/visits';

type Q = Kysely<DB>;

const visitColumns = [
  'v.id',
  'v.dossier_id',
  'v.worker_id',
  'v.kind',
  'v.scheduled_at',
  'v.place',
  'v.professional_user_id',
  'v.status',
  'v.outcome',
  'v.requested_by',
  'v.return_date',
  'v.task_id',
  'v.created_at',
  'v.updated_at',
] as const;

function visitBase(db: Q, tenantId: string) {
  return db
    .selectFrom('visit as v')
    .leftJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 'v.tenant_id').onRef('u.id', '=', 'v.professional_user_id'))
    .select([...visitColumns, 'u.display_name as professional_name'])
    .where('v.tenant_id', '=', tenantId);
}

export type VisitRow = Awaited<ReturnType<typeof findVisitsOfDossier>>[number];

export async function insertVisit(db: Q, row: Insertable<VisitTable>) {
  return db.insertInto('visit').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export async function findVisit(db: Q, tenantId: string, id: string) {
  return visitBase(db, tenantId).where('v.id', '=', id).executeTakeFirst();
}

export async function findVisitForUpdate(db: Q, tenantId: string, id: string) {
  return db.selectFrom('visit').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findVisitsOfDossier(db: Q, tenantId: string, dossierId: string) {
  return visitBase(db, tenantId).where('v.dossier_id', '=', dossierId).orderBy('v.scheduled_at', 'desc').orderBy('v.id').execute();
}

export async function findVisitsOfWorker(db: Q, tenantId: string, workerId: string, limit = 200) {
  return visitBase(db, tenantId).where('v.worker_id', '=', workerId).orderBy('v.scheduled_at', 'desc').orderBy('v.id').limit(limit).execute();
}

export async function updateVisitOutcome(db: Q, tenantId: string, id: string, set: { status: string; outcome: string | null; updated_at: Date }) {
  await db.updateTable('visit').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** The cell's agenda: visits planned between two instants, with worker and dossier, optionally of one professional. */
export async function findAgenda(db: Q, tenantId: string, f: { from: Date; to: Date; professionalUserId?: string | null; limit: number }) {
  let q = db
    .selectFrom('visit as v')
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'v.tenant_id').onRef('w.id', '=', 'v.worker_id'))
    .innerJoin('dossier as d', (j) => j.onRef('d.tenant_id', '=', 'v.tenant_id').onRef('d.id', '=', 'v.dossier_id'))
    .leftJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 'v.tenant_id').onRef('u.id', '=', 'v.professional_user_id'))
    .select([...visitColumns, 'u.display_name as professional_name', 'd.reference', 'w.birth_name', 'w.usage_name', 'w.first_names'])
    .where('v.tenant_id', '=', tenantId)
    .where('v.status', '=', 'planifiee')
    .where('v.scheduled_at', '>=', f.from)
    .where('v.scheduled_at', '<', f.to);
  if (f.professionalUserId) q = q.where('v.professional_user_id', '=', f.professionalUserId);
  return q.orderBy('v.scheduled_at').orderBy('v.id').limit(f.limit).execute();
}

/** Visits of the current employees of a company (employer space), from `since`. */
export async function findVisitsOfCompany(db: Q, tenantId: string, companyId: string, today: string, since: Date, limit: number) {
  return db
    .selectFrom('visit as v')
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'v.tenant_id').onRef('w.id', '=', 'v.worker_id'))
    .select(['v.id', 'v.kind', 'v.scheduled_at', 'v.place', 'v.status', 'v.requested_by', 'w.id as worker_id', 'w.birth_name', 'w.usage_name', 'w.first_names'])
    .where('v.tenant_id', '=', tenantId)
    .where('v.scheduled_at', '>=', since)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('employment as e')
          .select('e.id')
          .whereRef('e.tenant_id', '=', 'v.tenant_id')
          .whereRef('e.worker_id', '=', 'v.worker_id')
          .where('e.company_id', '=', companyId)
          .where('e.start_date', '<=', today)
          .where((eb) => eb.or([eb('e.end_date', 'is', null), eb('e.end_date', '>=', today)])),
      ),
    )
    .orderBy('v.scheduled_at')
    .orderBy('v.id')
    .limit(limit)
    .execute();
}

/** The open task of `ruleId` for the worker that a new visit answers: the one named, else the earliest due. */
export async function findOpenRuleTask(db: Q, tenantId: string, workerId: string, ruleId: string, taskId: string | null) {
  let q = db
    .selectFrom('task')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .where('rule_id', '=', ruleId)
    .where('status', '=', 'a_faire');
  if (taskId) q = q.where('id', '=', taskId);
  return q.orderBy(sql`due_date asc nulls last`).orderBy('created_at').limit(1).forUpdate().executeTakeFirst();
}

/** Open rule tasks of a worker that a visit may answer (for the schedule form). */
export async function findOpenVisitTasks(db: Q, tenantId: string, workerId: string, ruleIds: readonly string[]) {
  if (ruleIds.length === 0) return [];
  return db
    .selectFrom('task')
    .select(['id', 'rule_id', 'title', 'due_date', 'subject_ref'])
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .where('status', '=', 'a_faire')
    .where('rule_id', 'in', ruleIds as string[])
    .orderBy(sql`due_date asc nulls last`)
    .execute();
}
