/** SQL of inaptitude records and of the facts of the ex-post review list. Never decides permissions. */
import { sql, type Kysely } from 'kysely';
import type { Insertable } from 'kysely';
import type { DB } from '../schema';
import type { InaptitudeTable } from '../schema-parcours/visits';

type Q = Kysely<DB>;

export async function insertInaptitude(db: Q, row: Insertable<InaptitudeTable>) {
  return db.insertInto('inaptitude').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export async function findInaptitudeForUpdate(db: Q, tenantId: string, id: string) {
  return db.selectFrom('inaptitude').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateDismissal(db: Q, tenantId: string, id: string, dismissalDate: string | null, at: Date) {
  await db.updateTable('inaptitude').set({ dismissal_date: dismissalDate, updated_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function findInaptitudesOfWorker(db: Q, tenantId: string, workerId: string) {
  return db
    .selectFrom('inaptitude as i')
    .leftJoin('company as c', (j) => j.onRef('c.tenant_id', '=', 'i.tenant_id').onRef('c.id', '=', 'i.company_id'))
    .select(['i.id', 'i.worker_id', 'i.dossier_id', 'i.avis_date', 'i.dispense_reclassement', 'i.origin', 'i.dismissal_date', 'i.created_at', 'c.name as company_name'])
    .where('i.tenant_id', '=', tenantId)
    .where('i.worker_id', '=', workerId)
    .orderBy('i.avis_date', 'desc')
    .execute();
}

/** Is the risk index table (contract C2, built by risk-assessment) there? */
export async function riskIndexAvailable(db: Q): Promise<boolean> {
  const r = await sql<{ t: string | null }>`select to_regclass('risk_assessment')::text as t`.execute(db);
  return r.rows[0]?.t != null;
}

/**
 * Dismissals for inaptitude with the facts of the review: the worker's latest signed final risk
 * level (null without the index table or without an assessment) and the day his first dossier
 * was opened (null if never).
 */
export async function findDismissalFacts(db: Q, tenantId: string, withIndex: boolean, limit: number) {
  const level = withIndex
    ? sql<number | null>`(select ra.final_level from risk_assessment ra where ra.tenant_id = i.tenant_id and ra.worker_id = i.worker_id and ra.signed_at is not null order by ra.signed_at desc limit 1)`
    : sql<number | null>`null::smallint`;
  const signedAt = withIndex
    ? sql<Date | null>`(select max(ra.signed_at) from risk_assessment ra where ra.tenant_id = i.tenant_id and ra.worker_id = i.worker_id and ra.signed_at is not null)`
    : sql<Date | null>`null::timestamptz`;
  return db
    .selectFrom('inaptitude as i')
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'i.tenant_id').onRef('w.id', '=', 'i.worker_id'))
    .leftJoin('company as c', (j) => j.onRef('c.tenant_id', '=', 'i.tenant_id').onRef('c.id', '=', 'i.company_id'))
    .select([
      'i.id',
      'i.worker_id',
      'i.avis_date',
      'i.dismissal_date',
      'i.dispense_reclassement',
      'i.origin',
      'c.name as company_name',
      'w.birth_name',
      'w.usage_name',
      'w.first_names',
      level.as('final_level'),
      signedAt.as('level_signed_at'),
      sql<Date | null>`(select min(d.opened_at) from dossier d where d.tenant_id = i.tenant_id and d.worker_id = i.worker_id)`.as('first_opened_at'),
    ])
    .where('i.tenant_id', '=', tenantId)
    .where('i.dismissal_date', 'is not', null)
    .orderBy('i.dismissal_date', 'desc')
    .orderBy('i.id')
    .limit(limit)
    .execute();
}
