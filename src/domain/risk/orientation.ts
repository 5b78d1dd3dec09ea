/**
 * Orientation support (domain §7): from the signed index and its components, which professional
 * or cell level to involve (a configurable decision tree, IGAS recommendation 7), the CNAM
 * *pyramide des fragilités* level (T1 … T4) and a *chef de file* (IGAS recommendation 2: the more
 * degraded, T3b and T4, the more the service social of the Assurance maladie leads).
 *
 * The level definitions beyond « T3a reclassement in the same company, T3b in another company, T4
 * proven risk needing medico-social and disability support » are *to confirm* (domain §7): they are
 * configuration per service (tenant_setting `risk_orientation`), edited in « Orientation ».
 * Suggestions only: the cell accepts or declines each one with a reason.
 */
import { invalid } from '../errors';
import { isRiskLevel, type RiskLevel } from './levels';

export const INTERVENANTS = ['medecin_travail', 'infirmier', 'assistant_social', 'psychologue', 'ergonome', 'charge_mission', 'staff_pluridisciplinaire', 'cellule_partenariale'] as const;
export type Intervenant = (typeof INTERVENANTS)[number];
export const INTERVENANT_LABELS: Readonly<Record<Intervenant, string>> = Object.freeze({
  medecin_travail: 'Médecin du travail',
  infirmier: 'Infirmier en santé au travail',
  assistant_social: 'Assistant social',
  psychologue: 'Psychologue du travail',
  ergonome: 'Ergonome',
  charge_mission: 'Chargé de mission maintien en emploi',
  staff_pluridisciplinaire: 'Staff pluridisciplinaire (cellule interne)',
  cellule_partenariale: 'Cellule partenariale (instance avec les partenaires)',
});

export const PYRAMIDE_LEVELS = ['T1', 'T2', 'T3a', 'T3b', 'T4'] as const;
export type PyramideLevel = (typeof PYRAMIDE_LEVELS)[number];
export const PYRAMIDE_LABELS: Readonly<Record<PyramideLevel, string>> = Object.freeze({
  T1: 'T1 — fragilité repérée, sans impact identifié sur le travail',
  T2: "T2 — risque pour le maintien dans l'emploi, solutions au poste",
  T3a: "T3a — reclassement à envisager dans l'entreprise",
  T3b: "T3b — reclassement à envisager hors de l'entreprise",
  T4: 'T4 — risque avéré, accompagnement médico-social et handicap',
});

export const CHEFS_DE_FILE = ['cellule_pdp', 'service_social_am'] as const;
export type ChefDeFile = (typeof CHEFS_DE_FILE)[number];
export const CHEF_DE_FILE_LABELS: Readonly<Record<ChefDeFile, string>> = Object.freeze({
  cellule_pdp: 'Cellule PDP du SPSTI',
  service_social_am: "Service social de l'Assurance maladie",
});

/** What a rule looks at. Every field is optional; all present fields must hold. */
export interface OrientationCondition {
  minFinalLevel?: RiskLevel;
  maxFinalLevel?: RiskLevel;
  minInaptitudeLevel?: RiskLevel;
  /** The self-questionnaire raised its alarm (poor WAI, short-form alarm). */
  questionnaireAlarm?: boolean;
  /** Employer sub-level at least this. */
  minEmployerLevel?: RiskLevel;
  /** A health feature of the record is present (e.g. cim_f, exposition_psychosociale). */
  healthFeature?: string;
}

export interface OrientationRule {
  id: string;
  label: string;
  when: OrientationCondition;
  involve: Intervenant[];
}

export interface PyramideRule {
  level: PyramideLevel;
  when: OrientationCondition;
}

export interface OrientationConfig {
  /** Every matching rule adds its professionals (decision tree read top to bottom). */
  rules: OrientationRule[];
  /** The first matching rule gives the pyramide level; none → T1. */
  pyramide: PyramideRule[];
  chefDeFile: Record<PyramideLevel, ChefDeFile>;
}

const DEFAULT_CONFIG: OrientationConfig = {
  rules: [
    { id: 'niveau-1', label: 'Risque faible : suivi par l’infirmier', when: { minFinalLevel: 1, maxFinalLevel: 1 }, involve: ['infirmier'] },
    { id: 'niveau-2', label: 'Risque modéré : médecin du travail et chargé de mission', when: { minFinalLevel: 2 }, involve: ['medecin_travail', 'charge_mission'] },
    { id: 'niveau-3', label: 'Risque élevé : examen en staff pluridisciplinaire', when: { minFinalLevel: 3 }, involve: ['staff_pluridisciplinaire', 'assistant_social'] },
    { id: 'psy', label: 'Troubles psychiques ou risques psychosociaux : psychologue', when: { minFinalLevel: 1, healthFeature: 'cim_f' }, involve: ['psychologue'] },
    { id: 'rps', label: 'Exposition psychosociale : psychologue', when: { minFinalLevel: 2, healthFeature: 'exposition_psychosociale' }, involve: ['psychologue'] },
    { id: 'tms', label: 'Pathologie ostéo-articulaire : étude de poste par l’ergonome', when: { minFinalLevel: 1, healthFeature: 'cim_m' }, involve: ['ergonome'] },
    { id: 'employeur', label: "Risque élevé vu par l'employeur : ergonome (aménagement)", when: { minEmployerLevel: 2 }, involve: ['ergonome'] },
    { id: 'inaptitude', label: "Risque d'inaptitude : cellule partenariale (Cap emploi, Carsat)", when: { minInaptitudeLevel: 2 }, involve: ['cellule_partenariale', 'assistant_social'] },
  ],
  pyramide: [
    { level: 'T4', when: { minFinalLevel: 3, minInaptitudeLevel: 3 } },
    { level: 'T3b', when: { minFinalLevel: 2, minInaptitudeLevel: 3 } },
    { level: 'T3a', when: { minFinalLevel: 2, minInaptitudeLevel: 2 } },
    { level: 'T2', when: { minFinalLevel: 2 } },
  ],
  chefDeFile: { T1: 'cellule_pdp', T2: 'cellule_pdp', T3a: 'cellule_pdp', T3b: 'service_social_am', T4: 'service_social_am' },
};
export const DEFAULT_ORIENTATION_CONFIG: Readonly<OrientationConfig> = Object.freeze(DEFAULT_CONFIG);

/** The facts the tree reads: the latest signed assessment. */
export interface OrientationFacts {
  finalLevel: RiskLevel;
  inaptitudeLevel: RiskLevel;
  questionnaireAlarm: boolean;
  employerLevel: RiskLevel | null;
  healthFeatures: Record<string, number>;
}

export function matches(c: OrientationCondition, f: OrientationFacts): boolean {
  if (c.minFinalLevel !== undefined && f.finalLevel < c.minFinalLevel) return false;
  if (c.maxFinalLevel !== undefined && f.finalLevel > c.maxFinalLevel) return false;
  if (c.minInaptitudeLevel !== undefined && f.inaptitudeLevel < c.minInaptitudeLevel) return false;
  if (c.questionnaireAlarm !== undefined && f.questionnaireAlarm !== c.questionnaireAlarm) return false;
  if (c.minEmployerLevel !== undefined && (f.employerLevel === null || f.employerLevel < c.minEmployerLevel)) return false;
  if (c.healthFeature !== undefined && !(f.healthFeatures[c.healthFeature] > 0)) return false;
  return true;
}

export interface OrientationSuggestion {
  kind: 'intervenant' | 'pyramide' | 'chef_de_file';
  value: string;
  label: string;
  /** Why: the labels of the rules that matched. */
  reasons: string[];
  ruleIds: string[];
}

/** Suggestions for one case: professionals (deduplicated, in tree order), pyramide level, chef de file. */
export function suggestOrientation(config: OrientationConfig, f: OrientationFacts): OrientationSuggestion[] {
  const byIntervenant = new Map<Intervenant, OrientationSuggestion>();
  for (const rule of config.rules) {
    if (!matches(rule.when, f)) continue;
    for (const who of rule.involve) {
      const s = byIntervenant.get(who) ?? { kind: 'intervenant' as const, value: who, label: INTERVENANT_LABELS[who], reasons: [], ruleIds: [] };
      s.reasons.push(rule.label);
      s.ruleIds.push(rule.id);
      byIntervenant.set(who, s);
    }
  }
  const pyr = config.pyramide.find((r) => matches(r.when, f));
  const level: PyramideLevel = pyr?.level ?? 'T1';
  const chef = config.chefDeFile[level];
  const reason = pyr ? describeCondition(pyr.when) : 'Aucune règle de niveau supérieur ne s’applique';
  return [
    ...byIntervenant.values(),
    { kind: 'pyramide', value: level, label: PYRAMIDE_LABELS[level], reasons: [reason], ruleIds: [`pyramide-${level}`] },
    { kind: 'chef_de_file', value: chef, label: CHEF_DE_FILE_LABELS[chef], reasons: [`Niveau ${level} de la pyramide des fragilités`], ruleIds: [`chef-${level}`] },
  ];
}

export function describeCondition(c: OrientationCondition): string {
  const parts: string[] = [];
  if (c.minFinalLevel !== undefined) parts.push(`niveau retenu ≥ ${c.minFinalLevel}`);
  if (c.maxFinalLevel !== undefined) parts.push(`niveau retenu ≤ ${c.maxFinalLevel}`);
  if (c.minInaptitudeLevel !== undefined) parts.push(`risque d'inaptitude ≥ ${c.minInaptitudeLevel}`);
  if (c.questionnaireAlarm !== undefined) parts.push(c.questionnaireAlarm ? "alerte de l'auto-questionnaire" : "pas d'alerte de l'auto-questionnaire");
  if (c.minEmployerLevel !== undefined) parts.push(`évaluation employeur ≥ ${c.minEmployerLevel}`);
  if (c.healthFeature !== undefined) parts.push(`élément du dossier : ${c.healthFeature}`);
  return parts.length ? parts.join(', ') : 'toujours';
}

// ---------------------------------------------------------------------------------------------
// Validation of a service's configuration
// ---------------------------------------------------------------------------------------------

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One problem of a configuration: `field` is its path in the configuration (0-based indexes), e.g. `rules.2.when.minFinalLevel`. */
export interface OrientationConfigError {
  field: string;
  message: string;
}

/** At most this many problems are reported at once. */
const MAX_REPORTED_ERRORS = 50;

function parseCondition(v: unknown, where: string, path: string, errs: OrientationConfigError[]): OrientationCondition {
  if (!isObj(v)) {
    errs.push({ field: path, message: `${where} : la condition doit être un objet.` });
    return {};
  }
  const c: OrientationCondition = {};
  for (const [k, x] of Object.entries(v)) {
    const field = `${path}.${k}`;
    if (k === 'minFinalLevel' || k === 'maxFinalLevel' || k === 'minInaptitudeLevel' || k === 'minEmployerLevel') {
      if (!isRiskLevel(x)) errs.push({ field, message: `${where} : « ${k} » doit être un niveau de 0 à 3.` });
      else c[k] = x;
    } else if (k === 'questionnaireAlarm') {
      if (typeof x !== 'boolean') errs.push({ field, message: `${where} : « questionnaireAlarm » doit valoir vrai ou faux.` });
      else c.questionnaireAlarm = x;
    } else if (k === 'healthFeature') {
      if (typeof x !== 'string' || !/^[a-z0-9_]{1,60}$/.test(x)) errs.push({ field, message: `${where} : « healthFeature » doit être le nom d'une variable du dossier de santé.` });
      else c.healthFeature = x;
    } else {
      errs.push({ field, message: `${where} : critère inconnu « ${k} ».` });
    }
  }
  if (c.minFinalLevel !== undefined && c.maxFinalLevel !== undefined && c.minFinalLevel > c.maxFinalLevel) {
    errs.push({ field: `${path}.maxFinalLevel`, message: `${where} : le niveau minimal dépasse le niveau maximal.` });
  }
  return c;
}

/**
 * Validates a configuration (e.g. from the settings page); throws CONFIGURATION_ORIENTATION_INVALIDE
 * with the first problem as message and `field`, and every problem in `details.errors`
 * (`{ field, message }`, paths relative to the configuration, 0-based indexes).
 */
export function parseOrientationConfig(v: unknown): OrientationConfig {
  const errs: OrientationConfigError[] = [];
  const config = collectOrientationConfig(v, errs);
  if (errs.length > 0) {
    const reported = errs.slice(0, MAX_REPORTED_ERRORS);
    throw invalid('CONFIGURATION_ORIENTATION_INVALIDE', reported[0].message, reported[0].field, { errors: reported });
  }
  return config!;
}

function collectOrientationConfig(v: unknown, errs: OrientationConfigError[]): OrientationConfig | null {
  if (!isObj(v)) {
    errs.push({ field: 'config', message: 'La configuration doit être un objet.' });
    return null;
  }
  let rules: OrientationRule[] = [];
  if (!Array.isArray(v.rules) || v.rules.length > 100) {
    errs.push({ field: 'rules', message: '« rules » doit être une liste (100 règles au plus).' });
  } else {
    const ids = new Set<string>();
    rules = v.rules.map((r, i): OrientationRule => {
      const where = `Règle ${i + 1}`;
      const path = `rules.${i}`;
      if (!isObj(r)) {
        errs.push({ field: path, message: `${where} : objet attendu.` });
        return { id: '', label: '', when: {}, involve: [] };
      }
      if (typeof r.id !== 'string' || !/^[a-z0-9-]{1,40}$/.test(r.id)) {
        errs.push({ field: `${path}.id`, message: `${where} : identifiant invalide (lettres minuscules, chiffres, tirets).` });
      } else if (ids.has(r.id)) {
        errs.push({ field: `${path}.id`, message: `${where} : identifiant « ${r.id} » en double.` });
      } else {
        ids.add(r.id);
      }
      if (typeof r.label !== 'string' || r.label.trim() === '' || r.label.length > 200) {
        errs.push({ field: `${path}.label`, message: `${where} : libellé obligatoire (200 caractères au plus).` });
      }
      if (!Array.isArray(r.involve) || r.involve.length === 0 || !r.involve.every((x) => (INTERVENANTS as readonly unknown[]).includes(x))) {
        errs.push({ field: `${path}.involve`, message: `${where} : « involve » doit citer au moins un intervenant connu.` });
      }
      return {
        id: String(r.id),
        label: typeof r.label === 'string' ? r.label.trim() : '',
        when: parseCondition(r.when ?? {}, where, `${path}.when`, errs),
        involve: Array.isArray(r.involve) ? [...new Set(r.involve as Intervenant[])] : [],
      };
    });
  }
  let pyramide: PyramideRule[] = [];
  if (!Array.isArray(v.pyramide)) {
    errs.push({ field: 'pyramide', message: '« pyramide » doit être une liste.' });
  } else {
    pyramide = v.pyramide.map((r, i): PyramideRule => {
      const where = `Pyramide, règle ${i + 1}`;
      const path = `pyramide.${i}`;
      if (!isObj(r)) {
        errs.push({ field: path, message: `${where} : objet attendu.` });
        return { level: 'T1', when: {} };
      }
      if (!(PYRAMIDE_LEVELS as readonly unknown[]).includes(r.level)) errs.push({ field: `${path}.level`, message: `${where} : niveau T1, T2, T3a, T3b ou T4 attendu.` });
      return { level: r.level as PyramideLevel, when: parseCondition(r.when ?? {}, where, `${path}.when`, errs) };
    });
  }
  const chefDeFile = {} as Record<PyramideLevel, ChefDeFile>;
  if (!isObj(v.chefDeFile)) {
    errs.push({ field: 'chefDeFile', message: '« chefDeFile » doit associer un chef de file à chaque niveau.' });
  } else {
    for (const level of PYRAMIDE_LEVELS) {
      const c = v.chefDeFile[level];
      if (!(CHEFS_DE_FILE as readonly unknown[]).includes(c)) {
        errs.push({ field: `chefDeFile.${level}`, message: `Chef de file du niveau ${level} : « cellule_pdp » ou « service_social_am » attendu.` });
      } else {
        chefDeFile[level] = c as ChefDeFile;
      }
    }
  }
  return { rules, pyramide, chefDeFile };
}

/** The stored configuration, or the default when none (or an unreadable one) is stored. */
export function orientationConfigFrom(stored: unknown): OrientationConfig {
  if (stored === null || stored === undefined) return DEFAULT_ORIENTATION_CONFIG as OrientationConfig;
  try {
    return parseOrientationConfig(stored);
  } catch {
    return DEFAULT_ORIENTATION_CONFIG as OrientationConfig;
  }
}
