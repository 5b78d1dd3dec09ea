/**
 * SQL of the service's settings (table `tenant_setting`): one JSON value per key, with who
 * changed it and when. Each module has its key, all listed here; no row means the module's
 * defaults.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

type Q = Kysely<DB>;

/** The intake rules' overrides (domain/intake/rules-config), page « Règles de détection ». */
export const RULES_SETTING_KEY = 'intake_rules';
/**
 * The employer declarations' override of `maxCsvLines` (domain/intake/declarations). It held
 * `minArretDays` too until migration 0012 moved that number into the rules' setting
 * (`intake_rules.preRepriseAfterDays`).
 */
export const DECLARATION_SETTINGS_KEY = 'signals.declarations';
/** The orientation configuration of the risk index (domain/risk/orientation). */
export const ORIENTATION_SETTING_KEY = 'risk_orientation';
/** The installed health-record model file (risk-model.repository.ts). */
export const HEALTH_MODEL_SETTING_KEY = 'risk_health_model';
/** The invalidity calculator's start rule (services/parcours/measures/calculator-reader.ts). */
export const INVALIDITY_SETTING_KEY = 'parcours_invalidity_start';

export async function findSetting(db: Q, tenantId: string, key: string) {
  return db.selectFrom('tenant_setting').select(['value', 'updated_at', 'updated_by']).where('tenant_id', '=', tenantId).where('key', '=', key).executeTakeFirst();
}

export async function upsertSetting(db: Q, tenantId: string, key: string, value: unknown, userId: string | null, at: Date) {
  const json = JSON.stringify(value);
  await db
    .insertInto('tenant_setting')
    .values({ tenant_id: tenantId, key, value: json, updated_at: at, updated_by: userId })
    .onConflict((oc) => oc.columns(['tenant_id', 'key']).doUpdateSet({ value: json, updated_at: at, updated_by: userId }))
    .execute();
}

/** Removes the setting (back to the defaults); true if there was one. */
export async function deleteSetting(db: Q, tenantId: string, key: string): Promise<boolean> {
  const r = await db.deleteFrom('tenant_setting').where('tenant_id', '=', tenantId).where('key', '=', key).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
