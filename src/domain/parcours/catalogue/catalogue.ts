/**
 * The catalogue of measures a cell mobilises (domain §5), held as versioned data
 * (`catalogue-v1.json`) and checked when loaded: a service correcting a number edits the data,
 * never the code. A measure keeps the catalogue version it was proposed under.
 */
import { invalid } from '../../errors';
import catalogueV1 from './catalogue-v1.json';

export const MEASURE_CODES = [
  'essaiEncadre',
  'crpe',
  'tpt',
  'formationArret',
  'bilanCompetences',
  'pmsmp',
  'ptp',
  'amenagementPoste',
  'aideAgefiph',
  'fipu',
  'invaliditeCat1',
] as const;
export type MeasureCode = (typeof MEASURE_CODES)[number];
export const isMeasureCode = (s: string): s is MeasureCode => (MEASURE_CODES as readonly string[]).includes(s);

export const APPROVAL_KINDS = [
  'medecin_travail',
  'medecin_conseil',
  'medecin_traitant',
  'employeur',
  'convention_cpam',
  'cpam',
  'service_social',
  'prescripteur',
  'transitions_pro',
  'agefiph',
  'carsat',
] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];
export const isApprovalKind = (s: string): s is ApprovalKind => (APPROVAL_KINDS as readonly string[]).includes(s);

/** How a duration is counted: jours ouvrables (Monday–Saturday, public holidays excepted), calendar days, months date to date. */
export type DurationUnit = 'jours_ouvrables' | 'jours' | 'mois';
export const DURATION_UNITS: readonly DurationUnit[] = ['jours_ouvrables', 'jours', 'mois'];
export const DURATION_UNIT_LABELS: Readonly<Record<DurationUnit, [string, string]>> = {
  jours_ouvrables: ['jour ouvrable', 'jours ouvrables'],
  jours: ['jour', 'jours'],
  mois: ['mois', 'mois'],
};

export interface DurationLimit {
  max: number;
  unit: DurationUnit;
}

export interface MeasureLimits {
  /** Only while the worker is in arrêt de travail (every day of the measure inside an arrêt). */
  requiresArret: boolean;
  /** Longest period (the first one, and each renewal). */
  period: DurationLimit | null;
  /** Renewals allowed after the first period (null: not limited by the text). */
  maxRenewals: number | null;
  /** Longest total of all periods. */
  total: DurationLimit | null;
  /**
   * One period (the first, or a renewal) may be taken continuously or in fractions: its fractions
   * count together toward `period` (essai encadré, CSS D323-6 s.). Absent: false.
   */
  fractionable?: boolean;
  /** TPT: may run at most this many months beyond the 3-year IJ limit. */
  beyondIjLimitMonths?: number;
  /** PTP: seniority is waived after absences of at least this many months… */
  seniorityWaiverAbsenceMonths?: number;
  /** …within this many months before the request. */
  seniorityWaiverLookbackMonths?: number;
  /** PMSMP: longest advised length, in calendar days, for a worker in arrêt (advice, not a rule: a warning). */
  inArretAdvisedDays?: number;
}

export interface CatalogueMeasure {
  code: MeasureCode;
  label: string;
  objective: string;
  legalBasis: string[];
  eligibility: string[];
  limits: MeasureLimits;
  /** Approvals required before the measure may be « accordée ». */
  approvals: ApprovalKind[];
  partners: string[];
  /** May be shown to the employer (its nature says nothing of the worker's health). */
  employerVisibleAllowed: boolean;
  /** Title of the task created for the end of the measure. */
  deadlineTask: string;
  /** One sentence for the workers' information leaflet (IGAS recommendation 16). */
  leaflet: string;
}

export interface Catalogue {
  version: string;
  publishedOn: string;
  sources: string[];
  measures: CatalogueMeasure[];
  approvalKinds: Record<ApprovalKind, string>;
}

const fail = (message: string): never => {
  throw invalid('CATALOGUE_INVALIDE', `Catalogue des mesures invalide : ${message}`);
};
const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string' && s.length > 0);
const posInt = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x > 0;

function parseLimit(x: unknown, where: string): DurationLimit | null {
  if (x === null || x === undefined) return null;
  if (!isObj(x) || !posInt(x.max) || !DURATION_UNITS.includes(x.unit as DurationUnit)) return fail(`${where} : durée attendue { max, unit }.`);
  return { max: x.max as number, unit: x.unit as DurationUnit };
}

/** Validates a catalogue document (as read from its JSON file); throws CATALOGUE_INVALIDE with a French message. */
export function parseCatalogue(json: unknown): Catalogue {
  if (!isObj(json)) return fail('un objet est attendu.');
  if (typeof json.version !== 'string' || !json.version) fail('version manquante.');
  if (!Array.isArray(json.measures)) return fail('liste « measures » manquante.');
  if (!isObj(json.approvalKinds)) return fail('liste « approvalKinds » manquante.');
  for (const k of APPROVAL_KINDS) if (typeof json.approvalKinds[k] !== 'string') fail(`libellé de l'accord « ${k} » manquant.`);
  const seen = new Set<string>();
  const measures = json.measures.map((m: unknown, i: number): CatalogueMeasure => {
    if (!isObj(m)) return fail(`mesure n° ${i + 1} : objet attendu.`);
    const code = String(m.code);
    if (!isMeasureCode(code)) return fail(`code de mesure inconnu « ${code} ».`);
    if (seen.has(code)) fail(`mesure « ${code} » en double.`);
    seen.add(code);
    for (const f of ['label', 'objective', 'deadlineTask', 'leaflet'] as const) if (typeof m[f] !== 'string' || !m[f]) fail(`${code} : « ${f} » manquant.`);
    for (const f of ['legalBasis', 'eligibility', 'partners'] as const) if (!isStrings(m[f])) fail(`${code} : « ${f} » doit être une liste de textes.`);
    if (!Array.isArray(m.approvals) || !m.approvals.every((a) => typeof a === 'string' && isApprovalKind(a))) fail(`${code} : accord requis inconnu.`);
    if (typeof m.employerVisibleAllowed !== 'boolean') fail(`${code} : « employerVisibleAllowed » doit être vrai ou faux.`);
    const l = m.limits;
    if (!isObj(l) || typeof l.requiresArret !== 'boolean') return fail(`${code} : « limits.requiresArret » manquant.`);
    if (l.maxRenewals !== null && l.maxRenewals !== undefined && !(Number.isInteger(l.maxRenewals) && (l.maxRenewals as number) >= 0)) fail(`${code} : « maxRenewals » invalide.`);
    const limits: MeasureLimits = {
      requiresArret: l.requiresArret,
      period: parseLimit(l.period, `${code}.period`),
      maxRenewals: (l.maxRenewals as number | null | undefined) ?? null,
      total: parseLimit(l.total, `${code}.total`),
    };
    if (l.fractionable !== undefined) {
      if (typeof l.fractionable !== 'boolean') fail(`${code} : « fractionable » doit être vrai ou faux.`);
      limits.fractionable = l.fractionable as boolean;
    }
    for (const k of ['beyondIjLimitMonths', 'seniorityWaiverAbsenceMonths', 'seniorityWaiverLookbackMonths', 'inArretAdvisedDays'] as const) {
      if (l[k] !== undefined) {
        if (!posInt(l[k])) fail(`${code} : « ${k} » invalide.`);
        limits[k] = l[k] as number;
      }
    }
    return {
      code,
      label: m.label as string,
      objective: m.objective as string,
      legalBasis: m.legalBasis as string[],
      eligibility: m.eligibility as string[],
      limits,
      approvals: m.approvals as ApprovalKind[],
      partners: m.partners as string[],
      employerVisibleAllowed: m.employerVisibleAllowed as boolean,
      deadlineTask: m.deadlineTask as string,
      leaflet: m.leaflet as string,
    };
  });
  for (const c of MEASURE_CODES) if (!seen.has(c)) fail(`mesure « ${c} » absente.`);
  return {
    version: json.version as string,
    publishedOn: String(json.publishedOn ?? ''),
    sources: isStrings(json.sources) ? json.sources : [],
    measures,
    approvalKinds: json.approvalKinds as Record<ApprovalKind, string>,
  };
}

/** The catalogue in force. */
export const CATALOGUE: Catalogue = parseCatalogue(catalogueV1);
export const CATALOGUE_VERSION = CATALOGUE.version;

const BY_CODE = new Map(CATALOGUE.measures.map((m) => [m.code, m]));

/** The catalogue entry of a measure code. */
export function catalogueMeasure(code: MeasureCode): CatalogueMeasure {
  return BY_CODE.get(code)!;
}

export function measureLabel(code: string): string {
  return isMeasureCode(code) ? catalogueMeasure(code).label : code;
}

export function approvalLabel(kind: string): string {
  return isApprovalKind(kind) ? CATALOGUE.approvalKinds[kind] : kind;
}
