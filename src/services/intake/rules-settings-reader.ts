/** The « Règles de détection » of the service: every parameter, its default and current value. */
import * as settingsRepo from '../../db/repositories/tenant-setting.repository';
import { ensure } from '../../domain/access';
import { DEFAULT_RULES_CONFIG, RULE_PARAMETERS, rulesConfigFrom } from '../../domain/intake/rules-config';
import type { Ctx } from '../context';

export async function readRulesSettings(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'settings.manage');
  const row = await settingsRepo.findSetting(ctx.trx, p.tenantId, settingsRepo.RULES_SETTING_KEY);
  const config = rulesConfigFrom(row?.value ?? null);
  return {
    parameters: RULE_PARAMETERS.map((x) => ({
      key: x.key,
      label: x.label,
      basis: x.basis,
      kind: x.kind,
      unit: x.unit ?? null,
      min: x.min ?? null,
      max: x.max ?? null,
      value: config[x.key],
      defaultValue: DEFAULT_RULES_CONFIG[x.key],
    })),
    updatedAt: row?.updated_at ?? null,
  };
}
