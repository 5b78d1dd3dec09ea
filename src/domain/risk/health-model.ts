/**
 * Component 1 of the IRDP: the health-record model (contract C3). A logistic model over binary
 * features of the worker's record (domain §6, IGAS recommendation 18): sex, age band, socio-
 * professional category, CIM chapters, arrêt duration and repetition, AT/MP origin, ALD, exposures.
 *
 * The model is data (a JSON file: `models/health-record/*.json`) so that a service can replace the
 * expert defaults by coefficients calibrated on its own cohort, or by the national equation, without
 * a release. The default model is NOT validated and says so everywhere it shows.
 */
import { invalid } from '../errors';
import { addDays, daysBetween } from '../calendar/dates';
import { arretEnd } from '../intake/rules';
import defaultModelJson from '../../../models/health-record/default-v1.json';
import type { RiskLevel } from './levels';

export interface HealthModel {
  id: string;
  version: string;
  label: string;
  validated: boolean;
  source: string;
  intercept: number;
  coefficients: Record<string, number>;
  thresholds: [number, number, number];
  calibratedOn?: { cohort: string; n: number; events: number; at: string };
}

/** The features of contract C3, with their French labels (shown in the contributions). */
export const HEALTH_FEATURES: readonly { name: string; label: string }[] = Object.freeze([
  { name: 'sexe_femme', label: 'Femme' },
  { name: 'age_moins_30', label: 'Âge de moins de 30 ans' },
  { name: 'age_45_54', label: 'Âge de 45 à 54 ans' },
  { name: 'age_55_plus', label: 'Âge de 55 ans ou plus' },
  { name: 'csp_ouvrier', label: 'Ouvrier' },
  { name: 'csp_employe', label: 'Employé' },
  { name: 'cim_f', label: 'Troubles mentaux et du comportement (CIM chapitre F)' },
  { name: 'cim_m', label: 'Affection ostéo-articulaire (CIM chapitre M)' },
  { name: 'cim_autre', label: 'Autre pathologie chronique' },
  { name: 'arret_90_179j', label: 'Arrêt de 90 à 179 jours' },
  { name: 'arret_180j_plus', label: 'Arrêt de 180 jours ou plus' },
  { name: 'arrets_repetes', label: 'Arrêts répétés (3 ou plus en 12 mois)' },
  { name: 'at_mp', label: "Arrêt d'origine professionnelle (AT/MP)" },
  { name: 'ald', label: 'Affection de longue durée (ALD)' },
  { name: 'exposition_port_charges', label: 'Exposition : port de charges' },
  { name: 'exposition_postures', label: 'Exposition : postures pénibles' },
  { name: 'exposition_psychosociale', label: 'Exposition : risques psychosociaux' },
  { name: 'exposition_nuit', label: 'Exposition : travail de nuit' },
]);

export const HEALTH_FEATURE_NAMES: readonly string[] = HEALTH_FEATURES.map((f) => f.name);
const FEATURE_LABEL = new Map(HEALTH_FEATURES.map((f) => [f.name, f.label]));

export type HealthFeatures = Record<string, number>;
/** Every feature at 0: copied by `healthFeatures` (a spread copy is much cheaper than building the object). */
const NO_FEATURES: Readonly<HealthFeatures> = Object.freeze(Object.fromEntries(HEALTH_FEATURE_NAMES.map((n) => [n, 0])));

// ---------------------------------------------------------------------------------------------
// The facts of the record (worker, arrêts, worker_health_profile) → features
// ---------------------------------------------------------------------------------------------

export const CSP_VALUES = ['ouvrier', 'employe', 'profession_intermediaire', 'cadre', 'artisan_commercant', 'autre'] as const;
export type Csp = (typeof CSP_VALUES)[number];
export const CSP_LABELS: Readonly<Record<Csp, string>> = Object.freeze({
  ouvrier: 'Ouvrier',
  employe: 'Employé',
  profession_intermediaire: 'Profession intermédiaire',
  cadre: 'Cadre',
  artisan_commercant: 'Artisan, commerçant',
  autre: 'Autre',
});

export const CIM_CHAPTERS = ['F', 'M', 'autre'] as const;
export type CimChapter = (typeof CIM_CHAPTERS)[number];
export const CIM_LABELS: Readonly<Record<CimChapter, string>> = Object.freeze({
  F: 'Chapitre F — troubles mentaux et du comportement',
  M: 'Chapitre M — maladies du système ostéo-articulaire',
  autre: 'Autre chapitre',
});

export const EXPOSURES = ['port_charges', 'postures', 'psychosociale', 'nuit'] as const;
export type Exposure = (typeof EXPOSURES)[number];
export const EXPOSURE_LABELS: Readonly<Record<Exposure, string>> = Object.freeze({
  port_charges: 'Port de charges',
  postures: 'Postures pénibles',
  psychosociale: 'Risques psychosociaux',
  nuit: 'Travail de nuit',
});

export interface HealthArretFact {
  startDate: string;
  expectedEndDate: string | null;
  actualEndDate: string | null;
  /** arret.nature: maladie | accident_travail | maladie_professionnelle | maternite */
  nature: string;
  ald: boolean;
}

export interface HealthRecordInput {
  /** worker.sex: 1 homme, 2 femme (NIR convention); null if unknown. */
  sex: number | null;
  birthDate: string | null;
  /** The date the record is read at (YYYY-MM-DD). */
  asOf: string;
  csp: Csp | null;
  cimChapters: readonly CimChapter[];
  exposures: readonly Exposure[];
  /** Non-cancelled arrêts of the worker (any order). Maternité is ignored. */
  arrets: readonly HealthArretFact[];
  /** ALD known from the health profile (in addition to the arrêts' ALD flag). */
  ald?: boolean;
}

/** Age bands (years at `asOf`): < 30, 30–44 (reference), 45–54, ≥ 55. */
export const AGE_YOUNG_BELOW = 30;
export const AGE_MIDDLE_FROM = 45;
export const AGE_SENIOR_FROM = 55;
/** Duration of the current or last arrêt (days, first and last day included): reference < 90. */
export const ARRET_LONG_FROM_DAYS = 90;
export const ARRET_VERY_LONG_FROM_DAYS = 180;
/** Repeated arrêts: at least this many arrêts starting within the window… */
export const ARRETS_REPEATED_MIN = 3;
/** …of this many days ending at `asOf` (12 months). */
export const ARRETS_REPEATED_WINDOW_DAYS = 365;

/** Full years between `birthDate` and `asOf`. */
export function ageAt(birthDate: string, asOf: string): number {
  let age = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (asOf.slice(5) < birthDate.slice(5)) age -= 1;
  return age;
}

const OCCUPATIONAL = new Set(['accident_travail', 'maladie_professionnelle']);

export function healthFeatures(record: HealthRecordInput): HealthFeatures {
  const f: HealthFeatures = { ...NO_FEATURES };
  if (record.sex === 2) f.sexe_femme = 1;
  if (record.birthDate) {
    const age = ageAt(record.birthDate, record.asOf);
    if (age < AGE_YOUNG_BELOW) f.age_moins_30 = 1;
    else if (age >= AGE_SENIOR_FROM) f.age_55_plus = 1;
    else if (age >= AGE_MIDDLE_FROM) f.age_45_54 = 1;
  }
  if (record.csp === 'ouvrier') f.csp_ouvrier = 1;
  if (record.csp === 'employe') f.csp_employe = 1;
  if (record.cimChapters.includes('F')) f.cim_f = 1;
  if (record.cimChapters.includes('M')) f.cim_m = 1;
  if (record.cimChapters.includes('autre')) f.cim_autre = 1;
  for (const e of record.exposures) f[`exposition_${e}`] = 1;

  const arrets = record.arrets
    .filter((a) => a.nature !== 'maternite' && a.startDate <= record.asOf)
    .sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0));
  const last = arrets[0];
  if (last) {
    const end = arretEnd(last, record.asOf);
    const days = daysBetween(last.startDate, end < record.asOf ? end : record.asOf) + 1;
    if (days >= ARRET_VERY_LONG_FROM_DAYS) f.arret_180j_plus = 1;
    else if (days >= ARRET_LONG_FROM_DAYS) f.arret_90_179j = 1;
    if (OCCUPATIONAL.has(last.nature)) f.at_mp = 1;
  }
  const windowStart = addDays(record.asOf, -ARRETS_REPEATED_WINDOW_DAYS);
  const recent = arrets.filter((a) => a.startDate > windowStart);
  if (recent.length >= ARRETS_REPEATED_MIN) f.arrets_repetes = 1;
  if (record.ald || (last && last.ald) || recent.some((a) => a.ald)) f.ald = 1;
  return f;
}

// ---------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------

export interface HealthContribution {
  name: string;
  label: string;
  value: number;
  weight: number;
}

export interface HealthScore {
  probability: number;
  level: RiskLevel;
  contributions: HealthContribution[];
}

export function logistic(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Level of a probability: level k when probability ≥ thresholds[k−1] (a cut-off belongs to the upper level). */
export function levelOfProbability(p: number, thresholds: readonly [number, number, number]): RiskLevel {
  if (p >= thresholds[2]) return 3;
  if (p >= thresholds[1]) return 2;
  if (p >= thresholds[0]) return 1;
  return 0;
}

/**
 * Probability and level of a record; contributions list every feature of the model with its value
 * and weight (value × weight is its share of the log-odds). Missing features count as 0.
 */
export function scoreHealthRecord(model: HealthModel, f: HealthFeatures): HealthScore {
  let z = model.intercept;
  const contributions: HealthContribution[] = [];
  for (const [name, weight] of Object.entries(model.coefficients)) {
    const raw = f[name];
    const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : 0;
    z += value * weight;
    contributions.push({ name, label: FEATURE_LABEL.get(name) ?? name, value, weight });
  }
  const probability = logistic(z);
  return { probability, level: levelOfProbability(probability, model.thresholds), contributions };
}

// ---------------------------------------------------------------------------------------------
// Parsing a model file
// ---------------------------------------------------------------------------------------------

const bad = (message: string, field?: string) => invalid('MODELE_SANTE_INVALIDE', message, field);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const text = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** Validates a model (JSON already parsed); throws MaintienError MODELE_SANTE_INVALIDE with a French message. */
export function parseHealthModel(json: unknown): HealthModel {
  if (!isObj(json)) throw bad('Le modèle doit être un objet JSON.');
  for (const key of ['id', 'version', 'label', 'source'] as const) {
    if (!text(json[key])) throw bad(`Le champ « ${key} » du modèle est obligatoire (texte).`, key);
  }
  if (typeof json.validated !== 'boolean') throw bad('Le champ « validated » doit valoir true ou false.', 'validated');
  if (!finite(json.intercept)) throw bad("L'ordonnée à l'origine (« intercept ») doit être un nombre.", 'intercept');
  if (!isObj(json.coefficients)) throw bad('Les coefficients doivent être un objet { variable: poids }.', 'coefficients');
  const coefficients: Record<string, number> = {};
  for (const [name, w] of Object.entries(json.coefficients)) {
    if (!FEATURE_LABEL.has(name)) throw bad(`Variable inconnue dans le modèle : « ${name} ».`, 'coefficients');
    if (!finite(w)) throw bad(`Le coefficient de « ${name} » doit être un nombre.`, 'coefficients');
    coefficients[name] = w;
  }
  const t = json.thresholds;
  if (!Array.isArray(t) || t.length !== 3 || !t.every(finite)) {
    throw bad('Les seuils doivent être trois probabilités (niveaux 1, 2 et 3).', 'thresholds');
  }
  if (!(t[0] > 0 && t[0] < t[1] && t[1] < t[2] && t[2] < 1)) {
    throw bad('Les seuils doivent être strictement croissants et compris entre 0 et 1.', 'thresholds');
  }
  const model: HealthModel = {
    id: String(json.id),
    version: String(json.version),
    label: String(json.label),
    validated: json.validated,
    source: String(json.source),
    intercept: json.intercept,
    coefficients,
    thresholds: [t[0], t[1], t[2]],
  };
  if (json.calibratedOn !== undefined) {
    const c = json.calibratedOn;
    if (!isObj(c) || !text(c.cohort) || !finite(c.n) || !finite(c.events) || !text(c.at)) {
      throw bad('« calibratedOn » doit contenir cohort, n, events et at.', 'calibratedOn');
    }
    model.calibratedOn = { cohort: c.cohort, n: c.n, events: c.events, at: c.at };
  }
  return model;
}

/** The default model shipped with Maintien (expert coefficients, « modèle non validé »). */
export const DEFAULT_HEALTH_MODEL: HealthModel = parseHealthModel(defaultModelJson);

/** The French warning shown wherever an unvalidated model's output appears. */
export const UNVALIDATED_MODEL_LABEL = 'modèle non validé';
