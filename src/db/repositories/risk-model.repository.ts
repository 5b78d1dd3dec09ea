/**
 * SQL of the service's health-record model (docs/risk-index.md, contract C3): one tenant_setting
 * row `risk_health_model` holding the installed model file and who installed it. No row: the
 * default model shipped with Maintien. Repositories never decide permissions.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

type Q = Kysely<DB>;

export const HEALTH_MODEL_SETTING_KEY = 'risk_health_model';

export async function findHealthModelSetting(db: Q, tenantId: string) {
  return db
    .selectFrom('tenant_setting')
    .select(['value', 'updated_at', 'updated_by'])
    .where('tenant_id', '=', tenantId)
    .where('key', '=', HEALTH_MODEL_SETTING_KEY)
    .executeTakeFirst();
}

export async function saveHealthModelSetting(db: Q, tenantId: string, value: unknown, userId: string | null, at: Date) {
  const json = JSON.stringify(value);
  await db
    .insertInto('tenant_setting')
    .values({ tenant_id: tenantId, key: HEALTH_MODEL_SETTING_KEY, value: json, updated_at: at, updated_by: userId })
    .onConflict((oc) => oc.columns(['tenant_id', 'key']).doUpdateSet({ value: json, updated_at: at, updated_by: userId }))
    .execute();
}

/** Removes the service's model (back to the default); true if there was one. */
export async function deleteHealthModelSetting(db: Q, tenantId: string): Promise<boolean> {
  const r = await db.deleteFrom('tenant_setting').where('tenant_id', '=', tenantId).where('key', '=', HEALTH_MODEL_SETTING_KEY).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
