/**
 * Migration 0012 keeps the stored settings of a service: an old `signals.declarations.minArretDays`
 * becomes the rules' `preRepriseAfterDays` (one setting for one rule), unless the service had
 * set that one already; invalid values are dropped; the CSV limit stays where it was.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection';
import { rulesConfigFrom } from '../../src/domain/intake/rules-config';
import { freshDatabase } from '../support/database';

const MIGRATION = readFileSync(new URL('../../src/db/migrations/20261125_0012_declaration_threshold_setting.sql', import.meta.url), 'utf8');

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database?.close());

async function tenantWith(settings: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  await database.db.insertInto('tenant').values({ id, slug: `t-${id.slice(0, 8)}`, name: 'Service de test' }).execute();
  for (const [key, value] of Object.entries(settings)) await database.db.insertInto('tenant_setting').values({ tenant_id: id, key, value: JSON.stringify(value) }).execute();
  return id;
}

async function settingsOf(tenantId: string): Promise<Record<string, unknown>> {
  const rows = await database.db.selectFrom('tenant_setting').select(['key', 'value']).where('tenant_id', '=', tenantId).execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

describe('migration 0012: the declaration threshold moves into « Règles de détection »', () => {
  it('moves, keeps or drops each stored value, and running it again changes nothing', async () => {
    const moved = await tenantWith({ 'signals.declarations': { minArretDays: 45 } });
    const merged = await tenantWith({ 'signals.declarations': { minArretDays: 40, maxCsvLines: 500 }, intake_rules: { miCarriereAge: 50 } });
    const kept = await tenantWith({ 'signals.declarations': { minArretDays: 20 }, intake_rules: { preRepriseAfterDays: 35 } });
    const invalid = await tenantWith({ 'signals.declarations': { minArretDays: 366 } });
    const fraction = await tenantWith({ 'signals.declarations': { minArretDays: 30.5 } });
    const untouched = await tenantWith({ intake_rules: { ijAlertDays: 280 } });

    for (let run = 0; run < 2; run++) {
      await database.withSession((exec) => exec(`begin;\n${MIGRATION}\n;commit;`));
      expect(await settingsOf(moved)).toEqual({ intake_rules: { preRepriseAfterDays: 45 } });
      expect(await settingsOf(merged)).toEqual({ intake_rules: { preRepriseAfterDays: 40, miCarriereAge: 50 }, 'signals.declarations': { maxCsvLines: 500 } });
      expect(await settingsOf(kept)).toEqual({ intake_rules: { preRepriseAfterDays: 35 } });
      expect(await settingsOf(invalid)).toEqual({});
      expect(await settingsOf(fraction)).toEqual({});
      expect(await settingsOf(untouched)).toEqual({ intake_rules: { ijAlertDays: 280 } });
    }
    // What was moved is a valid rules configuration.
    expect(rulesConfigFrom((await settingsOf(merged)).intake_rules)).toMatchObject({ preRepriseAfterDays: 40, miCarriereAge: 50 });
  });
});
