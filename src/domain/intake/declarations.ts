/**
 * Pure rules of the "other signals" channels (docs/signals.md): employer declarations of
 * arrêts > 30 days (form and CSV), the médecin conseil's fiche de liaison and the cell's
 * answer, and saisines. No I/O. The declared arrêt's threshold is the rules' own number
 * (rules-config.ts, `preRepriseAfterDays`); the CSV size limit may be overridden per service
 * (tenant setting `signals.declarations`).
 */
import { isIsoDate, parseFrenchDate } from '../calendar/dates';
import type { Checked } from '../errors';
import { validateNir } from '../identity/nir';
import { DEFAULT_RULES_CONFIG, type IntakeRulesConfig } from './rules-config';

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

export interface DeclarationSettings {
  /**
   * IGAS recommendation 16 / R4624-29: the employer declares arrêts of MORE than this number
   * of days (the arrêt opening the right to a visite de pré-reprise). Not a setting of its own:
   * it is the rules' `preRepriseAfterDays` (« Règles de détection »), so the declaration form
   * and the task « proposer une visite de pré-reprise » always speak of the same arrêts.
   */
  minArretDays: number;
  /** Lines of one employer CSV file (an employer's file is small; the AM flux is elsewhere). */
  maxCsvLines: number;
}

export const DECLARATION_DEFAULTS: Readonly<DeclarationSettings> = { minArretDays: DEFAULT_RULES_CONFIG.preRepriseAfterDays, maxCsvLines: 2000 };

/**
 * The declaration settings of a service: the threshold from its rules configuration, the CSV
 * limit from its `signals.declarations` setting (an invalid stored value is ignored).
 */
export function declarationSettings(rules: Pick<IntakeRulesConfig, 'preRepriseAfterDays'>, stored: unknown): DeclarationSettings {
  const s = { ...DECLARATION_DEFAULTS, minArretDays: rules.preRepriseAfterDays };
  if (stored && typeof stored === 'object') {
    const o = stored as Record<string, unknown>;
    if (Number.isInteger(o.maxCsvLines) && (o.maxCsvLines as number) >= 1 && (o.maxCsvLines as number) <= 100000) s.maxCsvLines = o.maxCsvLines as number;
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Dates and durations
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const utc = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/** Length of an arrêt in calendar days, both ends included (01/03 → 30/03 is 30 days). */
export function arretLengthDays(startDate: string, endDate: string): number {
  return Math.round((utc(endDate) - utc(startDate)) / DAY_MS) + 1;
}

/** Is the arrêt long enough to be declared (strictly more than `minArretDays`)? */
export function isLongArret(startDate: string, endDate: string, settings: Pick<DeclarationSettings, 'minArretDays'> = DECLARATION_DEFAULTS): boolean {
  return arretLengthDays(startDate, endDate) > settings.minArretDays;
}

/** A date typed JJ/MM/AAAA (French) or AAAA-MM-JJ (ISO) → 'YYYY-MM-DD', or null. */
export function parseDeclarationDate(raw: string): string | null {
  const s = raw.trim();
  if (isIsoDate(s)) return s;
  return parseFrenchDate(s);
}

// ---------------------------------------------------------------------------------------------
// Declarations
// ---------------------------------------------------------------------------------------------

/** Nature of the arrêt as the employer legitimately knows it: administrative, never a diagnosis. */
export const DECLARATION_NATURES = ['maladie', 'accident_travail', 'maladie_professionnelle', 'maternite'] as const;
export type DeclarationNature = (typeof DECLARATION_NATURES)[number];
export const NATURE_LABELS: Readonly<Record<DeclarationNature, string>> = {
  maladie: 'Maladie',
  accident_travail: 'Accident du travail',
  maladie_professionnelle: 'Maladie professionnelle',
  maternite: 'Maternité',
};
export const isDeclarationNature = (x: unknown): x is DeclarationNature =>
  typeof x === 'string' && (DECLARATION_NATURES as readonly string[]).includes(x);

/** What the employer sees of his declaration: nothing more than these three statuses. */
export const DECLARATION_STATUSES = ['recue', 'prise_en_charge', 'a_verifier'] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];
export const DECLARATION_STATUS_LABELS: Readonly<Record<DeclarationStatus, string>> = {
  recue: 'Reçue',
  prise_en_charge: 'Prise en charge par la cellule',
  a_verifier: 'À vérifier',
};

/**
 * The status shown to the employer: « À vérifier » while the worker is not identified,
 * « Prise en charge » once the dossier has left « Signalé », « Reçue » before.
 */
export function declarationStatus(stored: string, dossierState: string | null): DeclarationStatus {
  if (stored === 'a_verifier') return 'a_verifier';
  if (dossierState !== null && dossierState !== 'signale') return 'prise_en_charge';
  return 'recue';
}

/** Lower case, no accents, no punctuation, single spaces: names compare equal across spellings. */
export function normaliseName(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The first given name (« Marie, Louise » → « marie »). */
export function firstGivenName(firstNames: string): string {
  return normaliseName(firstNames).split(' ')[0] ?? '';
}

/** Idempotence key of a declared identity: birth name, first given name and birth date. */
export function identityKey(birthName: string, firstNames: string, birthDate: string): string {
  return `${normaliseName(birthName)}|${firstGivenName(firstNames)}|${birthDate}`;
}

/** Does a worker record match a declared identity (birth or usage name, first given name, birth date)? */
export function identityMatches(
  w: { birth_name: string; usage_name: string | null; first_names: string; birth_date: string },
  d: { birthName: string; firstNames: string; birthDate: string },
): boolean {
  if (w.birth_date !== d.birthDate) return false;
  const name = normaliseName(d.birthName);
  const names = [normaliseName(w.birth_name), w.usage_name ? normaliseName(w.usage_name) : null];
  if (!names.includes(name)) return false;
  const first = firstGivenName(d.firstNames);
  return normaliseName(w.first_names).split(' ').includes(first);
}

export interface DeclaredIdentity {
  birthName: string;
  firstNames: string;
  birthDate: string;
  nir: string | null;
}

export interface DeclarationInput {
  startDate: string;
  expectedEndDate: string;
  nature: string;
}

export interface ValidDeclaration {
  startDate: string;
  expectedEndDate: string;
  nature: DeclarationNature;
}

type Refusal = { ok: false; code: string; message: string; field?: string };
const refuse = (code: string, message: string, field?: string): Refusal => ({ ok: false, code, message, field });

/** Checks the identity typed by an employer (or a partner) for a worker not picked from a list. */
export function checkIdentity(raw: { birthName?: string | null; firstNames?: string | null; birthDate?: string | null; nir?: string | null }, today: string): Checked<DeclaredIdentity> {
  const birthName = (raw.birthName ?? '').trim();
  const firstNames = (raw.firstNames ?? '').trim();
  if (!birthName) return refuse('CHAMP_MANQUANT', 'Indiquez le nom de naissance du salarié.', 'birthName');
  if (birthName.length > 100 || !/\p{L}/u.test(birthName)) return refuse('NOM_INVALIDE', "Le nom du salarié n'est pas valide.", 'birthName');
  if (!firstNames) return refuse('CHAMP_MANQUANT', 'Indiquez le ou les prénoms du salarié.', 'firstNames');
  if (firstNames.length > 100 || !/\p{L}/u.test(firstNames)) return refuse('PRENOM_INVALIDE', "Le prénom du salarié n'est pas valide.", 'firstNames');
  if (!raw.birthDate?.trim()) return refuse('CHAMP_MANQUANT', 'Indiquez la date de naissance du salarié.', 'birthDate');
  const birthDate = parseDeclarationDate(raw.birthDate);
  if (!birthDate) return refuse('DATE_INVALIDE', 'La date de naissance doit être une date au format JJ/MM/AAAA.', 'birthDate');
  if (birthDate >= today || birthDate < '1900-01-01') return refuse('DATE_INVALIDE', "La date de naissance n'est pas plausible.", 'birthDate');
  let nir: string | null = null;
  if (raw.nir?.trim()) {
    const n = validateNir(raw.nir);
    if (!n.ok) return n;
    nir = n.value.nir;
  }
  return { ok: true, value: { birthName, firstNames, birthDate, nir } };
}

/**
 * Checks the arrêt of a declaration: real dates (JJ/MM/AAAA or ISO), end after start, start not
 * in the future, a known nature, and an arrêt of more than `minArretDays` days.
 */
export function checkDeclaration(raw: Partial<Record<keyof DeclarationInput, string | null>>, today: string, settings: Pick<DeclarationSettings, 'minArretDays'> = DECLARATION_DEFAULTS): Checked<ValidDeclaration> {
  if (!raw.startDate?.trim()) return refuse('CHAMP_MANQUANT', "Indiquez la date de début de l'arrêt.", 'startDate');
  const startDate = parseDeclarationDate(raw.startDate);
  if (!startDate) return refuse('DATE_INVALIDE', "La date de début de l'arrêt doit être une date au format JJ/MM/AAAA.", 'startDate');
  if (!raw.expectedEndDate?.trim()) return refuse('CHAMP_MANQUANT', "Indiquez la date de fin prévue de l'arrêt.", 'expectedEndDate');
  const expectedEndDate = parseDeclarationDate(raw.expectedEndDate);
  if (!expectedEndDate) return refuse('DATE_INVALIDE', "La date de fin prévue doit être une date au format JJ/MM/AAAA.", 'expectedEndDate');
  if (startDate > today) return refuse('DATE_FUTURE', "La date de début de l'arrêt ne peut pas être dans le futur.", 'startDate');
  if (expectedEndDate < startDate) return refuse('DATES_INCOHERENTES', 'La date de fin prévue doit être postérieure à la date de début.', 'expectedEndDate');
  if (!raw.nature?.trim()) return refuse('CHAMP_MANQUANT', "Indiquez la nature de l'arrêt.", 'nature');
  const nature = raw.nature.trim().toLowerCase();
  if (!isDeclarationNature(nature)) {
    return refuse('NATURE_INCONNUE', 'Nature inconnue : indiquez maladie, accident_travail, maladie_professionnelle ou maternite.', 'nature');
  }
  if (!isLongArret(startDate, expectedEndDate, settings)) {
    const days = arretLengthDays(startDate, expectedEndDate);
    return refuse(
      'ARRET_TROP_COURT',
      `Seuls les arrêts de plus de ${settings.minArretDays} jours sont à déclarer : celui-ci dure ${days} jour${days > 1 ? 's' : ''}.`,
      'expectedEndDate',
    );
  }
  return { ok: true, value: { startDate, expectedEndDate, nature } };
}

// ---------------------------------------------------------------------------------------------
// CSV of declarations: nom;prenoms;date_naissance;nir;date_debut;date_fin_prevue;nature
// ---------------------------------------------------------------------------------------------

export const DECLARATION_CSV_COLUMNS = ['nom', 'prenoms', 'date_naissance', 'nir', 'date_debut', 'date_fin_prevue', 'nature'] as const;
const REQUIRED_COLUMNS = DECLARATION_CSV_COLUMNS.filter((c) => c !== 'nir');

export interface CsvLineOk {
  line: number;
  ok: true;
  identity: DeclaredIdentity;
  declaration: ValidDeclaration;
}
export interface CsvLineRejected {
  line: number;
  ok: false;
  code: string;
  field?: string;
  message: string;
}
export type CsvLine = CsvLineOk | CsvLineRejected;

/** Splits one CSV record with `;` and RFC 4180 double quotes. */
export function splitCsvRecord(record: string, separator = ';'): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const c = record[i];
    if (quoted) {
      if (c === '"') {
        if (record[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === separator) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Records of a CSV text (a quoted field may hold a line break); blank lines are skipped. */
function csvRecords(text: string): string[] {
  const records: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    if (!quoted && (c === '\n' || c === '\r')) {
      if (c === '\r' && text[i + 1] === '\n') i++;
      records.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur !== '') records.push(cur);
  return records;
}

export type ParsedDeclarationCsv =
  | { ok: true; lines: CsvLine[]; warnings: string[] }
  | { ok: false; code: string; message: string };

/**
 * Parses and validates an employer's CSV file: UTF-8 (BOM accepted), `;`, a header with the
 * columns above in any order, French dates. Every data line (numbered from 1, the header is
 * line 0) ends accepted or rejected with a code, a field and a French message.
 */
export function parseDeclarationCsv(text: string, today: string, settings: DeclarationSettings = DECLARATION_DEFAULTS): ParsedDeclarationCsv {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return parseDeclarationRows(
    csvRecords(body).map((r, i) => ({ line: i + 1, fields: r.trim() === '' ? null : splitCsvRecord(r) })).filter((r) => r.fields !== null),
    today,
    settings,
  );
}

/** A record of a CSV file as the shared reader gives it (src/ingest/csv/reader.ts): fields, or a reading error. */
export interface CsvRow {
  /** Its first physical line in the file, from 1. */
  line: number;
  fields: string[] | null;
  error?: { code: string; message: string };
}

/**
 * Validates the records of an employer's CSV file (header first, blank lines already skipped).
 * A record the reader could not read (stray quote, forbidden character) is a rejected line.
 */
export function parseDeclarationRows(rows: readonly CsvRow[], today: string, settings: DeclarationSettings = DECLARATION_DEFAULTS): ParsedDeclarationCsv {
  if (rows.length === 0) return { ok: false, code: 'FICHIER_VIDE', message: 'Le fichier est vide.' };
  const first = rows[0];
  if (!first.fields) {
    return { ok: false, code: 'ENTETE_ILLISIBLE', message: `La ligne d'en-tête est illisible : ${first.error?.message ?? 'ligne illisible.'}` };
  }
  const header = first.fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return {
      ok: false,
      code: 'COLONNES_MANQUANTES',
      message: `Colonnes manquantes dans l'en-tête : ${missing.join(', ')}. Attendu (séparateur « ; ») : ${DECLARATION_CSV_COLUMNS.join(';')}.`,
    };
  }
  const warnings: string[] = [];
  const unknown = header.filter((h) => h && !(DECLARATION_CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length > 0) warnings.push(`Colonnes ignorées : ${unknown.map((u) => u.slice(0, 64)).join(', ')}.`);
  const col = (name: string) => header.indexOf(name);
  const lines: CsvLine[] = [];
  let n = 0;
  for (const row of rows.slice(1)) {
    n++;
    if (n > settings.maxCsvLines) {
      return { ok: false, code: 'FICHIER_TROP_LONG', message: `Un fichier peut contenir au plus ${settings.maxCsvLines} déclarations : découpez-le.` };
    }
    if (!row.fields) {
      lines.push({ line: n, ok: false, code: row.error?.code ?? 'LIGNE_ILLISIBLE', message: `${row.error?.message ?? 'Ligne illisible.'} (ligne ${row.line} du fichier)` });
      continue;
    }
    const cells = row.fields;
    const get = (name: string) => {
      const i = col(name);
      return i >= 0 ? (cells[i] ?? '').trim() : '';
    };
    const identity = checkIdentity({ birthName: get('nom'), firstNames: get('prenoms'), birthDate: get('date_naissance'), nir: get('nir') }, today);
    if (!identity.ok) {
      lines.push({ line: n, ok: false, code: identity.code, field: csvField(identity.field), message: identity.message });
      continue;
    }
    const decl = checkDeclaration({ startDate: get('date_debut'), expectedEndDate: get('date_fin_prevue'), nature: get('nature') }, today, settings);
    if (!decl.ok) {
      lines.push({ line: n, ok: false, code: decl.code, field: csvField(decl.field), message: decl.message });
      continue;
    }
    lines.push({ line: n, ok: true, identity: identity.value, declaration: decl.value });
  }
  return { ok: true, lines, warnings };
}

const CSV_FIELD: Record<string, string> = {
  birthName: 'nom',
  firstNames: 'prenoms',
  birthDate: 'date_naissance',
  nir: 'nir',
  startDate: 'date_debut',
  expectedEndDate: 'date_fin_prevue',
  nature: 'nature',
};
const csvField = (f: string | undefined) => (f ? (CSV_FIELD[f] ?? f) : undefined);

// ---------------------------------------------------------------------------------------------
// Fiche de liaison (médecin conseil → cell) and the cell's answer
// ---------------------------------------------------------------------------------------------

export const VPR_STATUSES = ['en_attente', 'vpr_realisee', 'refusee_salarie', 'injoignable'] as const;
export type VprStatus = (typeof VPR_STATUSES)[number];
export const VPR_STATUS_LABELS: Readonly<Record<VprStatus, string>> = {
  en_attente: 'En attente de réponse',
  vpr_realisee: 'VPR réalisée',
  refusee_salarie: 'Refusée par le salarié',
  injoignable: 'Salarié injoignable',
};
export const VPR_OUTCOMES = ['vpr_realisee', 'refusee_salarie', 'injoignable'] as const;
export type VprOutcome = (typeof VPR_OUTCOMES)[number];
export const isVprOutcome = (x: unknown): x is VprOutcome => typeof x === 'string' && (VPR_OUTCOMES as readonly string[]).includes(x);
export const vprStatusLabel = (s: string) => VPR_STATUS_LABELS[s as VprStatus] ?? s;

export interface VprAnswerInput {
  outcome: string;
  vprDate?: string | null;
  nonObjection?: boolean;
  recommendations?: string | null;
}
export interface ValidVprAnswer {
  outcome: VprOutcome;
  vprDate: string | null;
  nonObjection: boolean;
  recommendations: string | null;
}

/** The consent carried by a fiche de liaison: required, dated, not in the future. */
export function checkFicheConsent(consentGiven: boolean | undefined, consentDate: string | null | undefined, today: string): Checked<string> {
  if (consentGiven !== true) return refuse('CONSENTEMENT_ABSENT', "L'accord du salarié est nécessaire pour transmettre la fiche de liaison à la cellule.", 'consentGiven');
  const d = consentDate ? parseDeclarationDate(consentDate) : null;
  if (!d) return refuse('DATE_INVALIDE', "Indiquez la date de l'accord du salarié (JJ/MM/AAAA).", 'consentDate');
  if (d > today) return refuse('DATE_FUTURE', "La date de l'accord du salarié ne peut pas être dans le futur.", 'consentDate');
  return { ok: true, value: d };
}

/**
 * The cell's answer to a fiche de liaison. R4624-30: recommendations after a pré-reprise go to
 * the médecin conseil only if the worker does not object — without the non-objection they are
 * refused; and there are recommendations only when the visit took place.
 */
export function checkVprAnswer(raw: VprAnswerInput, today: string): Checked<ValidVprAnswer> {
  if (!isVprOutcome(raw.outcome)) return refuse('SUITE_INCONNUE', 'Choisissez la suite donnée : VPR réalisée, refusée par le salarié, ou salarié injoignable.', 'outcome');
  const recommendations = raw.recommendations?.trim() ? raw.recommendations.trim() : null;
  const nonObjection = raw.nonObjection === true;
  let vprDate: string | null = null;
  if (raw.outcome === 'vpr_realisee') {
    vprDate = raw.vprDate ? parseDeclarationDate(raw.vprDate) : null;
    if (!vprDate) return refuse('DATE_INVALIDE', 'Indiquez la date de la visite de pré-reprise (JJ/MM/AAAA).', 'vprDate');
    if (vprDate > today) return refuse('DATE_FUTURE', 'La visite de pré-reprise ne peut pas être datée dans le futur.', 'vprDate');
  }
  if (recommendations !== null) {
    if (raw.outcome !== 'vpr_realisee') return refuse('RECOMMANDATIONS_SANS_VPR', 'Des recommandations ne peuvent être transmises que si la visite de pré-reprise a eu lieu.', 'recommendations');
    if (!nonObjection) {
      return refuse('NON_OPPOSITION_REQUISE', "Les recommandations ne peuvent être transmises au médecin conseil que si le salarié ne s'y oppose pas (R4624-30).", 'recommendations');
    }
  }
  return { ok: true, value: { outcome: raw.outcome, vprDate, nonObjection, recommendations } };
}

// ---------------------------------------------------------------------------------------------
// Saisines
// ---------------------------------------------------------------------------------------------

export const SAISINE_AUTHOR_KINDS = ['salarie', 'employeur', 'partenaire', 'equipe'] as const;
export type SaisineAuthorKind = (typeof SAISINE_AUTHOR_KINDS)[number];

/** Who is seizing the cell, from the author's role (null: this role does not seize the cell). */
export function saisineAuthorKind(role: string | null): SaisineAuthorKind | null {
  switch (role) {
    case 'worker':
      return 'salarie';
    case 'employer':
      return 'employeur';
    case 'partner_agent':
      return 'partenaire';
    case 'medecin_travail':
    case 'infirmier':
    case 'assistant_social':
    case 'psychologue':
    case 'ergonome':
    case 'charge_mission':
    case 'assistant':
      return 'equipe';
    default:
      return null;
  }
}

export const SAISINE_STATUS_LABELS = { recue: 'Reçue', prise_en_charge: 'Prise en charge par la cellule' } as const;

/** The reason of a saisine: administrative free text, 3 to 2,000 characters. */
export function checkReason(raw: string | null | undefined, field = 'reason'): Checked<string> {
  const r = (raw ?? '').trim();
  if (r.length < 3) return refuse('MOTIF_REQUIS', 'Indiquez en quelques mots le motif de la demande.', field);
  if (r.length > 2000) return refuse('MOTIF_TROP_LONG', 'Le motif ne peut pas dépasser 2 000 caractères.', field);
  return { ok: true, value: r };
}

// ---------------------------------------------------------------------------------------------
// Date helpers
// ---------------------------------------------------------------------------------------------

/** 'YYYY-MM-DD' → 'JJ/MM/AAAA' (for French messages and timeline entries). */
export function frenchDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** The instant a civil day starts in Paris (list filters « du … au … » are civil days). */
export function parisDayStart(iso: string): Date {
  const guess = utc(iso);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(guess));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asParis = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(guess - (asParis - guess));
}
