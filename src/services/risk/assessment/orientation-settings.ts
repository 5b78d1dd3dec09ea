/** The service's orientation configuration (decision tree, pyramide, chef de file): risk.configure. */
import * as settings from '../../../db/repositories/tenant-setting.repository';
import { ensure } from '../../../domain/access';
import { HEALTH_FEATURES } from '../../../domain/risk/health-model';
import {
  CHEF_DE_FILE_LABELS,
  DEFAULT_ORIENTATION_CONFIG,
  INTERVENANT_LABELS,
  orientationConfigFrom,
  parseOrientationConfig,
  PYRAMIDE_LABELS,
  type OrientationConfig,
} from '../../../domain/risk/orientation';
import type { Ctx } from '../../context';

/** The variables of the health record a rule may look at (contract C3), with their French labels. */
const HEALTH_FEATURE_LABELS: Readonly<Record<string, string>> = Object.freeze(Object.fromEntries(HEALTH_FEATURES.map((f) => [f.name, f.label])));

export async function loadOrientationConfig(ctx: Ctx): Promise<OrientationConfig> {
  const row = await settings.findSetting(ctx.trx, ctx.principal.tenantId, settings.ORIENTATION_SETTING_KEY);
  return orientationConfigFrom(row?.value ?? null);
}

export async function readOrientationSettings(ctx: Ctx) {
  ensure(ctx.principal, 'risk.configure');
  const row = await settings.findSetting(ctx.trx, ctx.principal.tenantId, settings.ORIENTATION_SETTING_KEY);
  return {
    config: orientationConfigFrom(row?.value ?? null),
    isDefault: !row,
    updatedAt: row?.updated_at ?? null,
    defaults: DEFAULT_ORIENTATION_CONFIG,
    labels: { intervenants: INTERVENANT_LABELS, pyramide: PYRAMIDE_LABELS, chefsDeFile: CHEF_DE_FILE_LABELS, healthFeatures: HEALTH_FEATURE_LABELS },
  };
}

/** Replaces the configuration; `null` goes back to the defaults. */
export async function updateOrientationSettings(ctx: Ctx, value: unknown) {
  const p = ctx.principal;
  ensure(p, 'risk.configure');
  const config = value === null ? null : parseOrientationConfig(value);
  if (config === null) {
    await settings.deleteSetting(ctx.trx, p.tenantId, settings.ORIENTATION_SETTING_KEY);
  } else {
    await settings.upsertSetting(ctx.trx, p.tenantId, settings.ORIENTATION_SETTING_KEY, config, p.userId, ctx.now);
  }
  await ctx.record({ action: 'settings.update', subjectType: 'tenant_setting', subjectId: null, category: 'administrative', details: { key: settings.ORIENTATION_SETTING_KEY, reset: config === null } });
  return readOrientationSettings(ctx);
}
