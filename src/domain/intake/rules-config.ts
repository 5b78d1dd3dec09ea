/**
 * Every number of the intake rules (domain §4), in one place, with its legal basis. Each one
 * has a default and may be overridden per service (tenant_setting `intake_rules`, edited by an
 * administrator in « Règles de détection »): the legal texts move, branch agreements differ,
 * and a service must be able to correct a value without a release.
 */
import { type Checked } from '../errors';

export interface IntakeRulesConfig {
  /**
   * C. trav. R4624-29: a visite de pré-reprise may be organised for an arrêt of more than 30 days.
   * The same number is the employer's « arrêt de plus de 30 jours » to declare (IGAS
   * recommendation 16, declarations.ts): one setting for one rule.
   */
  preRepriseAfterDays: number;
  /** C. trav. L1226-1-3, D1226-8-1: rendez-vous de liaison for an absence of more than 30 days. */
  liaisonAfterDays: number;
  /** Days given to the cell to act on a detection (contact the worker, inform him). Maintien's choice. */
  detectionTaskDelayDays: number;
  /** C. trav. R4624-31: visite de reprise after an accident du travail of at least 30 days. */
  repriseAccidentTravailMinDays: number;
  /** C. trav. R4624-31 (décret 2022-372): after a non-occupational arrêt of at least 60 days… */
  repriseMaladieMinDays: number;
  /** …for arrêts starting from 31/03/2022 (before: at least 30 days, the former text). */
  repriseMaladieFromDate: string;
  /** Former R4624-31 threshold for non-occupational arrêts starting before `repriseMaladieFromDate`. */
  repriseMaladieLegacyMinDays: number;
  /** C. trav. R4624-31: the visite de reprise takes place at the latest 8 days after the return. */
  repriseDeadlineDays: number;
  /**
   * Returns whose reprise deadline is older than this are history (a flux re-sending old
   * episodes), not work: no task is created for them. Maintien's choice, not a legal number.
   */
  repriseHistoryDays: number;
  /** C. trav. L4624-2-2: visite de mi-carrière in the calendar year of the 45th birthday (or the branch-agreement age). */
  miCarriereAge: number;
  /** CSS R323-1: at most 360 IJ maladie (non-ALD) over any 3 rolling years. */
  ijMaxDays: number;
  /** CSS R323-1: the rolling window of the IJ limit, in years. */
  ijWindowYears: number;
  /** Alarm threshold of the IJ limit (days counted in the window). Maintien's default: 300. */
  ijAlertDays: number;
  /** CSS R323-1: IJ of an ALD are paid for at most 3 years per affection (date to date). */
  aldMaxYears: number;
  /** Days before the end of the 3 ALD years at which the cell is warned. */
  aldWarningDays: number;
  /** CSS R323-1: the 3 years start again after at least 1 year back at work (days). */
  aldResetDays: number;
  /** Saved worklist « Arrêts de plus de 2 mois »: arrêts in progress for more than this (the AM's « IJ 60 »). */
  worklistLongDays: number;
  /** Saved worklist « Arrêts de plus de 3 mois »: more than this (the AM's « IJ 90 »). */
  worklistVeryLongDays: number;
  /** Saved worklist « Arrêts répétés »: at least this many arrêts… */
  repeatedMinCount: number;
  /** …starting within this many days (12 months). */
  repeatedWindowDays: number;
  /** LFSS 2026 (from 01/09/2026): an initial prescription lasts at most 1 month… (information only). */
  prescriptionInitialMaxDays: number;
  /** …and a prolongation at most 2 months, unless justified (information only). */
  prescriptionProlongationMaxDays: number;
  /** LFSS 2026: date from which the prescription lengths apply. */
  prescriptionFromDate: string;
}

export const DEFAULT_RULES_CONFIG: Readonly<IntakeRulesConfig> = Object.freeze({
  preRepriseAfterDays: 30,
  liaisonAfterDays: 30,
  detectionTaskDelayDays: 7,
  repriseAccidentTravailMinDays: 30,
  repriseMaladieMinDays: 60,
  repriseMaladieFromDate: '2022-03-31',
  repriseMaladieLegacyMinDays: 30,
  repriseDeadlineDays: 8,
  repriseHistoryDays: 60,
  miCarriereAge: 45,
  ijMaxDays: 360,
  ijWindowYears: 3,
  ijAlertDays: 300,
  aldMaxYears: 3,
  aldWarningDays: 90,
  aldResetDays: 365,
  worklistLongDays: 60,
  worklistVeryLongDays: 90,
  repeatedMinCount: 3,
  repeatedWindowDays: 365,
  prescriptionInitialMaxDays: 30,
  prescriptionProlongationMaxDays: 60,
  prescriptionFromDate: '2026-09-01',
});

export type RuleParameterKey = keyof IntakeRulesConfig;

export interface RuleParameter {
  key: RuleParameterKey;
  /** French label of the « Règles de détection » form. */
  label: string;
  /** Legal basis, shown under the field. */
  basis: string;
  kind: 'integer' | 'date';
  unit?: 'jours' | 'ans' | 'arrêts';
  min?: number;
  max?: number;
}

/** The editable parameters, in the order of the form. */
export const RULE_PARAMETERS: readonly RuleParameter[] = [
  { key: 'preRepriseAfterDays', label: 'Visite de pré-reprise et déclaration par l’employeur : arrêt de plus de', basis: 'C. trav. R4624-29 ; IGAS, recommandation 16', kind: 'integer', unit: 'jours', min: 1, max: 365 },
  { key: 'liaisonAfterDays', label: 'Rendez-vous de liaison : absence de plus de', basis: 'C. trav. L1226-1-3, D1226-8-1', kind: 'integer', unit: 'jours', min: 1, max: 365 },
  { key: 'detectionTaskDelayDays', label: 'Délai pour traiter une tâche de détection', basis: 'Choix du service', kind: 'integer', unit: 'jours', min: 0, max: 90 },
  { key: 'repriseAccidentTravailMinDays', label: 'Visite de reprise après accident du travail d’au moins', basis: 'C. trav. R4624-31', kind: 'integer', unit: 'jours', min: 1, max: 365 },
  { key: 'repriseMaladieMinDays', label: 'Visite de reprise après maladie ou accident non professionnel d’au moins', basis: 'C. trav. R4624-31', kind: 'integer', unit: 'jours', min: 1, max: 365 },
  { key: 'repriseMaladieFromDate', label: 'Seuil précédent applicable aux arrêts commencés avant le', basis: 'Décret 2022-372', kind: 'date' },
  { key: 'repriseMaladieLegacyMinDays', label: 'Seuil précédent (maladie non professionnelle)', basis: 'Ancien R4624-31', kind: 'integer', unit: 'jours', min: 1, max: 365 },
  { key: 'repriseDeadlineDays', label: 'Délai de la visite de reprise après le retour', basis: 'C. trav. R4624-31', kind: 'integer', unit: 'jours', min: 0, max: 60 },
  { key: 'repriseHistoryDays', label: 'Ignorer les reprises dont l’échéance est dépassée de plus de', basis: 'Choix du service', kind: 'integer', unit: 'jours', min: 0, max: 3650 },
  { key: 'miCarriereAge', label: 'Âge de la visite de mi-carrière', basis: 'C. trav. L4624-2-2 (ou accord de branche)', kind: 'integer', unit: 'ans', min: 30, max: 60 },
  { key: 'ijMaxDays', label: 'Plafond d’indemnités journalières maladie', basis: 'CSS R323-1', kind: 'integer', unit: 'jours', min: 1, max: 3650 },
  { key: 'ijWindowYears', label: 'Période glissante du plafond d’IJ', basis: 'CSS R323-1', kind: 'integer', unit: 'ans', min: 1, max: 10 },
  { key: 'ijAlertDays', label: 'Alerte « plafond d’IJ bientôt atteint » à partir de', basis: 'Choix du service', kind: 'integer', unit: 'jours', min: 1, max: 3650 },
  { key: 'aldMaxYears', label: 'Durée maximale d’indemnisation en ALD', basis: 'CSS R323-1', kind: 'integer', unit: 'ans', min: 1, max: 10 },
  { key: 'aldWarningDays', label: 'Alerte « fin de droits ALD » avant l’échéance', basis: 'Choix du service', kind: 'integer', unit: 'jours', min: 0, max: 730 },
  { key: 'aldResetDays', label: 'Reprise du travail remettant à zéro la période ALD', basis: 'CSS R323-1', kind: 'integer', unit: 'jours', min: 1, max: 3650 },
  { key: 'worklistLongDays', label: 'Liste « Arrêts de plus de 2 mois » : plus de', basis: 'Requêtes hebdomadaires de l’Assurance maladie (IJ 60)', kind: 'integer', unit: 'jours', min: 1, max: 3650 },
  { key: 'worklistVeryLongDays', label: 'Liste « Arrêts de plus de 3 mois » : plus de', basis: 'Requêtes hebdomadaires de l’Assurance maladie (IJ 90)', kind: 'integer', unit: 'jours', min: 1, max: 3650 },
  { key: 'repeatedMinCount', label: 'Liste « Arrêts répétés » : au moins', basis: 'Requêtes hebdomadaires de l’Assurance maladie', kind: 'integer', unit: 'arrêts', min: 2, max: 50 },
  { key: 'repeatedWindowDays', label: 'Liste « Arrêts répétés » : sur une période de', basis: 'Requêtes hebdomadaires de l’Assurance maladie', kind: 'integer', unit: 'jours', min: 1, max: 3650 },
  { key: 'prescriptionInitialMaxDays', label: 'Durée maximale d’une prescription initiale (information)', basis: 'LFSS 2026', kind: 'integer', unit: 'jours', min: 1, max: 365 },
  { key: 'prescriptionProlongationMaxDays', label: 'Durée maximale d’une prolongation (information)', basis: 'LFSS 2026', kind: 'integer', unit: 'jours', min: 1, max: 365 },
  { key: 'prescriptionFromDate', label: 'Durées de prescription applicables à partir du', basis: 'LFSS 2026', kind: 'date' },
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isIsoDate = (s: string) => {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};

/**
 * Validates overrides (a partial config, as stored or as sent by the form) and merges them over
 * the defaults. Unknown keys and values of the wrong type are refused with the field concerned.
 */
export function checkRulesOverrides(input: unknown): Checked<{ overrides: Partial<IntakeRulesConfig>; config: IntakeRulesConfig }> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, code: 'REGLES_INVALIDES', message: 'Les paramètres des règles doivent être un objet.' };
  }
  const overrides: Record<string, number | string> = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const p = RULE_PARAMETERS.find((x) => x.key === key);
    if (!p) return { ok: false, code: 'PARAMETRE_INCONNU', message: `Paramètre inconnu : « ${key} ».`, field: key };
    if (value === null || value === undefined || value === '') continue;
    if (p.kind === 'date') {
      if (typeof value !== 'string' || !isIsoDate(value)) return { ok: false, code: 'DATE_INVALIDE', message: `${p.label} : date invalide (JJ/MM/AAAA).`, field: key };
      overrides[key] = value;
      continue;
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      return { ok: false, code: 'NOMBRE_INVALIDE', message: `${p.label} : indiquez un nombre entier.`, field: key };
    }
    if ((p.min !== undefined && value < p.min) || (p.max !== undefined && value > p.max)) {
      return { ok: false, code: 'VALEUR_HORS_LIMITES', message: `${p.label} : la valeur doit être comprise entre ${p.min} et ${p.max}.`, field: key };
    }
    overrides[key] = value;
  }
  const config = { ...DEFAULT_RULES_CONFIG, ...overrides } as IntakeRulesConfig;
  if (config.ijAlertDays > config.ijMaxDays) {
    return { ok: false, code: 'SEUIL_INCOHERENT', message: "L'alerte du plafond d'IJ doit être inférieure ou égale au plafond.", field: 'ijAlertDays' };
  }
  if (config.aldWarningDays >= config.aldMaxYears * 365) {
    return { ok: false, code: 'SEUIL_INCOHERENT', message: "L'alerte de fin de droits ALD doit précéder la fin de la période.", field: 'aldWarningDays' };
  }
  if (config.worklistVeryLongDays <= config.worklistLongDays) {
    return { ok: false, code: 'SEUIL_INCOHERENT', message: 'Le seuil « plus de 3 mois » doit être supérieur au seuil « plus de 2 mois ».', field: 'worklistVeryLongDays' };
  }
  return { ok: true, value: { overrides: overrides as Partial<IntakeRulesConfig>, config } };
}

/**
 * The configuration of a service from its stored overrides. A stored value that no longer
 * validates (an older version of the form) falls back to the defaults rather than stopping
 * the intake: the administrator sees the defaults in the form and can save again.
 */
export function rulesConfigFrom(stored: unknown): IntakeRulesConfig {
  if (stored === null || stored === undefined) return { ...DEFAULT_RULES_CONFIG };
  const r = checkRulesOverrides(stored);
  return r.ok ? r.value.config : { ...DEFAULT_RULES_CONFIG };
}
