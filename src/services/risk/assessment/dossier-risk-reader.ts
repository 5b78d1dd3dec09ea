/**
 * The risk block of the case page: the worker's current signed level (sensitive: cell staff with
 * sensitive read), the orientation suggestions computed from it and the decisions recorded.
 */
import * as repo from '../../../db/repositories/risk-assessment.repository';
import { can, has } from '../../../domain/access';
import { forbidden } from '../../../domain/errors';
import { isRiskLevel, riskLevelLabel, type RiskLevel } from '../../../domain/risk/levels';
import { CHEF_DE_FILE_LABELS, INTERVENANT_LABELS, PYRAMIDE_LABELS, suggestOrientation, type OrientationFacts } from '../../../domain/risk/orientation';
import type { Ctx } from '../../context';
import { loadDossier } from '../../dossier/dossier-access';
import type { AssessmentRow } from './risk-format';
import { loadOrientationConfig } from './orientation-settings';

const DECISION_LABELS: Record<string, string> = { acceptee: 'Acceptée', refusee: 'Refusée' };
const KIND_LABELS: Record<string, string> = { intervenant: 'Intervenant', pyramide: 'Pyramide des fragilités', chef_de_file: 'Chef de file' };

export function valueLabel(kind: string, value: string): string {
  const table: Record<string, Record<string, string>> = { intervenant: INTERVENANT_LABELS, pyramide: PYRAMIDE_LABELS, chef_de_file: CHEF_DE_FILE_LABELS };
  return table[kind]?.[value] ?? value;
}

/** Facts of the orientation tree, from a signed assessment. */
export function orientationFacts(a: AssessmentRow): OrientationFacts {
  const subs = Array.isArray(a.sub_scores) ? (a.sub_scores as { key: string; level: number | null; alarm?: boolean }[]) : [];
  const inputs = (a.inputs ?? {}) as { features?: Record<string, number> };
  const employer = subs.find((s) => s.key === 'employeur')?.level;
  return {
    finalLevel: a.final_level as RiskLevel,
    inaptitudeLevel: (isRiskLevel(a.inaptitude_risk_level) ? a.inaptitude_risk_level : 0) as RiskLevel,
    questionnaireAlarm: subs.some((s) => s.key === 'questionnaire' && s.alarm === true),
    employerLevel: isRiskLevel(employer) ? employer : null,
    healthFeatures: inputs.features ?? {},
  };
}

export async function readDossierRisk(ctx: Ctx, dossierId: string) {
  const p = ctx.principal;
  const { dossier: d, relation } = await loadDossier(ctx, dossierId);
  if (relation !== 'service' || !can(p, 'read', 'sensitive', relation)) throw forbidden("Le niveau de risque n'est visible que des professionnels de la cellule.");
  const [a, decisions, config] = await Promise.all([
    repo.findLatestAssessment(ctx.trx, p.tenantId, d.worker_id),
    repo.findOrientationDecisions(ctx.trx, p.tenantId, d.id),
    loadOrientationConfig(ctx),
  ]);
  await ctx.record({ action: 'risk.level.read', subjectType: 'dossier', subjectId: d.id, category: 'sensitive' });
  const suggestions = a
    ? suggestOrientation(config, orientationFacts(a)).map((s) => {
        const decided = decisions.find((x) => x.assessment_id === a.id && x.kind === s.kind && x.value === s.value);
        return {
          ...s,
          kindLabel: KIND_LABELS[s.kind],
          decision: decided ? { decision: decided.decision, decisionLabel: DECISION_LABELS[decided.decision] ?? decided.decision, reason: decided.reason, decidedBy: decided.decided_by_name, decidedAt: decided.decided_at } : null,
        };
      })
    : [];
  return {
    dossierId: d.id,
    workerId: d.worker_id,
    fragilityLevel: d.fragility_level,
    fragilityLevelLabel: d.fragility_level ? valueLabel('pyramide', d.fragility_level) : null,
    current: a
      ? {
          id: a.id,
          finalLevel: a.final_level,
          finalLevelLabel: riskLevelLabel(a.final_level) ?? '',
          inaptitudeRiskLevel: a.inaptitude_risk_level,
          inaptitudeRiskLevelLabel: riskLevelLabel(a.inaptitude_risk_level) ?? '',
          suggestedLevel: a.suggested_level,
          signedAt: a.signed_at,
          authorName: a.author_name,
        }
      : null,
    suggestions,
    decisions: decisions.map((x) => ({
      id: x.id,
      kind: x.kind,
      kindLabel: KIND_LABELS[x.kind] ?? x.kind,
      value: x.value,
      valueLabel: valueLabel(x.kind, x.value),
      decision: x.decision,
      decisionLabel: DECISION_LABELS[x.decision] ?? x.decision,
      reason: x.reason,
      decidedBy: x.decided_by_name,
      decidedAt: x.decided_at,
    })),
    mayDecide: has(p, 'orientation.manage'),
    mayAssess: has(p, 'risk.assess'),
  };
}
