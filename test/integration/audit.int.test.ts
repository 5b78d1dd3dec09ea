/** The audit chain in the database: large appends, concurrent appends, verification. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection';
import { appendAuditEvents, readAuditChain, readAuditHead } from '../../src/db/repositories/audit.repository';
import { insertTenant } from '../../src/db/repositories/organisation.repository';
import { inTenant } from '../../src/db/tenant-tx';
import { verifyChain, type AuditFields } from '../../src/domain/audit/chain';
import { freshDatabase } from '../support/database';

let database: Database;
let tenantId: string;
beforeAll(async () => {
  database = await freshDatabase();
  tenantId = (await insertTenant(database.db, 'audit-test', 'Service de test')).id;
});
afterAll(() => database?.close());

const event = (i: number) => ({
  actorUserId: null,
  actorTokenId: null,
  actorLabel: 'Test',
  action: 'test.event',
  subjectType: 'test',
  subjectId: String(i),
  details: { i, nested: { b: 1, a: [i] } },
});

async function verify() {
  const events: (AuditFields & { hash: string })[] = [];
  for await (const e of readAuditChain(database.db, tenantId, 300)) events.push(e);
  return verifyChain(events, await readAuditHead(database.db, tenantId));
}

describe('audit chain in the database', () => {
  it('appends across chunk boundaries (1, 500, 501, 1203 events) and stays verifiable', async () => {
    let total = 0;
    for (const n of [1, 500, 501, 1203]) {
      await inTenant(database.db, tenantId, (trx) => appendAuditEvents(trx, tenantId, Array.from({ length: n }, (_, i) => event(total + i))));
      total += n;
      const r = await verify();
      expect(r).toEqual({ checked: total, problems: [] });
    }
  });

  it('keeps one strict sequence when transactions append concurrently', async () => {
    const before = (await readAuditHead(database.db, tenantId))!.seq;
    await Promise.all(
      Array.from({ length: 8 }, (_, k) => inTenant(database.db, tenantId, (trx) => appendAuditEvents(trx, tenantId, [event(10_000 + k), event(20_000 + k)]))),
    );
    const r = await verify();
    expect(r.problems).toEqual([]);
    expect(r.checked).toBe(before + 16);
  });
});
