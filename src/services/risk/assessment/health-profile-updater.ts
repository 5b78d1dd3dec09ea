/** The médecin / infirmier fills the health-record facts the index reads (medical write, audited). */
import * as repo from '../../../db/repositories/risk-assessment.repository';
import { invalid } from '../../../domain/errors';
import { CIM_CHAPTERS, CSP_VALUES, EXPOSURES } from '../../../domain/risk/health-model';
import type { Ctx } from '../../context';
import { ensureHealthProfessional } from './risk-inputs';

export interface HealthProfileProps {
  csp: string | null;
  cimChapters: string[];
  exposures: string[];
  ald: boolean;
}

export async function updateHealthProfile(ctx: Ctx, workerId: string, props: HealthProfileProps) {
  await ensureHealthProfessional(ctx, workerId, 'write');
  const csp = props.csp || null;
  if (csp !== null && !(CSP_VALUES as readonly string[]).includes(csp)) {
    throw invalid('CSP_INCONNUE', 'Catégorie socio-professionnelle inconnue.', 'csp');
  }
  const bad = props.cimChapters.find((c) => !(CIM_CHAPTERS as readonly string[]).includes(c));
  if (bad !== undefined) throw invalid('CHAPITRE_CIM_INCONNU', `Chapitre CIM inconnu : « ${bad} ».`, 'cimChapters');
  const badE = props.exposures.find((c) => !(EXPOSURES as readonly string[]).includes(c));
  if (badE !== undefined) throw invalid('EXPOSITION_INCONNUE', `Exposition inconnue : « ${badE} ».`, 'exposures');
  const p = ctx.principal;
  await repo.upsertHealthProfile(ctx.trx, {
    tenant_id: p.tenantId,
    worker_id: workerId,
    csp,
    cim_chapters: [...new Set(props.cimChapters)],
    exposures: [...new Set(props.exposures)],
    ald: props.ald,
    updated_by: p.userId,
    updated_at: ctx.now,
  });
  await ctx.record({ action: 'risk.profile.update', subjectType: 'worker', subjectId: workerId, category: 'medical' });
  return { workerId, updatedAt: ctx.now };
}
