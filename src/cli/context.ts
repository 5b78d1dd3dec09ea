import { InvalidArgumentError } from 'commander';
/** Helpers shared by the CLI commands: open the configured database, act for a tenant. */
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/connection';
import { migrate } from '../db/migrate';
import * as orgs from '../db/repositories/organisation.repository';
import { MaintienError } from '../domain/errors';
import { systemPrincipal } from '../services/context';

export async function withDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function tenantContext(database: Database, slug: string) {
  const tenant = await orgs.findTenantBySlug(database.db, slug);
  if (!tenant) throw new MaintienError('not_found', 'SERVICE_INTROUVABLE', `Aucun service (tenant) « ${slug} » dans cette base.`);
  const [spsti] = await orgs.findOrganisationsByKind(database.db, tenant.id, 'spsti');
  if (!spsti) throw new MaintienError('not_found', 'ORGANISATION_INTROUVABLE', `Le service « ${slug} » n'a pas d'organisation SPSTI.`);
  return systemPrincipal(tenant.id, spsti.id);
}


/** The tenant named by --tenant, or the only tenant of the database. */
export async function defaultTenantSlug(database: Database, slug?: string): Promise<string> {
  if (slug) return slug;
  const tenants = await orgs.listTenants(database.db);
  if (tenants.length === 1) return tenants[0].slug;
  if (tenants.length === 0) throw new MaintienError('not_found', 'SERVICE_INTROUVABLE', 'Aucun service (tenant) dans cette base : créez-en un (maintien service create --slug … --name …, ou maintien seed demo pour la démonstration) avant d’importer.');
  throw new MaintienError('invalid', 'SERVICE_A_PRECISER', `Plusieurs services dans cette base : précisez --tenant (${tenants.map((t) => t.slug).join(', ')}).`);
}

/** Commander argument parser: a positive integer, else a French usage error. */
export const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('un entier positif est attendu.');
  return n;
};
