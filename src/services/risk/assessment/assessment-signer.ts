/**
 * A médecin du travail or infirmier signs the final level and the inaptitude-risk level. The
 * suggestion is recomputed here from the data of the moment and stored with its algorithm id and
 * version, inputs and sub-scores; a final level different from it needs a rationale. Immutable:
 * a new assessment supersedes the previous one.
 */
import * as dossiers from '../../../db/repositories/dossier.repository';
import * as repo from '../../../db/repositories/risk-assessment.repository';
import { conflict, invalid } from '../../../domain/errors';
import { suggestLevel } from '../../../domain/risk/index-algorithm';
import { isRiskLevel, RISK_LEVEL_LABELS } from '../../../domain/risk/levels';
import type { Ctx } from '../../context';
import { dossierNotFound } from '../../dossier/dossier-access';
import { serviceHealthModel } from '../model/health-model-settings';
import { assessmentDto } from './risk-format';
import { ensureHealthProfessional, gatherInputs } from './risk-inputs';

export const RATIONALE_MAX_LENGTH = 4000;

export interface SignProps {
  dossierId?: string | null;
  finalLevel: number;
  inaptitudeRiskLevel: number;
  rationale?: string | null;
  /** The suggested level the signer saw: if the data changed since, the signature is refused (409). */
  seenSuggestedLevel?: number | null;
}

export async function signAssessment(ctx: Ctx, workerId: string, props: SignProps) {
  const w = await ensureHealthProfessional(ctx, workerId, 'write');
  const p = ctx.principal;
  if (!isRiskLevel(props.finalLevel)) throw invalid('NIVEAU_INVALIDE', 'Le niveau retenu doit être compris entre 0 et 3.', 'finalLevel');
  if (!isRiskLevel(props.inaptitudeRiskLevel)) throw invalid('NIVEAU_INVALIDE', "Le niveau de risque d'inaptitude doit être compris entre 0 et 3.", 'inaptitudeRiskLevel');
  const rationale = props.rationale?.trim() || null;
  if (rationale && rationale.length > RATIONALE_MAX_LENGTH) throw invalid('JUSTIFICATION_TROP_LONGUE', `La justification dépasse ${RATIONALE_MAX_LENGTH} caractères.`, 'rationale');
  let dossierId: string | null = null;
  if (props.dossierId) {
    const d = await dossiers.findDossier(ctx.trx, p.tenantId, props.dossierId);
    if (!d || d.worker_id !== workerId) throw dossierNotFound();
    dossierId = d.id;
  }
  // The service's model (contract C3): its id, version and validated flag are stored with the inputs.
  const [{ record, inputs }, model] = await Promise.all([gatherInputs(ctx, w), serviceHealthModel(ctx)]);
  const result = suggestLevel(inputs, model);
  if (props.seenSuggestedLevel !== undefined && props.seenSuggestedLevel !== null && props.seenSuggestedLevel !== result.suggestedLevel) {
    throw conflict('SUGGESTION_MODIFIEE', `Les données ont changé depuis l'affichage : le niveau suggéré est maintenant ${result.suggestedLevel}. Relisez la suggestion avant de signer.`, { suggestedLevel: result.suggestedLevel });
  }
  if (props.finalLevel !== result.suggestedLevel && !rationale) {
    throw invalid('JUSTIFICATION_REQUISE', `Le niveau retenu (${props.finalLevel}) diffère du niveau suggéré (${result.suggestedLevel}) : indiquez la justification.`, 'rationale');
  }
  const row = await repo.insertAssessment(ctx.trx, {
    tenant_id: p.tenantId,
    worker_id: workerId,
    dossier_id: dossierId,
    algorithm_id: result.algorithmId,
    algorithm_version: result.algorithmVersion,
    inputs: { asOf: record.asOf, record: { ...record, birthDate: undefined }, features: inputs.health.features, profileFilled: inputs.health.profileFilled, questionnaire: inputs.questionnaire, employer: inputs.employer, model: result.model },
    sub_scores: result.components.map((c) => ({ key: c.key, label: c.label, present: c.present, level: c.level, weight: c.weight, points: c.points, alarm: c.alarm, summary: c.summary, detail: c.detail })),
    suggested_level: result.suggestedLevel,
    final_level: props.finalLevel,
    inaptitude_risk_level: props.inaptitudeRiskLevel,
    rationale,
    author_user_id: p.userId,
    author_name: p.label,
    signed_at: ctx.now,
  });
  if (dossierId) await dossiers.touchDossier(ctx.trx, p.tenantId, dossierId, ctx.now);
  await ctx.record({
    action: 'risk.sign', subjectType: 'worker', subjectId: workerId, category: 'medical', details: { assessmentId: row.id, finalLevel: props.finalLevel, suggestedLevel: result.suggestedLevel },
    timeline: dossierId
      ? {
          dossierId,
          kind: 'risk',
          category: 'sensitive',
          title: 'Indice de risque signé',
          body: `Niveau retenu : ${props.finalLevel} — ${RISK_LEVEL_LABELS[props.finalLevel]} (suggestion : ${result.suggestedLevel}). Risque d'inaptitude : ${props.inaptitudeRiskLevel}.`,
        }
      : undefined,
  });
  const saved = await repo.findLatestAssessment(ctx.trx, p.tenantId, workerId);
  return assessmentDto(saved!);
}
