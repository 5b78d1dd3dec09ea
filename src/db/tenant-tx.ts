/**
 * Runs work inside one transaction as the non-superuser role `maintien_app`, with the tenant
 * set for row-level security. Every request's database work goes through here, so a query
 * in tenant A cannot return a row of tenant B even if a WHERE clause is forgotten.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema';

export type Tx = Transaction<DB>;

export async function inTenant<T>(db: Kysely<DB>, tenantId: string, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    // One round trip: `role` is a setting like any other (same as SET LOCAL ROLE).
    await sql`select set_config('role', 'maintien_app', true), set_config('app.tenant_id', ${tenantId}, true)`.execute(trx);
    return fn(trx);
  });
}
