/**
 * Contract C2: the latest signed final level of a dossier's worker, for the cell and for a partner
 * holding a current consent of the worker naming its organisation. Employers: always refused.
 * Only the final level and its date travel (no component, no rationale).
 */
import * as dossiers from '../../../db/repositories/dossier.repository';
import * as repo from '../../../db/repositories/risk-assessment.repository';
import { can } from '../../../domain/access';
import { forbidden } from '../../../domain/errors';
import { riskLevelLabel } from '../../../domain/risk/levels';
import type { Ctx } from '../../context';
import { hasCurrentConsent } from '../../consent/consent-check';
import { dossierNotFound } from '../../dossier/dossier-access';

export async function readSharedLevel(ctx: Ctx, dossierId: string) {
  const p = ctx.principal;
  const role = p.role;
  // Cell staff: whoever reads the service's sensitive data (the index is sensitive, domain §6).
  const isStaff = p.kind === 'user' && can(p, 'read', 'sensitive', 'service');
  if (!isStaff && role !== 'partner_agent') throw forbidden();
  const d = await dossiers.findDossier(ctx.trx, p.tenantId, dossierId);
  if (!d) throw isStaff ? dossierNotFound() : forbidden();
  if (role === 'partner_agent' && !(await hasCurrentConsent(ctx.trx, p.tenantId, d.worker_id, p.organisationId))) throw forbidden();
  const a = await repo.findLatestAssessment(ctx.trx, p.tenantId, d.worker_id);
  ctx.audit({ action: 'risk.level.read', subjectType: 'dossier', subjectId: dossierId, category: 'sensitive', details: { shared: role === 'partner_agent' } });
  if (!a) return { finalLevel: null, levelLabel: null, signedAt: null };
  return { finalLevel: a.final_level, levelLabel: riskLevelLabel(a.final_level), signedAt: a.signed_at };
}
