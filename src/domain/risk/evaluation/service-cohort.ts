/**
 * The labelled cohort built from the service's own cases (docs/risk-evaluation.md, « Dossiers du
 * service »): which exit outcomes count as a loss of employment at 12 months, which workers are
 * left out and why, and the cohort line of a signed assessment — its stored features, never
 * recomputed. Pure rules; the SQL that gathers the cases lives in risk-evaluation.repository.
 */
import { followUpDue } from '../../parcours/exit';
import { IN_EMPLOYMENT_OUTCOMES, LOST_OUTCOME, type Outcome } from '../../parcours/outcomes';
import { HEALTH_FEATURE_NAMES } from '../health-model';
import { isRiskLevel, type RiskLevel } from '../levels';
import { EMPLOYEUR_MAX, EMPLOYEUR_MIN, WAI_MAX, WAI_MIN, type CohortRow } from './cohort';

/** `issue = 1`: out of employment 12 months after the exit (« sortie de l'emploi »). */
export const EVENT_OUTCOMES: readonly Outcome[] = ['inaptitude_sans_dispense', 'inaptitude_avec_dispense', 'invalidite', 'demandeur_emploi'];
/** `issue = 0`: still in employment (the « maintien en emploi » outcomes of the parcours). */
export const MAINTAINED_OUTCOMES: readonly Outcome[] = IN_EMPLOYMENT_OUTCOMES;
/**
 * Neither: retirement leaves employment for a reason the index does not predict (a competing
 * exit); counting it as 1 would credit age, as 0 would punish it. Left out and counted.
 */
export const COMPETING_OUTCOMES: readonly Outcome[] = ['retraite'];

/** Why a worker who left the cell is not in the cohort, in the order the rules are checked. */
export const EXCLUSION_REASONS = [
  'suivi_12_mois_non_echu',
  'perdu_de_vue',
  'suivi_12_mois_non_renseigne',
  'retraite',
  'sans_indice_signe_avant_sortie',
  'indice_sans_donnees',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export const EXCLUSION_LABELS: Readonly<Record<ExclusionReason, string>> = {
  suivi_12_mois_non_echu: 'Suivi à 12 mois pas encore échu',
  perdu_de_vue: 'Perdu de vue',
  suivi_12_mois_non_renseigne: 'Suivi à 12 mois échu mais non renseigné',
  retraite: 'Retraite à 12 mois (ni maintien ni désinsertion)',
  sans_indice_signe_avant_sortie: 'Aucun indice signé avant la sortie',
  indice_sans_donnees: 'Indice signé sans les données du calcul (niveau reporté)',
};

export interface ExitFacts {
  exitedAt: string;
  followUp12mOutcome: string | null;
  lostToFollowUp: boolean;
}

/**
 * The outcome at 12 months of one exit, on `today` (YYYY-MM-DD). Only the 12-month follow-up
 * counts: the exit and the 6-month situations are not carried forward (carrying forward the
 * losses but not the jobs kept, or the reverse, would bias the rate; and the cohort's `issue` is
 * the situation at 12 months).
 */
export function outcomeAt12Months(e: ExitFacts, today: string): { issue: 0 | 1 } | { excluded: ExclusionReason } {
  const o = e.followUp12mOutcome;
  if (o === null) {
    if (today < followUpDue(e.exitedAt, 12)) return { excluded: 'suivi_12_mois_non_echu' };
    return { excluded: e.lostToFollowUp ? 'perdu_de_vue' : 'suivi_12_mois_non_renseigne' };
  }
  if (o === LOST_OUTCOME) return { excluded: 'perdu_de_vue' };
  if ((EVENT_OUTCOMES as readonly string[]).includes(o)) return { issue: 1 };
  if ((MAINTAINED_OUTCOMES as readonly string[]).includes(o)) return { issue: 0 };
  if ((COMPETING_OUTCOMES as readonly string[]).includes(o)) return { excluded: 'retraite' };
  // An outcome unknown to this version: not guessed.
  return { excluded: 'suivi_12_mois_non_renseigne' };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const inRange = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/**
 * The cohort columns of a signed assessment, read from what was stored when it was signed
 * (contract C2: `inputs.features`, `inputs.questionnaire`, `inputs.employer`, and the final
 * level). Null when the assessment holds no usable features (a level reported from an older
 * record). The short WAI form (work capacity 0–10) is not a WAI total: `wai` stays empty.
 */
export function cohortColumnsOfAssessment(inputs: unknown, finalLevel: number): Omit<CohortRow, 'line' | 'issue'> | null {
  if (!isObject(inputs) || !isObject(inputs.features)) return null;
  const stored = inputs.features;
  const features: Record<string, number> = {};
  for (const name of HEALTH_FEATURE_NAMES) {
    const v = stored[name];
    if (v !== 0 && v !== 1) return null;
    features[name] = v;
  }
  const q = inputs.questionnaire;
  const wai = isObject(q) && q.questionnaire === 'wai' && inRange(q.score, WAI_MIN, WAI_MAX) ? q.score : null;
  const e = inputs.employer;
  const employeur = isObject(e) && inRange(e.score, EMPLOYEUR_MIN, EMPLOYEUR_MAX) ? e.score : null;
  return { features, wai, employeur, niveauFinal: isRiskLevel(finalLevel) ? (finalLevel as RiskLevel) : null };
}
