/**
 * Tenant isolation, enforced twice: by the services (a dossier of another service answers
 * 404) and by PostgreSQL row-level security (a query run as the application role in tenant A
 * returns no row of tenant B even without any WHERE clause, and cannot write into B).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/db/tenant-tx';
import { systemPrincipal, withCtx } from '../../src/services/context';
import { createApiToken } from '../../src/services/user/api-token-manager';
import { findTenantBySlug } from '../../src/db/repositories/organisation.repository';
import { as, demoEmail, login, startTestApp, type TestApp } from '../support/app';

const TENANT_TABLES = [
  'tenant_counter', 'company', 'organisation', 'worker', 'employment', 'app_user', 'membership', 'session',
  'api_token', 'dossier', 'dossier_assignment', 'dossier_transition', 'timeline_entry', 'consent', 'audit_event', 'audit_head',
] as const;

let t: TestApp;
let tenantA: string;
let tenantB: string;

beforeAll(async () => {
  t = await startTestApp({ tenants: ['demo', 'autre'] });
  tenantA = (await findTenantBySlug(t.database.db, 'demo'))!.id;
  tenantB = (await findTenantBySlug(t.database.db, 'autre'))!.id;
  // Sessions in both tenants, so that the session table has rows on both sides too.
  await login(t.app, demoEmail('medecin'));
  await login(t.app, demoEmail('medecin', 'autre'));
  for (const tenantId of [tenantA, tenantB]) {
    const org = await t.database.db.selectFrom('organisation').select('id').where('tenant_id', '=', tenantId).where('kind', '=', 'spsti').executeTakeFirstOrThrow();
    await withCtx(t.database, systemPrincipal(tenantId, org.id), (ctx) => createApiToken(ctx, { name: 'Flux', scopes: ['flux'] }));
  }
});
afterAll(() => t?.close());

describe('row-level security', () => {
  it('both tenants have data in every table (the test below would prove nothing otherwise)', async () => {
    for (const table of TENANT_TABLES) {
      const rows = await sql<{ tenant_id: string; n: number }>`select tenant_id, count(*)::int as n from ${sql.table(table)} group by tenant_id`.execute(t.database.db);
      const tenants = rows.rows.map((r) => r.tenant_id);
      expect(tenants, table).toContain(tenantA);
      expect(tenants, table).toContain(tenantB);
    }
  });

  it('a query in tenant A never returns a row of tenant B, in any table, without any WHERE clause', async () => {
    for (const [mine, other] of [[tenantA, tenantB], [tenantB, tenantA]]) {
      await inTenant(t.database.db, mine, async (trx) => {
        for (const table of TENANT_TABLES) {
          const r = await sql<{ tenant_id: string }>`select distinct tenant_id from ${sql.table(table)}`.execute(trx);
          expect(r.rows.map((x) => x.tenant_id), table).toEqual([mine]);
          expect(r.rows.some((x) => x.tenant_id === other)).toBe(false);
        }
        const tenants = await sql<{ id: string }>`select id from tenant`.execute(trx);
        expect(tenants.rows.map((x) => x.id)).toEqual([mine]);
      });
    }
  });

  it('runs as a non-superuser role', async () => {
    await inTenant(t.database.db, tenantA, async (trx) => {
      const r = await sql<{ u: string; s: boolean }>`select current_user as u, (select rolsuper from pg_roles where rolname = current_user) as s`.execute(trx);
      expect(r.rows[0]).toEqual({ u: 'maintien_app', s: false });
    });
  });

  it('refuses to write a row into another tenant', async () => {
    const worker = await t.database.db.selectFrom('worker').select('id').where('tenant_id', '=', tenantB).executeTakeFirstOrThrow();
    await expect(
      inTenant(t.database.db, tenantA, (trx) =>
        trx.insertInto('dossier').values({ tenant_id: tenantB, reference: 'PDP-X', worker_id: worker.id, origin: 'equipe' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('cannot update or delete rows of another tenant (they are invisible)', async () => {
    const before = await t.database.db.selectFrom('dossier').select(sql<number>`count(*)::int`.as('n')).where('tenant_id', '=', tenantB).executeTakeFirstOrThrow();
    await inTenant(t.database.db, tenantA, async (trx) => {
      const u = await trx.updateTable('dossier').set({ summary: 'piraté' }).where('tenant_id', '=', tenantB).executeTakeFirst();
      expect(Number(u.numUpdatedRows)).toBe(0);
      const d = await trx.deleteFrom('timeline_entry').where('tenant_id', '=', tenantB).executeTakeFirst();
      expect(Number(d.numDeletedRows)).toBe(0);
    });
    const after = await t.database.db.selectFrom('dossier').select(sql<number>`count(*)::int`.as('n')).where('tenant_id', '=', tenantB).where('summary', '=', 'piraté').executeTakeFirstOrThrow();
    expect(after.n).toBe(0);
    expect(before.n).toBeGreaterThan(0);
  });

  it('sees nothing at all when no tenant is set', async () => {
    await t.database.db.transaction().execute(async (trx) => {
      await sql`set local role maintien_app`.execute(trx);
      const r = await sql<{ n: number }>`select count(*)::int as n from dossier`.execute(trx);
      expect(r.rows[0].n).toBe(0);
    });
  });

  it('cannot modify the audit log, even in its own tenant', async () => {
    await expect(inTenant(t.database.db, tenantA, (trx) => trx.updateTable('audit_event').set({ action: 'x' }).execute())).rejects.toThrow();
    await expect(inTenant(t.database.db, tenantA, (trx) => trx.deleteFrom('audit_event').execute())).rejects.toThrow();
  });
});

describe('through the API', () => {
  it('a dossier of another service is not found, for every kind of access', async () => {
    const b = as(t.app, await login(t.app, demoEmail('medecin', 'autre')));
    const a = as(t.app, await login(t.app, demoEmail('medecin')));
    const list = (await b.get('/api/v1/dossiers?scope=service&pageSize=1')).json();
    const foreignId = list.items[0].id;
    const workerId = list.items[0].worker.id;
    expect((await a.get(`/api/v1/dossiers/${foreignId}`)).statusCode).toBe(404);
    expect((await a.post(`/api/v1/dossiers/${foreignId}/entries`, { category: 'administrative', body: 'x' })).statusCode).toBe(404);
    expect((await a.post(`/api/v1/dossiers/${foreignId}/transitions`, { to: 'clos' })).statusCode).toBe(404);
    expect((await a.get(`/api/v1/workers/${workerId}`)).statusCode).toBe(404);
    const mine = (await a.get('/api/v1/dossiers?scope=service&pageSize=100')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).not.toContain(foreignId);
  });
});
