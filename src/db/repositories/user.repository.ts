/**
 * SQL of accounts, memberships, sessions and API tokens. The lookups used before the tenant
 * is known (login by e-mail, session or token by hash) run on the owner connection; every
 * other query runs in a tenant transaction.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { ApiTokenTable, AppUserTable, DB } from '../schema';

type Q = Kysely<DB>;

/** The account and its memberships (first = default), by login e-mail. System lookup. */
export async function findLoginByEmail(db: Q, email: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('tenant as t', 't.id', 'u.tenant_id')
    .select(['u.tenant_id', 'u.id', 'u.email', 'u.display_name', 'u.password_hash', 'u.disabled_at'])
    .where(sql`lower(u.email)`, '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

/** Failures of one (e-mail, address) key. System lookup (before the tenant is known). */
export async function findLoginThrottle(db: Q, key: string) {
  return db.selectFrom('login_throttle').select(['failures', 'last_failure_at', 'locked_until']).where('key', '=', key).executeTakeFirst();
}

/** Records a failure of the key and forgets keys quiet since `forgetBefore` (the table stays small). */
export async function recordLoginFailure(db: Q, key: string, failures: number, lockedUntil: Date | null, at: Date, forgetBefore: Date) {
  await db
    .insertInto('login_throttle')
    .values({ key, failures, last_failure_at: at, locked_until: lockedUntil })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures, last_failure_at: at, locked_until: lockedUntil }))
    .execute();
  await db
    .deleteFrom('login_throttle')
    .where('last_failure_at', '<', forgetBefore)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', forgetBefore)]))
    .execute();
}

export async function recordLoginSuccess(db: Q, tenantId: string, userId: string, key: string, at: Date) {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
  await db.updateTable('app_user').set({ last_login_at: at }).where('tenant_id', '=', tenantId).where('id', '=', userId).execute();
}

/** Membership with its organisation, as needed to build a principal. */
export async function findMemberships(db: Q, tenantId: string, userId: string) {
  return db
    .selectFrom('membership as m')
    .innerJoin('organisation as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.organisation_id'))
    .select(['m.id', 'm.role', 'o.id as organisation_id', 'o.name as organisation_name', 'o.kind as organisation_kind', 'o.company_id'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.user_id', '=', userId)
    .orderBy('m.created_at')
    .execute();
}

export async function insertSession(db: Q, row: Insertable<DB['session']>) {
  await db.insertInto('session').values(row).execute();
}

/** Session with its user and membership. System lookup by token hash. */
export async function findSession(db: Q, id: string) {
  return db
    .selectFrom('session as s')
    .innerJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 's.tenant_id').onRef('u.id', '=', 's.user_id'))
    .innerJoin('membership as m', (j) => j.onRef('m.tenant_id', '=', 's.tenant_id').onRef('m.id', '=', 's.membership_id'))
    .innerJoin('organisation as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.organisation_id'))
    .select([
      's.id',
      's.tenant_id',
      's.user_id',
      's.csrf_token',
      's.created_at',
      's.expires_at',
      's.last_seen_at',
      'u.display_name',
      'u.email',
      'u.worker_id',
      'u.disabled_at',
      'm.id as membership_id',
      'm.role',
      'o.id as organisation_id',
      'o.name as organisation_name',
      'o.kind as organisation_kind',
      'o.company_id',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function extendSession(db: Q, id: string, lastSeenAt: Date, expiresAt: Date) {
  await db.updateTable('session').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Q, id: string) {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

export async function deleteExpiredSessions(db: Q, now: Date) {
  await db.deleteFrom('session').where('expires_at', '<', now).execute();
}

export async function findUser(db: Q, tenantId: string, id: string) {
  return db.selectFrom('app_user').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** Staff of the service (members of the SPSTI organisation with a staff role). */
export async function listStaff(db: Q, tenantId: string, roles: readonly string[]) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('membership as m', (j) => j.onRef('m.tenant_id', '=', 'u.tenant_id').onRef('m.user_id', '=', 'u.id'))
    .select(['u.id', 'u.display_name', 'u.email', 'm.role'])
    .where('u.tenant_id', '=', tenantId)
    .where('m.role', 'in', roles as string[])
    .where('u.disabled_at', 'is', null)
    .orderBy('u.display_name')
    .execute();
}

export async function insertUser(db: Q, row: Insertable<AppUserTable>) {
  return db.insertInto('app_user').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export async function insertMembership(db: Q, row: Insertable<DB['membership']>) {
  return db.insertInto('membership').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export async function emailExists(db: Q, email: string): Promise<boolean> {
  const r = await db.selectFrom('app_user').select('id').where(sql`lower(email)`, '=', email.trim().toLowerCase()).executeTakeFirst();
  return r !== undefined;
}

export async function insertApiToken(db: Q, row: Insertable<ApiTokenTable>) {
  return db.insertInto('api_token').values(row).returning(['id', 'created_at']).executeTakeFirstOrThrow();
}

/** Token with its organisation. System lookup by hash. */
export async function findApiTokenByHash(db: Q, hash: string) {
  return db
    .selectFrom('api_token as k')
    .innerJoin('organisation as o', (j) => j.onRef('o.tenant_id', '=', 'k.tenant_id').onRef('o.id', '=', 'k.organisation_id'))
    .select(['k.id', 'k.tenant_id', 'k.name', 'k.scopes', 'k.expires_at', 'k.revoked_at', 'k.organisation_id', 'o.kind as organisation_kind'])
    .where('k.token_hash', '=', hash)
    .executeTakeFirst();
}

export async function touchApiToken(db: Q, id: string, at: Date) {
  await db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function listApiTokens(db: Q, tenantId: string) {
  return db
    .selectFrom('api_token')
    .select(['id', 'name', 'scopes', 'organisation_id', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeApiToken(db: Q, tenantId: string, id: string, at: Date) {
  const r = await db
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
