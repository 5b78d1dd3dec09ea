/**
 * The risk index of one worker for a health professional: the suggestion computed now (with its
 * contributions), the health-record profile, the signed history. Medical read, audited.
 */
import * as repo from '../../../db/repositories/risk-assessment.repository';
import { CIM_CHAPTERS, CIM_LABELS, CSP_LABELS, CSP_VALUES, EXPOSURE_LABELS, EXPOSURES } from '../../../domain/risk/health-model';
import { suggestLevel } from '../../../domain/risk/index-algorithm';
import { RISK_LEVEL_LABELS, RISK_LEVELS } from '../../../domain/risk/levels';
import type { Ctx } from '../../context';
import { serviceHealthModel } from '../model/health-model-settings';
import { assessmentDto, suggestionDto } from './risk-format';
import { ensureHealthProfessional, gatherInputs } from './risk-inputs';

export async function readWorkerRisk(ctx: Ctx, workerId: string) {
  const w = await ensureHealthProfessional(ctx, workerId);
  const [{ inputs, profile }, history, model] = await Promise.all([gatherInputs(ctx, w), repo.findAssessments(ctx.trx, ctx.principal.tenantId, workerId), serviceHealthModel(ctx)]);
  await ctx.record({ action: 'risk.read', subjectType: 'worker', subjectId: workerId, category: 'medical', details: { parts: ['suggestion', 'profile', 'history'] } });
  const result = suggestLevel(inputs, model);
  return {
    workerId,
    suggestion: suggestionDto(result),
    profile: profile
      ? { csp: profile.csp, cimChapters: profile.cim_chapters, exposures: profile.exposures, ald: profile.ald, updatedAt: profile.updated_at }
      : null,
    current: history[0] ? assessmentDto(history[0]) : null,
    history: history.map(assessmentDto),
    options: {
      levels: RISK_LEVELS.map((l) => ({ value: l, label: RISK_LEVEL_LABELS[l] })),
      csp: CSP_VALUES.map((v) => ({ value: v, label: CSP_LABELS[v] })),
      cimChapters: CIM_CHAPTERS.map((v) => ({ value: v, label: CIM_LABELS[v] })),
      exposures: EXPOSURES.map((v) => ({ value: v, label: EXPOSURE_LABELS[v] })),
    },
  };
}
