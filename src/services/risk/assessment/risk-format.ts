/** Shapes of the risk index sent to the web app. */
import { riskLevelLabel } from '../../../domain/risk/levels';
import { UNVALIDATED_MODEL_LABEL } from '../../../domain/risk/health-model';
import type { IndexResult } from '../../../domain/risk/index-algorithm';

export interface AssessmentRow {
  id: string;
  worker_id: string;
  dossier_id: string | null;
  algorithm_id: string;
  algorithm_version: string;
  inputs: unknown;
  sub_scores: unknown;
  suggested_level: number;
  final_level: number;
  inaptitude_risk_level: number;
  rationale: string | null;
  author_name: string;
  signed_at: Date | string;
}

/** A signed assessment, in full (health professionals only). */
export function assessmentDto(a: AssessmentRow) {
  const subs = Array.isArray(a.sub_scores) ? (a.sub_scores as { key: string; label: string; present: boolean; level: number | null; summary: string }[]) : [];
  return {
    id: a.id,
    dossierId: a.dossier_id,
    algorithmId: a.algorithm_id,
    algorithmVersion: a.algorithm_version,
    suggestedLevel: a.suggested_level,
    finalLevel: a.final_level,
    finalLevelLabel: riskLevelLabel(a.final_level) ?? '',
    inaptitudeRiskLevel: a.inaptitude_risk_level,
    inaptitudeRiskLevelLabel: riskLevelLabel(a.inaptitude_risk_level) ?? '',
    rationale: a.rationale,
    authorName: a.author_name,
    signedAt: a.signed_at,
    components: subs.map((s) => ({ key: s.key, label: s.label, present: s.present, level: s.level, summary: s.summary })),
  };
}

/** The suggestion as computed now (health professionals only). */
export function suggestionDto(r: IndexResult) {
  return {
    algorithmId: r.algorithmId,
    algorithmVersion: r.algorithmVersion,
    model: { ...r.model, warning: r.model.validated ? null : UNVALIDATED_MODEL_LABEL },
    suggestedLevel: r.suggestedLevel,
    suggestedLevelLabel: r.suggestedLevelLabel,
    combined: Math.round(r.combined * 1000) / 1000,
    components: r.components.map((c) => ({ key: c.key, label: c.label, present: c.present, level: c.level, levelLabel: c.levelLabel, weight: Math.round(c.weight * 1000) / 1000, summary: c.summary, alarm: c.alarm })),
    contributions: r.contributions.map((c) => ({ component: c.component, text: c.text })),
    missing: r.missing,
    notes: r.notes,
  };
}
