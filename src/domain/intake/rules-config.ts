/**
 * Every number of the intake rules (domain §4), in one place, with its legal basis. Each one
 * has a default and may be overridden per service (tenant_setting `intake_rules`, edited by an
 * administrator in « Règles de détection »): the legal texts move, branch agreements differ,
 * and a service must be able to correct a value without a release.
 */
import { type Checked } from '../errors';

export interface IntakeRulesConfig {
  /**
   * C. trav. L4624-2-4, R4624-29: a visite de pré-reprise for an « absence au travail justifiée
   * par une incapacité résultant de maladie ou d'accident d'une durée supérieure à » 30 days
   * (absences starting after `repriseMaladieFromDate`). The same number is the employer's
   * « arrêt de plus de 30 jours » to declare (IGAS recommendation 16, declarations.ts): one
   * setting for one rule.
   */
  preRepriseAfterDays: number;
  /** Former R4624-20: pré-reprise for an arrêt « d'une durée de plus de trois mois » starting on or before `repriseMaladieFromDate`. */
  preRepriseLegacyAfterMonths: number;
  /** C. trav. L1226-1-3, D1226-8-1: rendez-vous de liaison for an absence of more than 30 days (absences starting after `repriseMaladieFromDate`). */
  liaisonAfterDays: number;
  /** Days given to the cell to act on a detection (contact the worker, inform him). Maintien's choice. */
  detectionTaskDelayDays: number;
  /** C. trav. R4624-31: visite de reprise after an accident du travail of at least 30 days. */
  repriseAccidentTravailMinDays: number;
  /** C. trav. R4624-31 (décret 2022-372): after a non-occupational absence of at least 60 days… */
  repriseMaladieMinDays: number;
  /**
   * …for absences « commençant après le 31 mars 2022 » (décret 2022-372 art. 6; décret 2022-373
   * art. 3 for the rendez-vous de liaison): the last day of the former rules. An absence starting
   * on this day or before keeps the former thresholds (reprise 30 days, pré-reprise more than
   * three months, no rendez-vous de liaison).
   */
  repriseMaladieFromDate: string;
  /** Former R4624-31 threshold for non-occupational absences starting on or before `repriseMaladieFromDate`. */
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
  /**
   * C. trav. L4624-2-2: the visit « peut être anticipé[e] et organisé[e] conjointement avec une
   * autre visite médicale lorsque le travailleur doit être examiné par le médecin du travail deux
   * ans avant l'échéance »: read as the two calendar years before the year of the échéance
   * (service-public.fr: « dans les 2 ans avant l'année de son 45e anniversaire »).
   */
  miCarriereAnticipationYears: number;
  /** CSS R323-1: at most 360 IJ maladie (non-ALD) over any 3 rolling years. */
  ijMaxDays: number;
  /**
   * CSS R323-1 1°: the IJ is paid « à partir du quatrième jour de l'incapacité »: 3 days of
   * délai de carence per arrêt, none for a prolongation (a contiguous arrêt).
   */
  ijCarenceDays: number;
  /** CSS R323-1: the rolling window of the IJ limit, in years. */
  ijWindowYears: number;
  /** Alarm threshold of the IJ limit (IJ counted in the window). Maintien's default: 300. */
  ijAlertDays: number;
  /** CSS R323-1: IJ of an ALD are paid for at most 3 years per affection (date to date). */
  aldMaxYears: number;
  /** Days before the end of the 3 ALD years at which the cell is warned. */
  aldWarningDays: number;
  /** CSS R323-1: the 3 years start again after « au moins un an » back at work: calendar years, date to date. */
  aldResetYears: number;
  /** Saved worklist « Arrêts de plus de 2 mois »: arrêts in progress for more than this (the AM's « IJ 60 »). */
  worklistLongDays: number;
  /** Saved worklist « Arrêts de plus de 3 mois »: more than this (the AM's « IJ 90 »). */
  worklistVeryLongDays: number;
  /** Saved worklist « Arrêts répétés »: at least this many arrêts… */
  repeatedMinCount: number;
  /** …starting within this many days (12 months). */
  repeatedWindowDays: number;
  /** LFSS 2026, CSS L162-4-1 (from 01/09/2026): an initial prescription lasts at most 1 calendar month… (information only). */
  prescriptionInitialMaxMonths: number;
  /** …and a prolongation (CSS L162-4-4) at most 2 calendar months, unless justified (information only). */
  prescriptionProlongationMaxMonths: number;
  /** LFSS 2026: date from which the prescription lengths apply. */
  prescriptionFromDate: string;
}

export const DEFAULT_RULES_CONFIG: Readonly<IntakeRulesConfig> = Object.freeze({
  preRepriseAfterDays: 30,
  preRepriseLegacyAfterMonths: 3,
  liaisonAfterDays: 30,
  detectionTaskDelayDays: 7,
  repriseAccidentTravailMinDays: 30,
  repriseMaladieMinDays: 60,
  repriseMaladieFromDate: '2022-03-31',
  repriseMaladieLegacyMinDays: 30,
  repriseDeadlineDays: 8,
  repriseHistoryDays: 60,
  miCarriereAge: 45,
  miCarriereAnticipationYears: 2,
  ijMaxDays: 360,
  ijCarenceDays: 3,
  ijWindowYears: 3,
  ijAlertDays: 300,
  aldMaxYears: 3,
  aldWarningDays: 90,
  aldResetYears: 1,
  worklistLongDays: 60,
  worklistVeryLongDays: 90,
  repeatedMinCount: 3,
  repeatedWindowDays: 365,
  prescriptionInitialMaxMonths: 1,
  prescriptionProlongationMaxMonths: 2,
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
  unit?: 'jours' | 'mois' | 'ans' | 'arrêts';
  min?: number;
  max?: number;
}

/** The editable parameters, in the order of the form. */
export const RULE_PARAMETERS: readonly RuleParameter[] = [
  { key: 'preRepriseAfterDays', label: 'Visite de pré-reprise et déclaration par l’employeur : absence de plus de', basis: 'C. trav. L4624-2-4, R4624-29 ; IGAS, recommandation 16', kind: 'integer', unit: 'jours', min: 1, max: 365 },
  { key: 'preRepriseLegacyAfterMonths', label: 'Visite de pré-reprise, absences commencées au plus tard à la date ci-dessous : plus de', basis: 'Ancien R4624-20 (avant le décret 2022-372)', kind: 'integer', unit: 'mois', min: 1, max: 24 },
  { key: 'liaisonAfterDays', label: 'Rendez-vous de liaison : absence de plus de', basis: 'C. trav. L1226-1-3, D1226-8-1', kind: 'integer', unit: 'jours', min: 1, max: 365 },
  { key: 'detectionTaskDelayDays', label: 'Délai pour traiter une tâche de détection', basis: 'Choix du service', kind: 'integer', unit: 'jours', min: 0, max: 90 },
  { key: 'repriseAccidentTravailMinDays', label: 'Visite de reprise après accident du travail d’au moins', basis: 'C. trav. R4624-31', kind: 'integer', unit: 'jours', min: 1, max: 365 },
  { key: 'repriseMaladieMinDays', label: 'Visite de reprise après maladie ou accident non professionnel d’au moins', basis: 'C. trav. R4624-31', kind: 'integer', unit: 'jours', min: 1, max: 365 },
  { key: 'repriseMaladieFromDate', label: 'Anciens seuils pour les absences commencées au plus tard le (nouveaux seuils : « arrêts commençant après » cette date)', basis: 'Décret 2022-372, art. 6 ; décret 2022-373, art. 3', kind: 'date' },
  { key: 'repriseMaladieLegacyMinDays', label: 'Ancien seuil de la visite de reprise (maladie non professionnelle)', basis: 'Ancien R4624-31', kind: 'integer', unit: 'jours', min: 1, max: 365 },
  { key: 'repriseDeadlineDays', label: 'Délai de la visite de reprise après le retour', basis: 'C. trav. R4624-31', kind: 'integer', unit: 'jours', min: 0, max: 60 },
  { key: 'repriseHistoryDays', label: 'Ignorer les reprises dont l’échéance est dépassée de plus de', basis: 'Choix du service', kind: 'integer', unit: 'jours', min: 0, max: 3650 },
  { key: 'miCarriereAge', label: 'Âge de la visite de mi-carrière', basis: 'C. trav. L4624-2-2 (ou accord de branche)', kind: 'integer', unit: 'ans', min: 30, max: 60 },
  { key: 'miCarriereAnticipationYears', label: 'Visite de mi-carrière anticipée et couplée à une autre visite : dans les années civiles précédant l’échéance', basis: 'C. trav. L4624-2-2 (« deux ans avant l’échéance »)', kind: 'integer', unit: 'ans', min: 0, max: 5 },
  { key: 'ijMaxDays', label: 'Plafond d’indemnités journalières maladie', basis: 'CSS R323-1', kind: 'integer', unit: 'jours', min: 1, max: 3650 },
  { key: 'ijCarenceDays', label: 'Délai de carence par arrêt (aucun pour une prolongation)', basis: 'CSS R323-1 1°', kind: 'integer', unit: 'jours', min: 0, max: 30 },
  { key: 'ijWindowYears', label: 'Période glissante du plafond d’IJ', basis: 'CSS R323-1', kind: 'integer', unit: 'ans', min: 1, max: 10 },
  { key: 'ijAlertDays', label: 'Alerte « plafond d’IJ bientôt atteint » à partir de', basis: 'Choix du service', kind: 'integer', unit: 'jours', min: 1, max: 3650 },
  { key: 'aldMaxYears', label: 'Durée maximale d’indemnisation en ALD', basis: 'CSS R323-1', kind: 'integer', unit: 'ans', min: 1, max: 10 },
  { key: 'aldWarningDays', label: 'Alerte « fin de droits ALD » avant l’échéance', basis: 'Choix du service', kind: 'integer', unit: 'jours', min: 0, max: 730 },
  { key: 'aldResetYears', label: 'Reprise du travail remettant à zéro la période ALD (années civiles, de date à date)', basis: 'CSS R323-1', kind: 'integer', unit: 'ans', min: 1, max: 10 },
  { key: 'worklistLongDays', label: 'Liste « Arrêts de plus de 2 mois » : plus de', basis: 'Requêtes hebdomadaires de l’Assurance maladie (IJ 60)', kind: 'integer', unit: 'jours', min: 1, max: 3650 },
  { key: 'worklistVeryLongDays', label: 'Liste « Arrêts de plus de 3 mois » : plus de', basis: 'Requêtes hebdomadaires de l’Assurance maladie (IJ 90)', kind: 'integer', unit: 'jours', min: 1, max: 3650 },
  { key: 'repeatedMinCount', label: 'Liste « Arrêts répétés » : au moins', basis: 'Requêtes hebdomadaires de l’Assurance maladie', kind: 'integer', unit: 'arrêts', min: 2, max: 50 },
  { key: 'repeatedWindowDays', label: 'Liste « Arrêts répétés » : sur une période de', basis: 'Requêtes hebdomadaires de l’Assurance maladie', kind: 'integer', unit: 'jours', min: 1, max: 3650 },
  { key: 'prescriptionInitialMaxMonths', label: 'Durée maximale d’une prescription initiale (information, mois civils)', basis: 'LFSS 2026, CSS L162-4-1', kind: 'integer', unit: 'mois', min: 1, max: 12 },
  { key: 'prescriptionProlongationMaxMonths', label: 'Durée maximale d’une prolongation (information, mois civils)', basis: 'LFSS 2026, CSS L162-4-4', kind: 'integer', unit: 'mois', min: 1, max: 12 },
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
 * Keys of earlier versions, replaced by a parameter in another unit (issue 13): `aldResetDays`
 * (now `aldResetYears`, calendar years), `prescription*MaxDays` (now `…MaxMonths`, calendar
 * months). A stored override of one of them is dropped (the new parameter takes its legal
 * default) instead of making the whole stored value invalid.
 */
export const RETIRED_RULE_KEYS: readonly string[] = ['aldResetDays', 'prescriptionInitialMaxDays', 'prescriptionProlongationMaxDays'];

/** The stored overrides without the retired keys. */
export function withoutRetiredKeys(stored: unknown): unknown {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return stored;
  return Object.fromEntries(Object.entries(stored as Record<string, unknown>).filter(([k]) => !RETIRED_RULE_KEYS.includes(k)));
}

/**
 * The configuration of a service from its stored overrides. A stored value that no longer
 * validates (an older version of the form) falls back to the defaults rather than stopping
 * the intake: the administrator sees the defaults in the form and can save again.
 */
export function rulesConfigFrom(stored: unknown): IntakeRulesConfig {
  if (stored === null || stored === undefined) return { ...DEFAULT_RULES_CONFIG };
  const r = checkRulesOverrides(withoutRetiredKeys(stored));
  return r.ok ? r.value.config : { ...DEFAULT_RULES_CONFIG };
}
