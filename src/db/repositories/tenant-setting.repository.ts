/**
 * SQL of the service's settings (table `tenant_setting`): one JSON value per key, with who
 * changed it and when. The keys belong to their modules (intake rules, orientation, health
 * model, invalidity calculator); no row means the module's defaults.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';

type Q = Kysely<DB>;

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
