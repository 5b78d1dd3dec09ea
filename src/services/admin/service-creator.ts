/**
 * Creates a service (tenant) ready for its first administrator: the tenant row and the service's
 * own organisation (kind `spsti`) that staff accounts join, in one transaction as the database
 * owner (the application role cannot write `tenant`), with a `service.create` event opening the
 * new tenant's audit chain. The demo seed creates its tenant through `insertService` too.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import { appendAuditEvents } from '../../db/repositories/audit.repository';
import * as orgs from '../../db/repositories/organisation.repository';
import * as services from '../../db/repositories/service.repository';
import type { DB } from '../../db/schema';
import { conflict } from '../../domain/errors';
import { validateNewService, type NewService } from '../../domain/tenancy/service';

/**
 * Inserts a tenant and its SPSTI organisation in the caller's owner transaction; undefined
 * (nothing written) when the slug is taken. Ids may be chosen by the caller (the demo's data
 * refers to them before they are written).
 */
export async function insertService(
  trx: Kysely<DB>,
  row: { tenantId?: string; slug: string; name: string; spsti: { id?: string; name: string } },
): Promise<{ tenantId: string; spstiId: string } | undefined> {
  const tenantId = await services.insertTenantIfAbsent(trx, { id: row.tenantId ?? randomUUID(), slug: row.slug, name: row.name });
  if (!tenantId) return undefined;
  const spsti = await orgs.insertOrganisation(trx, { tenant_id: tenantId, ...(row.spsti.id ? { id: row.spsti.id } : {}), kind: 'spsti', name: row.spsti.name, company_id: null });
  return { tenantId, spstiId: spsti.id };
}

const taken = (slug: string) => conflict('SERVICE_EXISTANT', `Un service « ${slug} » existe déjà dans cette base : choisissez un autre identifiant (maintien service list).`);

/** `maintien service create`: checks, creates the service and its SPSTI organisation, audits. */
export async function createService(database: Database, input: NewService, actorLabel = 'Système (ligne de commande)') {
  const s = validateNewService(input);
  if (await orgs.findTenantBySlug(database.db, s.slug)) throw taken(s.slug);
  return database.db.transaction().execute(async (trx) => {
    const created = await insertService(trx, { slug: s.slug, name: s.name, spsti: { name: s.name } });
    // A concurrent creation of the same slug won since the check above.
    if (!created) throw taken(s.slug);
    await appendAuditEvents(trx, created.tenantId, [
      {
        actorUserId: null,
        actorTokenId: null,
        actorLabel,
        action: 'service.create',
        subjectType: 'tenant',
        subjectId: created.tenantId,
        category: 'administrative',
        details: { slug: s.slug, name: s.name, ...(s.siret ? { siret: s.siret } : {}) },
      },
    ]);
    return { ...created, slug: s.slug, name: s.name, siret: s.siret };
  });
}

/** `maintien service list`: slug, name and number of accounts of every service. */
export async function listServices(database: Database) {
  return services.listServicesWithAccounts(database.db);
}
