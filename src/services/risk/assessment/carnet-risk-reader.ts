/** The worker's own final level, in plain words (his right to see it, domain §6). */
import * as repo from '../../../db/repositories/risk-assessment.repository';
import { ensure } from '../../../domain/access';
import { forbidden } from '../../../domain/errors';
import { isRiskLevel, RISK_LEVEL_EXPLANATIONS, RISK_LEVEL_LABELS } from '../../../domain/risk/levels';
import type { Ctx } from '../../context';

export async function readOwnRisk(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'worker.space');
  if (!p.workerId) throw forbidden();
  const a = await repo.findLatestAssessment(ctx.trx, p.tenantId, p.workerId);
  if (!a || !isRiskLevel(a.final_level)) return { finalLevel: null, levelLabel: null, explanation: null, signedAt: null, authorName: null };
  await ctx.record({ action: 'risk.level.read', subjectType: 'worker', subjectId: p.workerId, category: 'sensitive', details: { self: true } });
  return {
    finalLevel: a.final_level,
    levelLabel: RISK_LEVEL_LABELS[a.final_level],
    explanation: RISK_LEVEL_EXPLANATIONS[a.final_level],
    signedAt: a.signed_at,
    authorName: a.author_name,
  };
}
