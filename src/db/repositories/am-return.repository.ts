/** SQL of the returns to the Assurance maladie (am_return) and of the job-information consent. */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../schema';
import type { AmReturnTable } from '../schema-intake/returns';

type Q = Kysely<DB>;
export type AmReturnRow = Selectable<AmReturnTable>;

/** Next outbox position of the tenant. The counter row lock keeps commit order = seq order. */
export async function nextSeq(db: Q, tenantId: string): Promise<number> {
  const row = await db
    .insertInto('tenant_counter')
    .values({ tenant_id: tenantId, name: 'am_return', value: 1 })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet({ value: sql`tenant_counter.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/**
 * Arrêts received by the AM flux that a return of this dossier may reference: those of its
 * signals, and, for a dossier born from the flux, every flux arrêt of its worker.
 */
export async function findFluxArretsOfDossier(db: Q, tenantId: string, dossier: { id: string; worker_id: string; origin: string }) {
  return db
    .selectFrom('arret')
    .select(['id', 'emetteur', 'external_id', 'start_date', 'expected_end_date', 'actual_end_date', 'cancelled_at'])
    .where('tenant_id', '=', tenantId)
    .where('source', '=', 'flux_am')
    .where('emetteur', 'is not', null)
    .where('external_id', 'is not', null)
    .where((eb) =>
      eb.or([
        eb(
          'id',
          'in',
          eb.selectFrom('signal').select('arret_id').where('tenant_id', '=', tenantId).where('dossier_id', '=', dossier.id).where('arret_id', 'is not', null).$narrowType<{ arret_id: string }>(),
        ),
        ...(dossier.origin === 'flux_am' ? [eb('worker_id', '=', dossier.worker_id)] : []),
      ]),
    )
    .orderBy('start_date', 'desc')
    .execute();
}

/** Is there a flux signal on the dossier (a dossier « né du flux » even if opened otherwise)? */
export async function hasFluxSignal(db: Q, tenantId: string, dossierId: string): Promise<boolean> {
  const r = await db
    .selectFrom('signal')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('dossier_id', '=', dossierId)
    .where('source', '=', 'flux_am')
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Current (not withdrawn) consents of the workers for `purpose` to an organisation of `kind`. */
export async function findCurrentConsents(db: Q, tenantId: string, workerIds: readonly string[], purpose: string, kind: string) {
  if (workerIds.length === 0) return [];
  return db
    .selectFrom('consent as c')
    .innerJoin('organisation as o', (j) => j.onRef('o.tenant_id', '=', 'c.tenant_id').onRef('o.id', '=', 'c.recipient_organisation_id'))
    .select(['c.id', 'c.worker_id', 'c.recipient_organisation_id', 'c.granted_at', 'o.name as organisation_name'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.worker_id', 'in', workerIds as string[])
    .where('c.purpose', '=', purpose)
    .where('c.withdrawn_at', 'is', null)
    .where('o.kind', '=', kind)
    .orderBy('c.granted_at')
    .execute();
}

export async function insertConsent(db: Q, row: { tenant_id: string; worker_id: string; purpose: string; recipient_organisation_id: string; granted_at: Date; recorded_by: string | null; source: string }) {
  return db.insertInto('consent').values(row).returning(['id']).executeTakeFirstOrThrow();
}

/** Withdraws the given consents; returns how many were current. */
export async function withdrawConsents(db: Q, tenantId: string, ids: readonly string[], at: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db
    .updateTable('consent')
    .set({ withdrawn_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids as string[])
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Inserts a message unless the same accompaniment (arrêt, type, date) is already recorded. */
export async function insertAmReturn(db: Q, row: Insertable<AmReturnTable>): Promise<AmReturnRow | undefined> {
  return db
    .insertInto('am_return')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'arret_id', 'type_code', 'accompaniment_date']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findByNaturalKey(db: Q, tenantId: string, arretId: string, typeCode: string, date: string) {
  return db
    .selectFrom('am_return')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('arret_id', '=', arretId)
    .where('type_code', '=', typeCode)
    .where('accompaniment_date', '=', date)
    .executeTakeFirst();
}

export async function findById(db: Q, tenantId: string, id: string, opts: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('am_return').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Messages by their public id, locked for a status change. */
export async function findByMessageIds(db: Q, tenantId: string, messageIds: readonly string[]) {
  if (messageIds.length === 0) return [];
  return db
    .selectFrom('am_return')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('message_id', 'in', messageIds as string[])
    .orderBy('seq')
    .forUpdate()
    .execute();
}

export async function findOfDossier(db: Q, tenantId: string, dossierId: string) {
  return db.selectFrom('am_return').selectAll().where('tenant_id', '=', tenantId).where('dossier_id', '=', dossierId).orderBy('created_at', 'desc').orderBy('seq', 'desc').execute();
}

/** Messages à transmettre (the export file), optionally for one issuer, in outbox order. */
export async function findPending(db: Q, tenantId: string, destinataire: string | undefined, limit: number) {
  let q = db.selectFrom('am_return').selectAll().where('tenant_id', '=', tenantId).where('status', '=', 'a_transmettre');
  if (destinataire) q = q.where('destinataire', '=', destinataire);
  return q.orderBy('seq').limit(limit).execute();
}

/**
 * The machine outbox: messages not acknowledged yet (à transmettre, or transmis and never
 * acknowledged) after the cursor, in seq order, locked so two fetches do not race.
 */
export async function findOutbox(db: Q, tenantId: string, after: number, destinataire: string | undefined, limit: number) {
  let q = db
    .selectFrom('am_return')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', ['a_transmettre', 'transmis'])
    .where('seq', '>', after);
  if (destinataire) q = q.where('destinataire', '=', destinataire);
  return q.orderBy('seq').limit(limit).forUpdate().execute();
}

/** Marks messages as transmitted through `channel`, with whether each carried job information. */
export async function markTransmitted(db: Q, tenantId: string, items: readonly { id: string; jobIncluded: boolean }[], channel: 'fichier' | 'api', at: Date) {
  for (const jobIncluded of [true, false]) {
    const ids = items.filter((i) => i.jobIncluded === jobIncluded).map((i) => i.id);
    if (ids.length === 0) continue;
    await db
      .updateTable('am_return')
      .set({
        status: sql`case when status = 'a_transmettre' then 'transmis' else status end`,
        channel,
        job_included: jobIncluded,
        transmissions: sql`transmissions + 1`,
        transmitted_at: at,
        updated_at: at,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .execute();
  }
}

export async function setStatus(db: Q, tenantId: string, id: string, patch: { status: string; error: string | null; acknowledged_at?: Date | null; seq?: number }, at: Date) {
  await db
    .updateTable('am_return')
    .set({ ...patch, updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export interface AmReturnListQuery {
  tenantId: string;
  statuses?: readonly string[];
  destinataire?: string;
  limit: number;
  offset: number;
}

/** The page « Retours à l'Assurance maladie »: messages with their dossier and worker names. */
export async function listPage(db: Q, q: AmReturnListQuery) {
  let s = db
    .selectFrom('am_return as r')
    .innerJoin('dossier as d', (j) => j.onRef('d.tenant_id', '=', 'r.tenant_id').onRef('d.id', '=', 'r.dossier_id'))
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'r.tenant_id').onRef('w.id', '=', 'r.worker_id'))
    .selectAll('r')
    .select(['d.reference', 'w.birth_name', 'w.usage_name', 'w.first_names'])
    .where('r.tenant_id', '=', q.tenantId);
  if (q.statuses && q.statuses.length > 0) s = s.where('r.status', 'in', q.statuses as string[]);
  if (q.destinataire) s = s.where('r.destinataire', '=', q.destinataire);
  return s.orderBy('r.created_at', 'desc').orderBy('r.seq', 'desc').limit(q.limit).offset(q.offset).execute();
}

/** Counts per status (for the filters), optionally for one issuer. */
export async function countByStatus(db: Q, tenantId: string, destinataire?: string) {
  let s = db.selectFrom('am_return').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).where('tenant_id', '=', tenantId);
  if (destinataire) s = s.where('destinataire', '=', destinataire);
  const rows = await s.groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
}

/** Issuers that have messages (the filter of the page). */
export async function listDestinataires(db: Q, tenantId: string) {
  const rows = await db.selectFrom('am_return').select('destinataire').distinct().where('tenant_id', '=', tenantId).orderBy('destinataire').execute();
  return rows.map((r) => r.destinataire);
}

/** The tenant's slug: the SPST's identifier in the outbound messages. */
export async function findTenantSlug(db: Q, tenantId: string): Promise<string> {
  const r = await db.selectFrom('tenant').select('slug').where('id', '=', tenantId).executeTakeFirstOrThrow();
  return r.slug;
}

/** Demo content: dossiers born from the flux, in reference order. */
export async function findFluxDossiers(db: Q, tenantId: string, limit: number) {
  return db
    .selectFrom('dossier')
    .select(['id', 'worker_id', 'origin', 'reference', 'opened_at'])
    .where('tenant_id', '=', tenantId)
    .where('origin', '=', 'flux_am')
    .orderBy('reference')
    .limit(limit)
    .execute();
}

/** Demo content: an account of the tenant by e-mail, with its first membership. */
export async function findMemberByEmail(db: Q, tenantId: string, email: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('membership as m', (j) => j.onRef('m.tenant_id', '=', 'u.tenant_id').onRef('m.user_id', '=', 'u.id'))
    .innerJoin('organisation as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.organisation_id'))
    .select(['u.id', 'u.display_name', 'm.role', 'o.id as organisation_id', 'o.kind as organisation_kind'])
    .where('u.tenant_id', '=', tenantId)
    .where(sql`lower(u.email)`, '=', email.toLowerCase())
    .orderBy('m.created_at')
    .executeTakeFirst();
}
