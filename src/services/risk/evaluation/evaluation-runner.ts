/**
 * Cohort text + model → evaluation report and its HTML: the one path shared by the command line
 * (`maintien risk evaluate`) and the « Évaluation de l'indice » page. No database, no side effect.
 */
import { invalid } from '../../../domain/errors';
import { parseCohortCsv, type CohortLineError, type CohortRow } from '../../../domain/risk/evaluation/cohort';
import { evaluateCohort, type EvaluationReport } from '../../../domain/risk/evaluation/evaluate';
import { DEFAULT_HEALTH_MODEL, parseHealthModel, type HealthModel } from '../../../domain/risk/health-model';
import { hasForbiddenCharacter } from '../../../ingest/csv/reader';
import { refuseReplacementCharacters } from '../../../ingest/csv/utf8';
import { renderEvaluationHtml } from './report-html';

/** True when a parsed JSON value holds a NUL or a lone surrogate in a key or a string (jsonb refuses both). */
function holdsForbiddenCharacter(value: unknown, depth = 0): boolean {
  if (depth > 64) return true;
  if (typeof value === 'string') return hasForbiddenCharacter(value);
  if (Array.isArray(value)) return value.some((v) => holdsForbiddenCharacter(v, depth + 1));
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => hasForbiddenCharacter(k) || holdsForbiddenCharacter(v, depth + 1));
  return false;
}

export interface EvaluationRun {
  report: EvaluationReport;
  html: string;
  /** Bad lines of the cohort file (the first 200) and their total. */
  errors: CohortLineError[];
  rejectedLines: number;
  warnings: string[];
}

/** Parses a model file's text; a broken JSON is a French MODELE_SANTE_INVALIDE, not a crash. */
export function readHealthModel(text: string, field?: string): HealthModel {
  refuseReplacementCharacters(text); // a file that was not UTF-8, decoded with replacements
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    throw invalid('MODELE_SANTE_INVALIDE', "Le fichier de modèle n'est pas un JSON valide.", field);
  }
  if (holdsForbiddenCharacter(json)) {
    throw invalid('MODELE_SANTE_INVALIDE', 'Le fichier de modèle contient un caractère interdit (caractère nul ou caractère Unicode isolé).', field);
  }
  return parseHealthModel(json);
}

export function runEvaluation(cohortText: string, o: { cohortName: string; model?: HealthModel; now: Date }): EvaluationRun {
  // The cohort file's text comes from readFileSync(…, 'utf8') or the browser: bytes that were
  // not UTF-8 are U+FFFD by now. Refused naming the line (issue 12, item 11).
  refuseReplacementCharacters(cohortText);
  const parsed = parseCohortCsv(cohortText);
  if (parsed.rows.length === 0) {
    throw invalid('COHORTE_SANS_LIGNE_VALIDE', "Aucune ligne valide dans la cohorte : corrigez les erreurs signalées.", undefined, { errors: parsed.errors });
  }
  const run = evaluateRows(parsed.rows, { ...o, rejectedLines: parsed.rejectedLines, warnings: parsed.warnings });
  return { ...run, errors: parsed.errors, rejectedLines: parsed.rejectedLines, warnings: parsed.warnings };
}

/**
 * Cohort rows already built (the service's own cases, « Dossiers du service ») → report and HTML:
 * the same evaluator and renderer as a file. `warnings` go first in the report.
 */
export function evaluateRows(
  rows: readonly CohortRow[],
  o: { cohortName: string; model?: HealthModel; now: Date; rejectedLines?: number; warnings?: readonly string[] },
): { report: EvaluationReport; html: string } {
  const report = evaluateCohort(rows, o.model ?? DEFAULT_HEALTH_MODEL, {
    cohortName: o.cohortName,
    generatedAt: o.now.toISOString(),
    rejectedLines: o.rejectedLines ?? 0,
  });
  report.warnings.unshift(...(o.warnings ?? []));
  return { report, html: renderEvaluationHtml(report) };
}
