/**
 * Saves the service's « Règles de détection » (the overrides of the rule numbers). The whole
 * set is replaced: a parameter left out goes back to its default. The new values apply to the
 * arrêts evaluated from now on; tasks already created stay as they are.
 */
import * as settingsRepo from '../../db/repositories/tenant-setting.repository';
import { ensure } from '../../domain/access';
import { invalid } from '../../domain/errors';
import { checkRulesOverrides, DEFAULT_RULES_CONFIG, type IntakeRulesConfig } from '../../domain/intake/rules-config';
import type { Ctx } from '../context';
import { readRulesSettings } from './rules-settings-reader';

export async function updateRulesSettings(ctx: Ctx, values: Record<string, unknown>) {
  const p = ctx.principal;
  ensure(p, 'settings.manage');
  const r = checkRulesOverrides(values);
  if (!r.ok) throw invalid(r.code, r.message, r.field);
  // Store only what differs from the defaults, so a later change of a default reaches the service.
  const overrides = Object.fromEntries(
    Object.entries(r.value.overrides).filter(([k, v]) => DEFAULT_RULES_CONFIG[k as keyof IntakeRulesConfig] !== v),
  );
  await settingsRepo.upsertSetting(ctx.trx, p.tenantId, settingsRepo.RULES_SETTING_KEY, overrides, p.userId, ctx.now);
  await ctx.record({ action: 'settings.update', subjectType: 'tenant_setting', subjectId: null, category: 'administrative', details: { key: settingsRepo.RULES_SETTING_KEY, overrides } });
  return readRulesSettings(ctx);
}
