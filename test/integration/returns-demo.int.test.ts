/**
 * Demo content of the returns to the AM (every delivery status, chain intact), and row-level
 * security of am_return: in tenant A no query sees or writes a message of tenant B.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection';
import { inTenant } from '../../src/db/tenant-tx';
import { verifyAudit } from '../../src/services/audit/audit-verifier';
import { systemPrincipal, withCtx } from '../../src/services/context';
import { seedReturnsDemo } from '../../src/demo/intake-returns';
import { seedDemo } from '../../src/demo/seed-demo';
import { freshDatabase } from '../support/database';

let database: Database;
let tenantId: string;
let otherId: string;
beforeAll(async () => {
  database = await freshDatabase();
  const now = new Date();
  tenantId = (await seedDemo(database, { now, modules: false })).tenantId;
  otherId = (await seedDemo(database, { now, slug: 'autre', modules: false })).tenantId;
  await seedReturnsDemo(database, tenantId, now);
  await seedReturnsDemo(database, otherId, now);
});
afterAll(() => database?.close());

describe('seedReturnsDemo', () => {
  it('creates messages in every delivery status, some with job information', async () => {
    const rows = await database.db.selectFrom('am_return').selectAll().where('tenant_id', '=', tenantId).execute();
    expect(rows.length).toBeGreaterThanOrEqual(6);
    const byStatus = (s: string) => rows.filter((r) => r.status === s).length;
    expect(byStatus('accuse')).toBe(2);
    expect(byStatus('en_erreur')).toBe(1);
    expect(byStatus('transmis')).toBe(1);
    expect(byStatus('a_transmettre')).toBeGreaterThanOrEqual(1);
    expect(rows.some((r) => r.job_included === true)).toBe(true);
    expect(new Set(rows.map((r) => r.destinataire))).toEqual(new Set(['CPAM-593', 'ELSM-59']));
  });

  it('leaves the audit chain intact', async () => {
    const r = await withCtx(database, systemPrincipal(tenantId, tenantId), verifyAudit);
    expect(r.ok).toBe(true);
  });
});

describe('row-level security of am_return', () => {
  it('a tenant sees only its messages, without any WHERE clause, and cannot touch the other’s', async () => {
    for (const [mine, other] of [[tenantId, otherId], [otherId, tenantId]]) {
      await inTenant(database.db, mine, async (trx) => {
        const r = await sql<{ tenant_id: string }>`select distinct tenant_id from am_return`.execute(trx);
        expect(r.rows.map((x) => x.tenant_id)).toEqual([mine]);
        const u = await sql`update am_return set status = 'accuse' where tenant_id = ${other}`.execute(trx);
        expect(Number(u.numAffectedRows ?? 0)).toBe(0);
      });
    }
  });
});
