/**
 * The calculators of a dossier: IJ consumed over the rolling window and ALD periods (from the
 * worker's arrêts and the service's « Règles de détection »), and the service's rule for the
 * start of an invalidity pension. Read by the cell (administrative facts of the arrêts).
 */
import * as settingsRepo from '../../../db/repositories/tenant-setting.repository';
import * as signals from '../../../db/repositories/signal.repository';
import { can, ensure } from '../../../domain/access';
import { civilDate } from '../../../domain/calendar/dates';
import { invalid } from '../../../domain/errors';
import type { RuleArret } from '../../../domain/intake/rules';
import { rulesConfigFrom } from '../../../domain/intake/rules-config';
import {
  aldCalculation,
  checkInvalidityRule,
  DEFAULT_INVALIDITY_RULE,
  ijCalculation,
  invalidityRuleFrom,
  invalidityStartDate,
} from '../../../domain/parcours/calculators';
import { isIsoDate } from '../../../domain/calendar/dates';
import type { Ctx } from '../../context';
import { dossierNotFound, loadDossier } from '../../dossier/dossier-access';


async function invalidityRule(ctx: Ctx) {
  const row = await settingsRepo.findSetting(ctx.trx, ctx.principal.tenantId, settingsRepo.INVALIDITY_SETTING_KEY);
  return { rule: invalidityRuleFrom(row?.value ?? null), updatedAt: row?.updated_at ?? null };
}

export async function readDossierCalculators(ctx: Ctx, dossierId: string, decisionDate?: string) {
  const p = ctx.principal;
  const { dossier, relation } = await loadDossier(ctx, dossierId);
  if (relation !== 'service' || !can(p, 'read', 'administrative', relation) || !isServiceStaff(p)) throw dossierNotFound();
  if (decisionDate !== undefined && !isIsoDate(decisionDate)) throw invalid('DATE_INVALIDE', 'La date de décision est invalide (JJ/MM/AAAA).', 'decisionDate');
  const today = civilDate(ctx.now);
  const rows = await signals.findArretsOfWorker(ctx.trx, p.tenantId, dossier.worker_id);
  const arrets: RuleArret[] = rows.map((a) => ({
    id: a.id,
    workerId: a.worker_id,
    nature: a.nature,
    startDate: a.start_date,
    expectedEndDate: a.expected_end_date,
    actualEndDate: a.actual_end_date,
    ald: a.ald,
    cancelled: a.cancelled_at !== null,
  })) as RuleArret[];
  const config = rulesConfigFrom((await settingsRepo.findSetting(ctx.trx, p.tenantId, settingsRepo.RULES_SETTING_KEY))?.value ?? null);
  const { rule } = await invalidityRule(ctx);
  return {
    today,
    ij: ijCalculation(arrets, today, config),
    ald: aldCalculation(arrets, today, config),
    invalidity: { rule, decisionDate: decisionDate ?? null, startDate: decisionDate ? invalidityStartDate(decisionDate, rule) : null },
  };
}

/** Staff of the service only (tokens and outside roles have their own views). */
function isServiceStaff(p: Ctx['principal']) {
  return p.kind === 'user' && p.organisationKind === 'spsti';
}

export async function readInvaliditySettings(ctx: Ctx) {
  ensure(ctx.principal, 'settings.manage');
  const { rule, updatedAt } = await invalidityRule(ctx);
  return { rule, defaultRule: { ...DEFAULT_INVALIDITY_RULE }, updatedAt };
}

export async function updateInvaliditySettings(ctx: Ctx, input: unknown) {
  const p = ctx.principal;
  ensure(p, 'settings.manage');
  const r = checkInvalidityRule(input);
  if (!r.ok) throw invalid(r.code, r.message, r.field);
  await settingsRepo.upsertSetting(ctx.trx, p.tenantId, settingsRepo.INVALIDITY_SETTING_KEY, r.value, p.userId, ctx.now);
  await ctx.record({ action: 'settings.update', subjectType: 'tenant_setting', subjectId: null, category: 'administrative', details: { key: settingsRepo.INVALIDITY_SETTING_KEY, rule: r.value } });
  return readInvaliditySettings(ctx);
}
