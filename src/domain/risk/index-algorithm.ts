/**
 * The suggested IRDP level (domain §6, IGAS recommendation 18): three components, each turned
 * into a sub-level 0–3, combined by a weighted mean over the components that are present.
 *
 *   1. health record: the logistic model of `health-model.ts` (probability → level by the model's thresholds);
 *   2. self-questionnaire: the latest complete WAI (category) or short form (capacity, outlook);
 *   3. employer: the latest complete employer assessment of the worker's current company.
 *
 * The result is a SUGGESTION: the final level is chosen and signed by a health professional
 * (services/risk/assessment). Every number below is a named constant with boundary tests.
 */
import { DEFAULT_HEALTH_MODEL, levelOfProbability, logistic, scoreHealthRecord, UNVALIDATED_MODEL_LABEL, type HealthFeatures, type HealthModel } from './health-model';
import { RISK_LEVEL_LABELS, type RiskLevel } from './levels';
import { SHORT_CAPACITY_ALARM, SHORT_OUTLOOK_ALARM } from './questionnaires/wai-court';

export const INDEX_ALGORITHM_ID = 'maintien-irdp';
export const INDEX_ALGORITHM_VERSION = '1.0.0';

/** Weights of the components in the combined score (renormalised over the present ones). */
export const COMPONENT_WEIGHTS = Object.freeze({ sante: 0.5, questionnaire: 0.3, employeur: 0.2 });
export type ComponentKey = keyof typeof COMPONENT_WEIGHTS;
export const COMPONENT_LABELS: Readonly<Record<ComponentKey, string>> = Object.freeze({
  sante: 'Dossier de santé',
  questionnaire: 'Auto-questionnaire (WAI)',
  employeur: 'Évaluation employeur',
});

/** Combined score (0–3) → suggested level: level k from LEVEL_CUTS[k−1] (a cut belongs to the upper level). */
export const LEVEL_CUTS: readonly [number, number, number] = [0.5, 1.5, 2.5];

/**
 * Domain §6: WAI categories (Tuomi 1998) poor 7–27, moderate 28–36, good 37–43, excellent 44–49.
 * The category is recomputed from the score here (same cut-offs as the questionnaire module).
 */
export const WAI_MIN = 7;
export const WAI_MAX = 49;
export const WAI_POOR_MAX = 27;
export const WAI_MODERATE_MAX = 36;
export const WAI_GOOD_MAX = 43;
/** Short form (ALSMT/INRS): current work capacity 0–10, alarm at ≤ 4… */
export const SHORT_CAPACITY_ALARM_MAX = SHORT_CAPACITY_ALARM;
/** …and a watch zone up to 6. */
export const SHORT_CAPACITY_WATCH_MAX = 6;
/** WAI item 6 scale: 1 « non, sans doute pas » (alarm), 4 « pas certain », 7 « oui, presque certain ». */
export const OUTLOOK_ALARM = SHORT_OUTLOOK_ALARM;
export const OUTLOOK_UNSURE = 4;
/**
 * Either short-form alarm (or a poor WAI) ≈ 60 % risk of dropping out of work within 3 years
 * (domain §6): the suggestion is then at least this level, whatever the other components say.
 */
export const QUESTIONNAIRE_ALARM_FLOOR: RiskLevel = 2;
/** Employer questionnaire category (contract C1) → sub-level. */
export const EMPLOYER_CATEGORY_LEVELS: Readonly<Record<string, RiskLevel>> = Object.freeze({ faible: 0, modere: 1, eleve: 2, tres_eleve: 3 });
/** Fallback when a response carries no category: score 0–100 cut-offs for levels 1, 2, 3. */
export const EMPLOYER_SCORE_CUTS: readonly [number, number, number] = [25, 50, 75];

const WAI_CATEGORY_LABELS = { mauvais: 'mauvais', moyen: 'moyen', bon: 'bon', excellent: 'excellent' } as const;
const OUTLOOK_LABELS: Record<number, string> = { 1: 'non, sans doute pas', 4: 'pas certain', 7: 'oui, presque certain' };
const EMPLOYER_CATEGORY_LABELS: Record<string, string> = { faible: 'faible', modere: 'modéré', eleve: 'élevé', tres_eleve: 'très élevé' };

export interface QuestionnaireInput {
  responseId: string;
  questionnaire: 'wai' | 'wai_court';
  /** wai: total 7–49; wai_court: current work capacity 0–10. */
  score: number;
  /** wai_court: answers.outlook (1 | 4 | 7), null if not answered. */
  outlook: number | null;
  completedAt: string;
}

export interface EmployerInput {
  responseId: string;
  companyId: string | null;
  companyName?: string | null;
  score: number;
  category: string | null;
  completedAt: string;
}

export interface IndexInputs {
  health: { features: HealthFeatures; profileFilled: boolean };
  questionnaire: QuestionnaireInput | null;
  employer: EmployerInput | null;
}

export interface ContributionLine {
  component: ComponentKey;
  /** Plain French: « Arrêt de 180 jours ou plus : +1,1 ». */
  text: string;
  value: number;
}

export interface ComponentResult {
  key: ComponentKey;
  label: string;
  present: boolean;
  level: RiskLevel | null;
  levelLabel: string | null;
  weight: number;
  /** weight (renormalised) × level: the component's share of the combined score. */
  points: number;
  summary: string;
  alarm: boolean;
  /** Component-specific figures (probability of the health model, WAI score…). */
  detail: Record<string, unknown>;
}

export interface IndexResult {
  algorithmId: string;
  algorithmVersion: string;
  model: { id: string; version: string; label: string; validated: boolean };
  suggestedLevel: RiskLevel;
  suggestedLevelLabel: string;
  combined: number;
  components: ComponentResult[];
  contributions: ContributionLine[];
  missing: ComponentKey[];
  notes: string[];
}

export const fmtNumber = (n: number, digits = 2) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
export const fmtSigned = (n: number, digits = 2) => (n >= 0 ? '+' : '−') + fmtNumber(Math.abs(n), digits);
const percent = (p: number) => `${fmtNumber(p * 100, 0)} %`;

/** Level of a combined score 0–3. */
export function levelOfCombined(x: number): RiskLevel {
  if (x >= LEVEL_CUTS[2]) return 3;
  if (x >= LEVEL_CUTS[1]) return 2;
  if (x >= LEVEL_CUTS[0]) return 1;
  return 0;
}

export function waiCategory(score: number): keyof typeof WAI_CATEGORY_LABELS {
  if (score <= WAI_POOR_MAX) return 'mauvais';
  if (score <= WAI_MODERATE_MAX) return 'moyen';
  if (score <= WAI_GOOD_MAX) return 'bon';
  return 'excellent';
}

const WAI_LEVEL: Record<keyof typeof WAI_CATEGORY_LABELS, RiskLevel> = { mauvais: 3, moyen: 2, bon: 1, excellent: 0 };

/** Sub-level of the self-questionnaire, with whether it raises the alarm of domain §6. */
export function questionnaireLevel(q: QuestionnaireInput): { level: RiskLevel; alarm: boolean; summary: string } {
  const { level, alarm } = questionnaireSubLevel(q);
  return { level, alarm, summary: questionnaireSummary(q) };
}

/** The numbers only (no text): the bulk scoring path. */
export function questionnaireSubLevel(q: QuestionnaireInput): { level: RiskLevel; alarm: boolean } {
  if (q.questionnaire === 'wai') {
    const cat = waiCategory(Math.min(WAI_MAX, Math.max(WAI_MIN, q.score)));
    return { level: WAI_LEVEL[cat], alarm: cat === 'mauvais' };
  }
  const capacity = Math.min(10, Math.max(0, q.score));
  const capacityAlarm = capacity <= SHORT_CAPACITY_ALARM_MAX;
  const outlookAlarm = q.outlook === OUTLOOK_ALARM;
  const watch = capacity <= SHORT_CAPACITY_WATCH_MAX || q.outlook === OUTLOOK_UNSURE;
  const level: RiskLevel = capacityAlarm && outlookAlarm ? 3 : capacityAlarm || outlookAlarm ? 2 : watch ? 1 : 0;
  return { level, alarm: capacityAlarm || outlookAlarm };
}

function questionnaireSummary(q: QuestionnaireInput): string {
  if (q.questionnaire === 'wai') {
    const score = Math.min(WAI_MAX, Math.max(WAI_MIN, q.score));
    return `WAI ${fmtNumber(score, 0)} (${WAI_CATEGORY_LABELS[waiCategory(score)]})`;
  }
  const capacity = Math.min(10, Math.max(0, q.score));
  const outlook = q.outlook !== null && OUTLOOK_LABELS[q.outlook] ? ` ; dans deux ans : « ${OUTLOOK_LABELS[q.outlook]} »` : '';
  return `WAI court : capacité de travail actuelle ${fmtNumber(capacity, 0)}/10${outlook}`;
}

export function employerSubLevel(e: EmployerInput): RiskLevel {
  if (e.category !== null && e.category in EMPLOYER_CATEGORY_LEVELS) return EMPLOYER_CATEGORY_LEVELS[e.category];
  return e.score >= EMPLOYER_SCORE_CUTS[2] ? 3 : e.score >= EMPLOYER_SCORE_CUTS[1] ? 2 : e.score >= EMPLOYER_SCORE_CUTS[0] ? 1 : 0;
}

/** Sub-level of the employer assessment. */
export function employerLevel(e: EmployerInput): { level: RiskLevel; summary: string } {
  const level = employerSubLevel(e);
  const cat = e.category && EMPLOYER_CATEGORY_LABELS[e.category] ? ` (risque ${EMPLOYER_CATEGORY_LABELS[e.category]})` : '';
  const who = e.companyName ? ` de ${e.companyName}` : '';
  return { level, summary: `Évaluation employeur${who} : ${fmtNumber(e.score, 0)}/100${cat}` };
}

/** Health level and probability (logistic model) without the contribution texts. */
function healthLevel(model: HealthModel, f: HealthFeatures): { probability: number; level: RiskLevel } {
  let z = model.intercept;
  for (const name in model.coefficients) {
    const v = f[name];
    if (typeof v === 'number' && Number.isFinite(v)) z += v * model.coefficients[name];
  }
  const probability = logistic(z);
  return { probability, level: levelOfProbability(probability, model.thresholds) };
}

/** Combination of the sub-levels (shared by the explained and the bulk paths). */
function combine(levels: Record<ComponentKey, RiskLevel | null>, questionnaireAlarm: boolean) {
  let totalWeight = 0;
  let sum = 0;
  for (const k of Object.keys(levels) as ComponentKey[]) {
    const l = levels[k];
    if (l === null) continue;
    totalWeight += COMPONENT_WEIGHTS[k];
    sum += COMPONENT_WEIGHTS[k] * l;
  }
  // Clamped: 0.5×3 + 0.2×3 over 0.7 is 3.0000000000000004 in floating point.
  const combined = Math.min(3, sum / totalWeight);
  const byScore = levelOfCombined(combined);
  const lifted = questionnaireAlarm && byScore < QUESTIONNAIRE_ALARM_FLOOR;
  return { combined, totalWeight, suggested: lifted ? QUESTIONNAIRE_ALARM_FLOOR : byScore, lifted };
}

/** The suggested level only (bulk scoring, `risk score-all`): same numbers as `suggestLevel`, no text. */
export function suggestLevelFast(inputs: IndexInputs, model: HealthModel = DEFAULT_HEALTH_MODEL): { suggestedLevel: RiskLevel; probability: number } {
  const h = healthLevel(model, inputs.health.features);
  const q = inputs.questionnaire ? questionnaireSubLevel(inputs.questionnaire) : null;
  const e = inputs.employer ? employerSubLevel(inputs.employer) : null;
  const { suggested } = combine({ sante: h.level, questionnaire: q?.level ?? null, employeur: e }, q?.alarm ?? false);
  return { suggestedLevel: suggested, probability: h.probability };
}

/** The suggested level and its explanation. Pure: same inputs, same result. */
export function suggestLevel(inputs: IndexInputs, model: HealthModel = DEFAULT_HEALTH_MODEL): IndexResult {
  const health = scoreHealthRecord(model, inputs.health.features);
  const q = inputs.questionnaire ? questionnaireLevel(inputs.questionnaire) : null;
  const e = inputs.employer ? employerLevel(inputs.employer) : null;
  const levels: Record<ComponentKey, RiskLevel | null> = { sante: health.level, questionnaire: q?.level ?? null, employeur: e?.level ?? null };
  const { combined, totalWeight, suggested, lifted } = combine(levels, q?.alarm ?? false);
  const share = (k: ComponentKey) => (levels[k] === null ? 0 : COMPONENT_WEIGHTS[k] / totalWeight);
  const notes: string[] = [];
  if (lifted) {
    notes.push(`Alerte de l'auto-questionnaire : la suggestion est portée au moins au niveau ${QUESTIONNAIRE_ALARM_FLOOR} (environ 60 % de risque de sortie de l'emploi à 3 ans).`);
  }
  const missing = (Object.keys(levels) as ComponentKey[]).filter((k) => levels[k] === null);
  if (missing.length > 0) {
    notes.push(`Suggestion calculée sans : ${missing.map((k) => COMPONENT_LABELS[k].toLowerCase()).join(', ')} (composante manquante).`);
  }
  if (!inputs.health.profileFilled) notes.push('Profil de santé non renseigné : catégorie socio-professionnelle, pathologies et expositions comptent comme absentes.');
  if (!model.validated) notes.push(`Composante dossier de santé : ${UNVALIDATED_MODEL_LABEL} (coefficients d'expert, à calibrer).`);

  const contributions: ContributionLine[] = [];
  for (const c of health.contributions) {
    if (c.value !== 0 && c.weight !== 0) contributions.push({ component: 'sante', text: `${c.label} : ${fmtSigned(c.value * c.weight)}`, value: c.value * c.weight });
  }
  const components: ComponentResult[] = [
    {
      key: 'sante',
      label: COMPONENT_LABELS.sante,
      present: true,
      level: health.level,
      levelLabel: RISK_LEVEL_LABELS[health.level],
      weight: share('sante'),
      points: share('sante') * health.level,
      summary: `Probabilité estimée ${percent(health.probability)} (${model.validated ? 'modèle validé' : UNVALIDATED_MODEL_LABEL})`,
      alarm: false,
      detail: { probability: health.probability, modelId: model.id, modelVersion: model.version },
    },
    {
      key: 'questionnaire',
      label: COMPONENT_LABELS.questionnaire,
      present: q !== null,
      level: q?.level ?? null,
      levelLabel: q ? RISK_LEVEL_LABELS[q.level] : null,
      weight: share('questionnaire'),
      points: q ? share('questionnaire') * q.level : 0,
      summary: q ? q.summary : 'Aucun auto-questionnaire complet',
      alarm: q?.alarm ?? false,
      detail: inputs.questionnaire ? { ...inputs.questionnaire } : {},
    },
    {
      key: 'employeur',
      label: COMPONENT_LABELS.employeur,
      present: e !== null,
      level: e?.level ?? null,
      levelLabel: e ? RISK_LEVEL_LABELS[e.level] : null,
      weight: share('employeur'),
      points: e ? share('employeur') * e.level : 0,
      summary: e ? e.summary : "Aucune évaluation de l'employeur actuel",
      alarm: false,
      detail: inputs.employer ? { ...inputs.employer } : {},
    },
  ];
  for (const c of components) {
    if (c.present && c.level !== null) {
      contributions.push({ component: c.key, text: `${c.summary} : niveau ${c.level} × poids ${fmtNumber(c.weight)} = ${fmtSigned(c.points)} point`, value: c.points });
    }
  }
  return {
    algorithmId: INDEX_ALGORITHM_ID,
    algorithmVersion: INDEX_ALGORITHM_VERSION,
    model: { id: model.id, version: model.version, label: model.label, validated: model.validated },
    suggestedLevel: suggested,
    suggestedLevelLabel: RISK_LEVEL_LABELS[suggested],
    combined,
    components,
    contributions,
    missing,
    notes,
  };
}
