/**
 * Levels of the IRDP (indice de risque de désinsertion professionnelle), contract C2.
 * 0–3 as commonly used by the cells (domain §6): the FINAL level is chosen and signed by a
 * médecin du travail or an infirmier; the algorithm only suggests one.
 */
export type RiskLevel = 0 | 1 | 2 | 3;

export const RISK_LEVELS: readonly RiskLevel[] = [0, 1, 2, 3];

export const RISK_LEVEL_LABELS: Readonly<Record<RiskLevel, string>> = Object.freeze({
  0: 'Pas de risque identifié',
  1: 'Risque faible',
  2: 'Risque modéré',
  3: 'Risque élevé',
});

/** Plain-language explanation for the worker (his own level, in the carnet). */
export const RISK_LEVEL_EXPLANATIONS: Readonly<Record<RiskLevel, string>> = Object.freeze({
  0: "Votre équipe de santé au travail n'a pas identifié de risque pour votre maintien dans l'emploi.",
  1: "Votre santé pourrait avoir un effet à long terme sur votre travail. L'équipe reste attentive.",
  2: "Votre situation montre une fragilité pour votre maintien dans l'emploi. L'équipe peut vous proposer un accompagnement.",
  3: "Des difficultés au travail liées à votre santé sont identifiées. La cellule de prévention de la désinsertion professionnelle vous accompagne.",
});

/** « High index » for the other parts (contract C2): latest signed final level ≥ 2. */
export const HIGH_INDEX_MIN_LEVEL: RiskLevel = 2;

export function isRiskLevel(v: unknown): v is RiskLevel {
  return v === 0 || v === 1 || v === 2 || v === 3;
}

export function riskLevelLabel(level: number | null | undefined): string | null {
  return isRiskLevel(level) ? RISK_LEVEL_LABELS[level] : null;
}

export function isHighIndex(level: number | null | undefined): boolean {
  return isRiskLevel(level) && level >= HIGH_INDEX_MIN_LEVEL;
}
