/**
 * The labelled cohort file of the evaluation (docs/formats/risk-cohort.md): one line per worker,
 * the health-record features of contract C3 (0/1), the questionnaire scores and the signed level
 * when known, and the outcome at 12 months. Every bad line is reported with its line number and a
 * French message; every good line is kept.
 */
import { csvLine } from '../../csv';
import { invalid } from '../../errors';
import { splitCsvRecord } from '../../intake/declarations';
import { HEALTH_FEATURE_NAMES } from '../health-model';
import { isRiskLevel, type RiskLevel } from '../levels';
import type { Outcome } from './roc';

/** WAI total (Tuomi 1998; may be fractional: item 2 is weighted) and employer score ranges of contract C1. */
export const WAI_MIN = 7;
export const WAI_MAX = 49;
export const EMPLOYEUR_MIN = 0;
export const EMPLOYEUR_MAX = 100;
/** A bigger file is refused: the evaluation holds the cohort in memory (≈ 200 bytes a worker). */
export const COHORT_MAX_LINES = 200_000;
/** Bad lines listed one by one (the count is always exact). */
export const COHORT_MAX_REPORTED_ERRORS = 200;

export const COHORT_OPTIONAL_COLUMNS = ['wai', 'employeur', 'niveau_final'] as const;
export const COHORT_OUTCOME_COLUMN = 'issue';
/** Every column, in the order the generator writes them. */
export const COHORT_COLUMNS: readonly string[] = [...HEALTH_FEATURE_NAMES, ...COHORT_OPTIONAL_COLUMNS, COHORT_OUTCOME_COLUMN];

export interface CohortRow {
  /** Line of the file (the header is line 1). */
  line: number;
  features: Record<string, number>;
  wai: number | null;
  employeur: number | null;
  niveauFinal: RiskLevel | null;
  issue: Outcome;
}

export interface CohortLineError {
  line: number;
  column: string | null;
  message: string;
}

export interface ParsedCohort {
  rows: CohortRow[];
  /** The first COHORT_MAX_REPORTED_ERRORS bad lines. */
  errors: CohortLineError[];
  rejectedLines: number;
  separator: ';' | ',';
  warnings: string[];
}

/**
 * Parses a cohort CSV (UTF-8, BOM tolerated, `;` or `,` chosen from the header, CRLF or LF).
 * Throws MaintienError only for a file that cannot be read at all (empty, missing columns, too long).
 */
export function parseCohortCsv(text: string): ParsedCohort {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = body.split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw invalid('COHORTE_VIDE', 'Le fichier de cohorte est vide.');
  const headerLine = lines[headerIndex];
  const separator: ';' | ',' = count(headerLine, ';') >= count(headerLine, ',') ? ';' : ',';
  const header = splitCsvRecord(headerLine, separator).map((h) => h.trim().toLowerCase());
  const missing = [...HEALTH_FEATURE_NAMES, COHORT_OUTCOME_COLUMN].filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw invalid(
      'COHORTE_COLONNES_MANQUANTES',
      `Colonnes manquantes dans l'en-tête (ligne ${headerIndex + 1}) : ${missing.join(', ')}. Voir le format dans docs/formats/risk-cohort.md.`,
    );
  }
  const duplicated = header.filter((h, i) => h && header.indexOf(h) !== i);
  if (duplicated.length > 0) throw invalid('COHORTE_COLONNES_EN_DOUBLE', `Colonnes en double dans l'en-tête : ${[...new Set(duplicated)].join(', ')}.`);
  const warnings: string[] = [];
  const unknown = header.filter((h) => !COHORT_COLUMNS.includes(h));
  if (unknown.length > 0) warnings.push(`Colonnes ignorées : ${unknown.map((u) => u || '(sans nom)').join(', ')}.`);
  const index = new Map(header.map((h, i) => [h, i]));

  const rows: CohortRow[] = [];
  const errors: CohortLineError[] = [];
  let rejectedLines = 0;
  let dataLines = 0;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    if (++dataLines > COHORT_MAX_LINES) {
      throw invalid('COHORTE_TROP_LONGUE', `Une cohorte peut contenir au plus ${COHORT_MAX_LINES.toLocaleString('fr-FR')} lignes.`);
    }
    const lineNo = i + 1;
    const r = parseLine(splitCsvRecord(lines[i], separator), index, header.length, lineNo);
    if ('message' in r) {
      rejectedLines++;
      if (errors.length < COHORT_MAX_REPORTED_ERRORS) errors.push(r);
    } else rows.push(r);
  }
  if (dataLines === 0) throw invalid('COHORTE_VIDE', "Le fichier de cohorte ne contient aucune ligne après l'en-tête.");
  return { rows, errors, rejectedLines, separator, warnings };
}

function parseLine(cells: string[], index: Map<string, number>, width: number, line: number): CohortRow | CohortLineError {
  if (cells.length !== width) {
    return { line, column: null, message: `La ligne a ${cells.length} colonne(s) au lieu de ${width} (celles de l'en-tête).` };
  }
  const get = (name: string) => {
    const i = index.get(name);
    return i === undefined ? '' : cells[i].trim();
  };
  const features: Record<string, number> = {};
  for (const name of HEALTH_FEATURE_NAMES) {
    const v = get(name);
    if (v !== '0' && v !== '1') return { line, column: name, message: `« ${name} » doit valoir 0 ou 1 (lu : « ${v} »).` };
    features[name] = Number(v);
  }
  const issue = get(COHORT_OUTCOME_COLUMN);
  if (issue !== '0' && issue !== '1') {
    return { line, column: COHORT_OUTCOME_COLUMN, message: `« issue » doit valoir 1 (désinsertion à 12 mois) ou 0 (lu : « ${issue} »).` };
  }
  const wai = optionalNumber(get('wai'));
  if (wai !== null && (Number.isNaN(wai) || wai < WAI_MIN || wai > WAI_MAX)) {
    return { line, column: 'wai', message: `« wai » doit être un nombre de ${WAI_MIN} à ${WAI_MAX} ou vide (lu : « ${get('wai')} »).` };
  }
  const employeur = optionalNumber(get('employeur'));
  if (employeur !== null && (Number.isNaN(employeur) || employeur < EMPLOYEUR_MIN || employeur > EMPLOYEUR_MAX)) {
    return { line, column: 'employeur', message: `« employeur » doit être un nombre de ${EMPLOYEUR_MIN} à ${EMPLOYEUR_MAX} ou vide (lu : « ${get('employeur')} »).` };
  }
  const niveau = optionalNumber(get('niveau_final'));
  if (niveau !== null && !isRiskLevel(niveau)) {
    return { line, column: 'niveau_final', message: `« niveau_final » doit valoir 0, 1, 2 ou 3, ou être vide (lu : « ${get('niveau_final')} »).` };
  }
  return { line, features, wai, employeur, niveauFinal: niveau as RiskLevel | null, issue: issue === '1' ? 1 : 0 };
}

/** Empty → null; a decimal comma is accepted; anything else not a number → NaN. */
function optionalNumber(v: string): number | null {
  if (v === '') return null;
  if (!/^-?\d+([.,]\d+)?$/.test(v)) return NaN;
  return Number(v.replace(',', '.'));
}

const count = (s: string, c: string) => s.split(c).length - 1;

/** Writes cohort rows back as CSV (`;`, header, LF) in the column order of COHORT_COLUMNS. */
export function cohortCsv(rows: readonly Omit<CohortRow, 'line'>[]): string {
  const out = [csvLine(COHORT_COLUMNS)];
  for (const r of rows) {
    out.push(csvLine([...HEALTH_FEATURE_NAMES.map((n) => r.features[n] ?? 0), r.wai, r.employeur, r.niveauFinal, r.issue]));
  }
  return out.join('\n') + '\n';
}
