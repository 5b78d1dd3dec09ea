/**
 * `maintien risk calibrate`: fits the health-record model of contract C3 on a labelled cohort.
 * The coefficients are log-odds ratios of a penalised logistic regression over the C3 features;
 * the level thresholds are kept from the reference model (they are probabilities, meaningful once
 * the model is calibrated) unless given. The result is NOT validated unless the caller says so:
 * fitting on a cohort says nothing of how the model does on the next one.
 */
import { HEALTH_FEATURES, HEALTH_FEATURE_NAMES, parseHealthModel, type HealthModel } from '../health-model';
import type { CohortRow } from './cohort';
import { fitLogistic, DEFAULT_L2 } from './logistic';
import { invalid } from '../../errors';
import { Z95 } from './stats';

/** Fewer events than this per feature and the coefficients mean little (Peduzzi et al. 1996: 10). */
export const MIN_EVENTS_PER_FEATURE = 10;
/** Below this, calibration is refused outright. */
export const MIN_CALIBRATION_ROWS = 30;

export interface CalibrateOptions {
  id: string;
  version: string;
  label?: string;
  cohortName: string;
  /** ISO date of the calibration. */
  at: string;
  validated?: boolean;
  thresholds: [number, number, number];
  l2?: number;
}

export interface CalibrationTerm {
  name: string;
  label: string;
  coefficient: number;
  se: number;
  oddsRatio: number;
  lower: number;
  upper: number;
  /** Workers of the cohort with this feature. */
  present: number;
}

export interface CalibrationOutcome {
  model: HealthModel;
  terms: CalibrationTerm[];
  converged: boolean;
  iterations: number;
  warnings: string[];
}

export function calibrateHealthModel(rows: readonly CohortRow[], o: CalibrateOptions): CalibrationOutcome {
  const events = rows.reduce((s, r) => s + r.issue, 0);
  if (rows.length < MIN_CALIBRATION_ROWS) {
    throw invalid('COHORTE_TROP_PETITE', `Il faut au moins ${MIN_CALIBRATION_ROWS} salariés valides pour calibrer le modèle (${rows.length} lus).`);
  }
  if (events === 0 || events === rows.length) {
    throw invalid('COHORTE_SANS_CONTRASTE', "La cohorte doit contenir des salariés avec et sans désinsertion (colonne « issue ») pour calibrer le modèle.");
  }
  const x = rows.map((r) => HEALTH_FEATURE_NAMES.map((n) => r.features[n] ?? 0));
  const fit = fitLogistic(
    x,
    rows.map((r) => r.issue),
    { l2: o.l2 ?? DEFAULT_L2 },
  );
  const warnings: string[] = [];
  const minority = Math.min(events, rows.length - events);
  if (minority < MIN_EVENTS_PER_FEATURE * HEALTH_FEATURE_NAMES.length) {
    warnings.push(
      `Seulement ${minority} événements pour ${HEALTH_FEATURE_NAMES.length} variables (moins de ${MIN_EVENTS_PER_FEATURE} par variable) : coefficients instables, à interpréter avec prudence.`,
    );
  }
  if (!fit.converged) warnings.push("L'ajustement n'a pas convergé : coefficients approximatifs.");
  const terms: CalibrationTerm[] = HEALTH_FEATURES.map((f, j) => {
    const b = fit.coefficients[j];
    const se = fit.standardErrors[j + 1];
    const present = x.reduce((s, row) => s + (row[j] !== 0 ? 1 : 0), 0);
    if (present === 0) warnings.push(`Aucun salarié de la cohorte ne présente « ${f.label} » : coefficient laissé à 0.`);
    return { name: f.name, label: f.label, coefficient: b, se, oddsRatio: Math.exp(b), lower: Math.exp(b - Z95 * se), upper: Math.exp(b + Z95 * se), present };
  });
  const round = (v: number) => Math.round(v * 10000) / 10000;
  const model = parseHealthModel({
    id: o.id,
    version: o.version,
    label: o.label ?? `Composante dossier de santé — calibrée sur « ${o.cohortName} »`,
    validated: o.validated === true,
    source: `Régression logistique pénalisée (L2 = ${o.l2 ?? DEFAULT_L2}) ajustée par « maintien risk calibrate » sur la cohorte « ${o.cohortName} » (${rows.length} salariés, ${events} désinsertions à 12 mois).`,
    intercept: round(fit.intercept),
    coefficients: Object.fromEntries(terms.map((t) => [t.name, round(t.coefficient)])),
    thresholds: o.thresholds,
    calibratedOn: { cohort: o.cohortName, n: rows.length, events, at: o.at },
  });
  return { model, terms, converged: fit.converged, iterations: fit.iterations, warnings };
}
