/**
 * SQL of services (tenants) as a whole: creating one, listing them with their accounts. Runs as
 * the database owner (the CLI, the demo seed): the application role cannot write `tenant`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

type Q = Kysely<DB>;

/** Creates the tenant unless the slug exists (a concurrent creation may have won): its id, or undefined. */
export async function insertTenantIfAbsent(db: Q, row: { id: string; slug: string; name: string }) {
  return (await db.insertInto('tenant').values(row).onConflict((oc) => oc.column('slug').doNothing()).returning('id').executeTakeFirst())?.id;
}

/** Every service with its number of accounts, by slug. */
export async function listServicesWithAccounts(db: Q) {
  const rows = await db
    .selectFrom('tenant as t')
    .leftJoin('app_user as u', 'u.tenant_id', 't.id')
    .select((eb) => ['t.slug', 't.name', 't.created_at', eb.fn.count<string>('u.id').as('accounts')])
    .groupBy(['t.id', 't.slug', 't.name', 't.created_at'])
    .orderBy('t.slug')
    .execute();
  return rows.map((r) => ({ slug: r.slug, name: r.name, createdAt: r.created_at, accounts: Number(r.accounts) }));
}
