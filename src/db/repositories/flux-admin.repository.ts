/**
 * SQL of the AM flux operations: import history, rejection reports, the quarantine of
 * diverging identities and its reconciliation, and the sample of real tenant data the
 * synthetic flux generator may use.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';

type Q = Kysely<DB>;

const BATCH_COLUMNS = [
  'b.id',
  'b.file_name',
  'b.format',
  'b.emetteur',
  'b.status',
  'b.lines_done',
  'b.lines',
  'b.accepted',
  'b.duplicates',
  'b.rejected',
  'b.quarantined',
  'b.out_of_scope',
  'b.file_date',
  'b.error',
  'b.actor_label',
  'b.started_at',
  'b.finished_at',
] as const;

/** A page of import batches, newest first, with the total. */
export async function listBatches(db: Q, tenantId: string, limit: number, offset: number) {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('import_batch as b')
      .select(BATCH_COLUMNS)
      .where('b.tenant_id', '=', tenantId)
      .orderBy('b.started_at', 'desc')
      .orderBy('b.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    db.selectFrom('import_batch').select(sql<number>`count(*)::int`.as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export async function findBatch(db: Q, tenantId: string, id: string) {
  return db
    .selectFrom('import_batch as b')
    .select([...BATCH_COLUMNS, 'b.warnings', 'b.file_sha256'])
    .where('b.tenant_id', '=', tenantId)
    .where('b.id', '=', id)
    .executeTakeFirst();
}

/** Rejections of a batch by code (for the batch page's summary). */
export async function countRejectionsByCode(db: Q, tenantId: string, batchId: string) {
  const rows = await db
    .selectFrom('import_rejection')
    .select(['code', sql<number>`count(*)::int`.as('n')])
    .where('tenant_id', '=', tenantId)
    .where('batch_id', '=', batchId)
    .groupBy('code')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ code: r.code, count: Number(r.n) }));
}

/** Rejections of a batch in line order, after `afterLine` (keyset: any size streams in pages). */
export async function listRejections(db: Q, tenantId: string, batchId: string, opts: { afterLine?: number; offset?: number; limit: number; code?: string }) {
  let q = db
    .selectFrom('import_rejection')
    .select(['line', 'emetteur', 'id_message', 'code', 'field', 'message'])
    .where('tenant_id', '=', tenantId)
    .where('batch_id', '=', batchId);
  if (opts.afterLine !== undefined) q = q.where('line', '>', opts.afterLine);
  if (opts.code) q = q.where('code', '=', opts.code);
  return q
    .orderBy('line')
    .limit(opts.limit)
    .offset(opts.offset ?? 0)
    .execute();
}

export async function countRejections(db: Q, tenantId: string, batchId: string, code?: string) {
  let q = db.selectFrom('import_rejection').select(sql<number>`count(*)::int`.as('n')).where('tenant_id', '=', tenantId).where('batch_id', '=', batchId);
  if (code) q = q.where('code', '=', code);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---------------------------------------------------------------------------------------------
// Quarantine
// ---------------------------------------------------------------------------------------------

/** Quarantined lines with their file and the name of who resolved them (list and detail read the same columns). */
function quarantineRows(db: Q, tenantId: string) {
  return db
    .selectFrom('flux_quarantine as q')
    .leftJoin('import_batch as b', (j) => j.onRef('b.tenant_id', '=', 'q.tenant_id').onRef('b.id', '=', 'q.batch_id'))
    .leftJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 'q.tenant_id').onRef('u.id', '=', 'q.resolved_by'))
    .select([
      'q.id',
      'q.batch_id',
      'q.line',
      'q.emetteur',
      'q.id_message',
      'q.code',
      'q.payload',
      'q.status',
      'q.worker_id',
      'q.created_at',
      'q.resolved_at',
      'q.resolved_by',
      'q.resolution_note',
      'b.file_name',
      'b.file_date',
      'u.display_name as resolved_by_name',
    ])
    .where('q.tenant_id', '=', tenantId);
}

/** A page of quarantined lines of one status (oldest first: the worklist order), with counts per status. */
export async function listQuarantine(db: Q, tenantId: string, status: string, limit: number, offset: number) {
  const [rows, counts] = await Promise.all([
    quarantineRows(db, tenantId)
      .where('q.status', '=', status)
      .orderBy(status === 'a_traiter' ? 'q.created_at' : 'q.resolved_at', status === 'a_traiter' ? 'asc' : 'desc')
      .orderBy('q.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    countQuarantineByStatus(db, tenantId),
  ]);
  return { rows, counts };
}

export async function countQuarantineByStatus(db: Q, tenantId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('flux_quarantine')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('tenant_id', '=', tenantId)
    .groupBy('status')
    .execute();
  const counts: Record<string, number> = { a_traiter: 0, rattachee: 0, rejetee: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export async function findQuarantine(db: Q, tenantId: string, id: string) {
  return quarantineRows(db, tenantId).where('q.id', '=', id).executeTakeFirst();
}

/** Identity of a known worker, to compare with a quarantined line (sensitive: callers audit). */
export async function findWorkerIdentity(db: Q, tenantId: string, workerId: string) {
  return db
    .selectFrom('worker')
    .select(['id', 'nir', 'birth_name', 'usage_name', 'first_names', 'birth_date', 'sex', 'identity_status'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', workerId)
    .executeTakeFirst();
}

export async function findWorkerIdByNir(db: Q, tenantId: string, nir: string) {
  const r = await db.selectFrom('worker').select('id').where('tenant_id', '=', tenantId).where('nir', '=', nir).executeTakeFirst();
  return r?.id ?? null;
}

/**
 * Records the decision on a quarantined line, only if it is still « à traiter » (two people
 * resolving the same line at once: the second gets nothing back).
 */
export async function resolveQuarantine(
  db: Q,
  tenantId: string,
  id: string,
  r: { status: 'rattachee' | 'rejetee'; note: string | null; userId: string | null; at: Date; workerId: string | null },
) {
  return db
    .updateTable('flux_quarantine')
    .set({ status: r.status, resolution_note: r.note, resolved_by: r.userId, resolved_at: r.at, worker_id: r.workerId })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'a_traiter')
    .returning(['id'])
    .executeTakeFirst();
}

/** The issuer's episode (emetteur, id_arret), if already known. */
export async function findArretByExternalId(db: Q, tenantId: string, emetteur: string, externalId: string) {
  return db
    .selectFrom('arret')
    .select(['id', 'worker_id', 'start_date', 'expected_end_date', 'actual_end_date', 'cancelled_at'])
    .where('tenant_id', '=', tenantId)
    .where('emetteur', '=', emetteur)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export async function updateArret(
  db: Q,
  tenantId: string,
  id: string,
  set: { expected_end_date?: string | null; actual_end_date?: string | null; cancelled_at?: Date | null; ald?: boolean; temps_partiel_therapeutique?: boolean; updated_at: Date },
) {
  await db.updateTable('arret').set(set).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function findCompanyIdBySiret(db: Q, tenantId: string, siret: string) {
  const r = await db.selectFrom('company').select('id').where('tenant_id', '=', tenantId).where('siret', '=', siret).executeTakeFirst();
  return r?.id ?? null;
}

/** The message of a quarantined line becomes accepted, pointing at what it produced. */
export async function markMessageAccepted(db: Q, tenantId: string, emetteur: string, idMessage: string, arretId: string, workerId: string) {
  await db
    .updateTable('flux_message')
    .set({ outcome: 'accepte', arret_id: arretId, worker_id: workerId })
    .where('tenant_id', '=', tenantId)
    .where('emetteur', '=', emetteur)
    .where('id_message', '=', idMessage)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Generator sample (`maintien gen arrets --tenant`)
// ---------------------------------------------------------------------------------------------

/** SIRETs of the tenant's companies and a sample of its workers with a NIR (sensitive: callers audit). */
export async function findGeneratorPool(db: Q, tenantId: string, maxWorkers: number) {
  const [companies, workers] = await Promise.all([
    db.selectFrom('company').select('siret').where('tenant_id', '=', tenantId).orderBy('siret').execute(),
    db
      .selectFrom('worker')
      .select(['nir', 'birth_name', 'first_names', 'birth_date', 'sex'])
      .where('tenant_id', '=', tenantId)
      .where('nir', 'is not', null)
      .orderBy('id')
      .limit(maxWorkers)
      .execute(),
  ]);
  return {
    sirets: companies.map((c) => c.siret),
    workers: workers.map((w) => ({ nir: w.nir!, birthName: w.birth_name, firstNames: w.first_names, birthDate: w.birth_date, sex: w.sex })),
  };
}
