/** SQL of signals, arrêts and tasks (intake core). */
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../schema';
import type { ArretTable, SignalTable, TaskTable } from '../schema-intake/core';

type Q = Kysely<DB>;

export async function insertSignal(db: Q, row: Insertable<SignalTable>) {
  return db.insertInto('signal').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export async function findSignalsOfDossier(db: Q, tenantId: string, dossierId: string) {
  return db
    .selectFrom('signal')
    .select(['id', 'source', 'kind', 'reason', 'received_at', 'consent_given', 'consent_date', 'arret_id'])
    .where('tenant_id', '=', tenantId)
    .where('dossier_id', '=', dossierId)
    .orderBy('received_at', 'desc')
    .execute();
}

export async function insertArret(db: Q, row: Insertable<ArretTable>) {
  return db.insertInto('arret').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export async function findArretsOfWorker(db: Q, tenantId: string, workerId: string) {
  return db.selectFrom('arret').selectAll().where('tenant_id', '=', tenantId).where('worker_id', '=', workerId).orderBy('start_date', 'desc').execute();
}

/** Inserts tasks; a task already created by the same rule for the same subject is kept as is. */
export async function insertTasks(db: Q, rows: Insertable<TaskTable>[]) {
  if (rows.length === 0) return 0;
  const r = await db
    .insertInto('task')
    .values(rows)
    .onConflict((oc) => oc.columns(['tenant_id', 'rule_id', 'subject_ref']).where('rule_id', 'is not', null).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}
