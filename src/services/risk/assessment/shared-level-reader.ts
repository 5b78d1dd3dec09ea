/**
 * Contract C2: the latest signed final level of a dossier's worker, for the cell and for a partner
 * holding a current consent of the worker naming its organisation. Employers: always refused.
 * Only the final level and its date travel (no component, no rationale). Who reads it, and under
 * which relation, is the access policy's shared item 'risk.final_level'.
 */
import * as dossiers from '../../../db/repositories/dossier.repository';
import * as repo from '../../../db/repositories/risk-assessment.repository';
import { canReadShared, sharedItemScope } from '../../../domain/access';
import { forbidden } from '../../../domain/errors';
import { riskLevelLabel } from '../../../domain/risk/levels';
import type { Ctx } from '../../context';
import { dossierNotFound, relationWithWorker } from '../../dossier/dossier-access';

export async function readSharedLevel(ctx: Ctx, dossierId: string) {
  const p = ctx.principal;
  const scope = sharedItemScope(p, 'risk.final_level');
  if (scope === null) throw forbidden();
  const d = await dossiers.findDossier(ctx.trx, p.tenantId, dossierId);
  // The cell is told the dossier is not there; a partner learns nothing from the answer.
  if (!d) throw scope === 'service' ? dossierNotFound() : forbidden();
  // A partner's relation is read from the consents now: a withdrawal takes effect at once.
  const relation = await relationWithWorker(ctx, d.worker_id);
  if (!canReadShared(p, 'risk.final_level', relation)) throw forbidden();
  const a = await repo.findLatestAssessment(ctx.trx, p.tenantId, d.worker_id);
  await ctx.record({ action: 'risk.level.read', subjectType: 'dossier', subjectId: dossierId, category: 'sensitive', details: { shared: relation === 'consented' } });
  if (!a) return { finalLevel: null, levelLabel: null, signedAt: null };
  return { finalLevel: a.final_level, levelLabel: riskLevelLabel(a.final_level), signedAt: a.signed_at };
}
