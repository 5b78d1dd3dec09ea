/** SQL of tenants and organisations. */
import type { Insertable, Kysely } from 'kysely';
import type { DB, OrganisationTable } from '../schema';

type Q = Kysely<DB>;

export async function findTenantBySlug(db: Q, slug: string) {
  return db.selectFrom('tenant').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function listTenants(db: Q) {
  return db.selectFrom('tenant').selectAll().orderBy('slug').execute();
}

export async function insertTenant(db: Q, slug: string, name: string) {
  return db.insertInto('tenant').values({ slug, name }).returningAll().executeTakeFirstOrThrow();
}

export async function findOrganisation(db: Q, tenantId: string, id: string) {
  return db.selectFrom('organisation').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findOrganisationsByKind(db: Q, tenantId: string, kind: string) {
  return db.selectFrom('organisation').selectAll().where('tenant_id', '=', tenantId).where('kind', '=', kind).orderBy('name').execute();
}

export async function insertOrganisation(db: Q, row: Insertable<OrganisationTable>) {
  return db.insertInto('organisation').values(row).returningAll().executeTakeFirstOrThrow();
}
