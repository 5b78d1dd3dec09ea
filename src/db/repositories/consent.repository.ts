/** SQL of consents (the worker's agreement to share with a partner organisation, for a purpose). */
import { sql, type Kysely } from 'kysely';
import { DOSSIER_SHARING_PURPOSES } from '../../domain/consent/purposes';
import type { DB } from '../schema';

type Q = Kysely<DB>;

/**
 * Organisations holding a current (not withdrawn) consent of the worker for a purpose that
 * shares the dossier (partage du dossier). The agreement to send job information back to the
 * AM (L4622-2-1) or to discuss the case in an instance partenariale opens no dossier.
 */
export async function findConsentedOrganisationIds(db: Q, tenantId: string, workerId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('consent')
    .select('recipient_organisation_id')
    .distinct()
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .where('withdrawn_at', 'is', null)
    .where('purpose', 'in', DOSSIER_SHARING_PURPOSES as string[])
    .execute();
  return rows.map((r) => r.recipient_organisation_id);
}

/**
 * Is there a current consent of the worker naming the organisation for one of `purposes`?
 * With `lock`, the matching rows are locked FOR SHARE until the end of the transaction, so a
 * concurrent withdrawal waits for the transmission that relied on the consent to commit.
 */
export async function hasCurrentConsentFor(db: Q, tenantId: string, workerId: string, organisationId: string, purposes: readonly string[], lock = false): Promise<boolean> {
  if (purposes.length === 0) return false;
  let q = db
    .selectFrom('consent')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .where('recipient_organisation_id', '=', organisationId)
    .where('withdrawn_at', 'is', null)
    .where('purpose', 'in', purposes as string[]);
  if (lock) q = q.forShare();
  const rows = await q.execute();
  return rows.length > 0;
}

/** Did the organisation ever hold a consent of the worker for one of `purposes` (even withdrawn)? */
export async function hadConsentFor(db: Q, tenantId: string, workerId: string, organisationId: string, purposes: readonly string[]): Promise<boolean> {
  const r = await db
    .selectFrom('consent')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .where('recipient_organisation_id', '=', organisationId)
    .where('purpose', 'in', purposes as string[])
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Every consent of the worker (current and withdrawn), with the recipient's name and kind, newest first. */
export async function listWorkerConsents(db: Q, tenantId: string, workerId: string) {
  return db
    .selectFrom('consent as c')
    .innerJoin('organisation as o', (j) => j.onRef('o.tenant_id', '=', 'c.tenant_id').onRef('o.id', '=', 'c.recipient_organisation_id'))
    .leftJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 'c.tenant_id').onRef('u.id', '=', 'c.recorded_by'))
    .select([
      'c.id',
      'c.purpose',
      'c.recipient_organisation_id',
      'o.name as organisation_name',
      'o.kind as organisation_kind',
      'c.granted_at',
      'c.withdrawn_at',
      'c.source',
      'c.recorded_by',
      'u.display_name as recorded_by_name',
      'c.withdrawn_by',
      'c.withdrawal_source',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('c.worker_id', '=', workerId)
    .orderBy('c.granted_at', 'desc')
    .orderBy('c.id')
    .execute();
}

export async function findConsentForUpdate(db: Q, tenantId: string, id: string) {
  return db.selectFrom('consent').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Current consents of the worker for (purpose, organisation), locked: one current row per pair. */
export async function findCurrentConsentForUpdate(db: Q, tenantId: string, workerId: string, organisationId: string, purpose: string) {
  return db
    .selectFrom('consent')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .where('recipient_organisation_id', '=', organisationId)
    .where('purpose', '=', purpose)
    .where('withdrawn_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertConsentRow(
  db: Q,
  row: { tenant_id: string; worker_id: string; purpose: string; recipient_organisation_id: string; granted_at: Date; recorded_by: string | null; source: string },
) {
  return db.insertInto('consent').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Withdraws one consent; returns the row, or undefined if it was not current. */
export async function withdrawConsentRow(db: Q, tenantId: string, id: string, at: Date, by: string | null, source: string) {
  return db
    .updateTable('consent')
    .set({ withdrawn_at: at, withdrawn_by: by, withdrawal_source: source })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Serialises consent changes of one worker (grant and withdraw of the same pair cannot interleave). */
export async function lockWorkerConsents(db: Q, tenantId: string, workerId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`consent:${tenantId}:${workerId}`}, 0))`.execute(db);
}

/** Organisations of the tenant of the given kinds (the possible recipients of a consent), by name. */
export async function findOrganisationsOfKinds(db: Q, tenantId: string, kinds: readonly string[]) {
  if (kinds.length === 0) return [];
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind'])
    .where('tenant_id', '=', tenantId)
    .where('kind', 'in', kinds as string[])
    .orderBy('name')
    .execute();
}

/**
 * Dossiers whose worker holds a current consent, for a purpose that shares the dossier, naming
 * the organisation (partner space), most recently changed first.
 */
export async function findDossiersSharedWithOrganisation(db: Q, tenantId: string, organisationId: string, limit: number) {
  return db
    .selectFrom('dossier as d')
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'd.tenant_id').onRef('w.id', '=', 'd.worker_id'))
    .leftJoin('organisation as lo', (j) => j.onRef('lo.tenant_id', '=', 'd.tenant_id').onRef('lo.id', '=', 'd.lead_organisation_id'))
    .select(['d.id', 'd.reference', 'd.state', 'd.updated_at', 'd.lead_organisation_id', 'lo.name as lead_organisation_name', 'w.birth_name', 'w.usage_name', 'w.first_names'])
    .where('d.tenant_id', '=', tenantId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('consent as c')
          .select(sql`1`.as('one'))
          .whereRef('c.tenant_id', '=', 'd.tenant_id')
          .whereRef('c.worker_id', '=', 'd.worker_id')
          .where('c.recipient_organisation_id', '=', organisationId)
          .where('c.withdrawn_at', 'is', null)
          .where('c.purpose', 'in', DOSSIER_SHARING_PURPOSES as string[]),
      ),
    )
    .orderBy('d.updated_at', 'desc')
    .limit(limit)
    .execute();
}
