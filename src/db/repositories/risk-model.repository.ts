/**
 * The service's health-record model (docs/risk-index.md, contract C3): one tenant_setting row
 * `risk_health_model` holding the installed model file and who installed it. No row: the
 * default model shipped with Maintien. Repositories never decide permissions.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { deleteSetting, findSetting, HEALTH_MODEL_SETTING_KEY, upsertSetting } from './tenant-setting.repository';

type Q = Kysely<DB>;

export async function findHealthModelSetting(db: Q, tenantId: string) {
  return findSetting(db, tenantId, HEALTH_MODEL_SETTING_KEY);
}

export async function saveHealthModelSetting(db: Q, tenantId: string, value: unknown, userId: string | null, at: Date) {
  await upsertSetting(db, tenantId, HEALTH_MODEL_SETTING_KEY, value, userId, at);
}

/** Removes the service's model (back to the default); true if there was one. */
export async function deleteHealthModelSetting(db: Q, tenantId: string): Promise<boolean> {
  return deleteSetting(db, tenantId, HEALTH_MODEL_SETTING_KEY);
}
