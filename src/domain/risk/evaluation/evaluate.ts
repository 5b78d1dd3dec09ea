/**
 * The evaluation of the index on a labelled cohort (IGAS recommendation 17): for each component
 * (health record, WAI, employer), for the level signed by the professionals and for the combined
 * index: ROC curve and AUC with its DeLong interval, sensitivity / specificity / PPV / NPV at
 * thresholds with Wilson intervals, observed rates by band, and for probabilities the calibration
 * table with the Hosmer–Lemeshow test. The result is plain data, rendered as HTML elsewhere.
 */
import { levelOfProbability, scoreHealthRecord, type HealthModel } from '../health-model';
import { RISK_LEVEL_LABELS, RISK_LEVELS } from '../levels';
import { calibrationTable, type CalibrationResult } from './calibration';
import type { CohortRow } from './cohort';
import { fitLogistic, predictLogistic } from './logistic';
import { auc, rocCurve, thinCurve, type AucEstimate, type Outcome } from './roc';
import { logit, wilson, Z95, type Proportion } from './stats';
import { candidateThresholds, thresholdTable, type ThresholdRow } from './thresholds';

export type ComponentKey = 'sante' | 'wai' | 'employeur' | 'niveau_final' | 'combine';

/** Fewer workers, or no case or no non-case, and a component is not evaluated. */
export const MIN_COMPONENT_ROWS = 10;
/** Out-of-fold predictions of the combined index (cross-validation). */
export const COMBINED_FOLDS = 5;
/** Below this many workers the combined index is judged on its own fit (optimistic, and said so). */
export const MIN_CROSS_VALIDATION_ROWS = 50;
export const CALIBRATION_GROUPS = 10;

/** A band of a score: from `from` (included) up to the next band's `from` (excluded). */
export interface Band {
  label: string;
  from: number;
}

/** WAI categories of contract C1 (Tuomi 1998). WAI totals move by half points (item 2 is weighted). */
export const WAI_BANDS: readonly Band[] = [
  { label: 'Mauvais (7–27)', from: 7 },
  { label: 'Moyen (28–36)', from: 28 },
  { label: 'Bon (37–43)', from: 37 },
  { label: 'Excellent (44–49)', from: 44 },
];
/** Evaluation bands of the employer score (quarters of 0–100; not the questionnaire's own categories). */
export const EMPLOYEUR_BANDS: readonly Band[] = [
  { label: '0 à moins de 25', from: 0 },
  { label: '25 à moins de 50', from: 25 },
  { label: '50 à moins de 75', from: 50 },
  { label: '75 à 100', from: 75 },
];

const bandTests = (bands: readonly Band[]) =>
  bands.map((b, i) => ({ label: b.label, test: (v: number) => v >= b.from && (i === bands.length - 1 || v < bands[i + 1].from) }));

export interface ThresholdLine extends ThresholdRow {
  /** The rule in French: « probabilité ≥ 0,25 (niveau 2) », « WAI ≤ 27 ». */
  rule: string;
}

export interface BandRow {
  label: string;
  observed: Proportion;
}

export interface ComponentEvaluation {
  key: ComponentKey;
  label: string;
  description: string;
  /** 'lower': a lower value means more risk (WAI). */
  direction: 'higher' | 'lower';
  n: number;
  events: number;
  auc: AucEstimate | null;
  /** At most 200 points; threshold null at the (0, 0) corner. */
  roc: { fpr: number; tpr: number; threshold: number | null }[];
  thresholds: ThresholdLine[];
  calibration: CalibrationResult | null;
  bands: BandRow[];
  notes: string[];
}

export interface CombinedTerm {
  name: string;
  label: string;
  coefficient: number;
  oddsRatio: number;
  lower: number;
  upper: number;
}

export interface EvaluationReport {
  generatedAt: string;
  cohort: {
    name: string;
    n: number;
    events: number;
    prevalence: Proportion;
    rejectedLines: number;
    withWai: number;
    withEmployer: number;
    withLevel: number;
  };
  model: Pick<HealthModel, 'id' | 'version' | 'label' | 'validated' | 'source' | 'thresholds'> & { calibratedOn: HealthModel['calibratedOn'] | null };
  components: ComponentEvaluation[];
  /** The combined index: logistic regression of the outcome on the three components. */
  combined: { terms: CombinedTerm[]; crossValidated: boolean; folds: number } | null;
  warnings: string[];
}

export interface EvaluateOptions {
  cohortName: string;
  generatedAt: string;
  rejectedLines?: number;
}

const fmt = (v: number, digits = 2) => v.toLocaleString('fr-FR', { maximumFractionDigits: digits });

export function evaluateCohort(rows: readonly CohortRow[], model: HealthModel, o: EvaluateOptions): EvaluationReport {
  const outcomes = rows.map((r) => r.issue);
  const events = outcomes.reduce<number>((s, v) => s + v, 0);
  const warnings: string[] = [];
  if (!model.validated) warnings.push(`Le modèle « ${model.label} » n'est pas validé : ses résultats sont exploratoires.`);
  if (model.calibratedOn && model.calibratedOn.cohort === o.cohortName) {
    warnings.push(
      `Le modèle a été calibré sur cette même cohorte (« ${o.cohortName} ») : ses performances sont optimistes. Évaluez-le sur une autre cohorte pour une estimation honnête.`,
    );
  }

  const probabilities = rows.map((r) => scoreHealthRecord(model, r.features).probability);
  const components: ComponentEvaluation[] = [];
  /** The workers for whom `pick` is known: their values and outcomes. */
  const known = (pick: (r: CohortRow) => number | null) => {
    const idx = rows.flatMap((r, i) => (pick(r) === null ? [] : [i]));
    return { values: idx.map((i) => pick(rows[i])!), outcomes: idx.map((i) => outcomes[i]) };
  };
  /** The health component and the combined index are probabilities read with the model's level cut-offs. */
  const probabilityScale = (levelPrefix: string) => ({
    direction: 'higher' as const,
    probabilities: true,
    thresholds: [...model.thresholds],
    rule: (t: number) => `probabilité ≥ ${fmt(t, 3)}${levelNote(model.thresholds, t)}`,
    bands: RISK_LEVELS.map((l) => ({ label: `${levelPrefix} ${l} — ${RISK_LEVEL_LABELS[l]}`, test: (v: number) => levelOfProbability(v, model.thresholds) === l })),
  });

  components.push(
    evaluateComponent({
      key: 'sante',
      label: 'Composante 1 — dossier de santé',
      description: `Probabilité prédite par le modèle « ${model.label} » (version ${model.version}).`,
      values: probabilities,
      outcomes,
      ...probabilityScale('Niveau suggéré'),
    }),
  );

  const wai = known((r) => r.wai);
  components.push(
    evaluateComponent({
      key: 'wai',
      label: 'Composante 2 — auto-questionnaire (WAI)',
      description: 'Score total du Work Ability Index (7 à 49) : plus il est bas, plus la capacité de travail est faible.',
      direction: 'lower',
      ...wai,
      probabilities: false,
      // « WAI ≤ 27,5 » is « below 28 »: the upper bound of each category but the best.
      thresholds: WAI_BANDS.slice(1).map((b) => b.from - 0.5),
      rule: (t) => `WAI ≤ ${fmt(t)}`,
      bands: bandTests(WAI_BANDS),
    }),
  );

  const employeur = known((r) => r.employeur);
  components.push(
    evaluateComponent({
      key: 'employeur',
      label: "Composante 3 — évaluation par l'employeur",
      description: "Score du questionnaire employeur (0 à 100) : plus il est élevé, plus l'entreprise estime le risque de désinsertion élevé.",
      direction: 'higher',
      ...employeur,
      probabilities: false,
      thresholds: EMPLOYEUR_BANDS.slice(1).map((b) => b.from),
      rule: (t) => `score employeur ≥ ${fmt(t)}`,
      bands: bandTests(EMPLOYEUR_BANDS),
    }),
  );

  const level = known((r) => r.niveauFinal);
  if (level.values.length > 0) {
    components.push(
      evaluateComponent({
        key: 'niveau_final',
        label: 'Niveau final signé par le professionnel',
        description: 'Niveau 0 à 3 choisi et signé par le médecin du travail ou l’infirmier, après lecture de l’indice.',
        direction: 'higher',
        ...level,
        probabilities: false,
        thresholds: [1, 2, 3],
        rule: (t) => `niveau ≥ ${t}`,
        bands: RISK_LEVELS.map((l) => ({ label: `Niveau ${l} — ${RISK_LEVEL_LABELS[l]}`, test: (v: number) => v === l })),
      }),
    );
  }

  const combined = combineComponents(rows, probabilities);
  components.push(
    evaluateComponent({
      key: 'combine',
      label: 'Indice combiné',
      description: combined.crossValidated
        ? `Probabilité d'une régression logistique de l'issue sur les trois composantes (valeurs manquantes remplacées par la moyenne, avec un indicateur d'absence), prédite en validation croisée à ${COMBINED_FOLDS} blocs : chaque salarié est prédit par un modèle ajusté sans lui.`
        : "Probabilité d'une régression logistique de l'issue sur les trois composantes, ajustée et évaluée sur les mêmes salariés (cohorte trop petite pour une validation croisée : résultats optimistes).",
      values: combined.predictions,
      outcomes,
      ...probabilityScale('Niveau'),
    }),
  );
  if (!combined.crossValidated) warnings.push("L'indice combiné est évalué sur les salariés qui ont servi à l'ajuster : résultats optimistes.");

  return {
    generatedAt: o.generatedAt,
    cohort: {
      name: o.cohortName,
      n: rows.length,
      events,
      prevalence: wilson(events, rows.length),
      rejectedLines: o.rejectedLines ?? 0,
      withWai: wai.values.length,
      withEmployer: employeur.values.length,
      withLevel: level.values.length,
    },
    model: {
      id: model.id,
      version: model.version,
      label: model.label,
      validated: model.validated,
      source: model.source,
      thresholds: model.thresholds,
      calibratedOn: model.calibratedOn ?? null,
    },
    components,
    combined: combined.terms.length ? { terms: combined.terms, crossValidated: combined.crossValidated, folds: combined.crossValidated ? COMBINED_FOLDS : 1 } : null,
    warnings,
  };
}

function levelNote(thresholds: readonly number[], t: number): string {
  const i = thresholds.indexOf(t);
  return i >= 0 ? ` (niveau ${i + 1})` : '';
}

interface ComponentInput {
  key: ComponentKey;
  label: string;
  description: string;
  direction: 'higher' | 'lower';
  values: number[];
  outcomes: Outcome[];
  probabilities: boolean;
  /** Thresholds that always get a row (levels, category bounds), in the component's own unit. */
  thresholds: number[];
  rule: (t: number) => string;
  bands: { label: string; test: (v: number) => boolean }[];
}

/** Evaluates one score: higher risk scores flag first; for 'lower' components the risk score is −value. */
export function evaluateComponent(c: ComponentInput): ComponentEvaluation {
  const n = c.values.length;
  const events = c.outcomes.reduce<number>((s, v) => s + v, 0);
  const sign = c.direction === 'lower' ? -1 : 1;
  const risk = c.values.map((v) => sign * v);
  const notes: string[] = [];
  const bands = c.bands.map((b) => {
    const members = c.values.flatMap((v, i) => (b.test(v) ? [c.outcomes[i]] : []));
    return { label: b.label, observed: wilson(members.reduce<number>((s, v) => s + v, 0), members.length) };
  });
  const base = { key: c.key, label: c.label, description: c.description, direction: c.direction, n, events, bands, notes };
  if (n < MIN_COMPONENT_ROWS || events === 0 || events === n) {
    notes.push(
      n < MIN_COMPONENT_ROWS
        ? `Pas évaluée : ${n} salarié(s) avec cette donnée (il en faut au moins ${MIN_COMPONENT_ROWS}).`
        : 'Pas évaluée : il faut des salariés avec et sans désinsertion parmi ceux qui ont cette donnée.',
    );
    return { ...base, auc: null, roc: [], thresholds: [], calibration: null };
  }
  const cuts = [...new Set([...c.thresholds, ...candidateThresholds(c.values)])].sort((a, b) => sign * (a - b));
  const rows = thresholdTable(
    risk,
    c.outcomes,
    cuts.map((t) => sign * t),
  ).map((r) => ({ ...r, threshold: sign * r.threshold, rule: c.rule(sign * r.threshold) }));
  return {
    ...base,
    auc: auc(risk, c.outcomes),
    roc: thinCurve(rocCurve(risk, c.outcomes)).map((p) => ({ fpr: p.fpr, tpr: p.tpr, threshold: Number.isFinite(p.threshold) ? sign * p.threshold : null })),
    thresholds: rows,
    calibration: c.probabilities ? calibrationTable(c.values, c.outcomes, CALIBRATION_GROUPS) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// The combined index
// ---------------------------------------------------------------------------------------------

interface Design {
  names: { name: string; label: string }[];
  x: number[][];
}

/**
 * Design of the combined model: logit of the health probability, and for WAI and employer
 * (when at least MIN_COMPONENT_ROWS workers have them) the centred value per 10 points with an
 * indicator of absence (mean imputation with indicator: a missing questionnaire may itself carry risk).
 */
function combinedDesign(rows: readonly CohortRow[], probabilities: readonly number[]): Design {
  const names = [{ name: 'logit_sante', label: 'Composante dossier de santé (log-odds)' }];
  const columns: number[][] = [probabilities.map((p) => logit(p))];
  const add = (key: 'wai' | 'employeur', label: string, sign: number) => {
    const present = rows.filter((r) => r[key] !== null).map((r) => r[key]!);
    if (present.length < MIN_COMPONENT_ROWS) return;
    const mean = present.reduce((s, v) => s + v, 0) / present.length;
    names.push({ name: `${key}_10pts`, label });
    columns.push(rows.map((r) => (r[key] === null ? 0 : (sign * (r[key]! - mean)) / 10)));
    if (present.length < rows.length) {
      names.push({ name: `${key}_absent`, label: `${key === 'wai' ? 'WAI' : 'Questionnaire employeur'} non renseigné` });
      columns.push(rows.map((r) => (r[key] === null ? 1 : 0)));
    }
  };
  add('wai', 'WAI, par 10 points de moins', -1);
  add('employeur', 'Score employeur, par 10 points de plus', 1);
  return { names, x: rows.map((_, i) => columns.map((col) => col[i])) };
}

function combineComponents(rows: readonly CohortRow[], probabilities: readonly number[]) {
  const y = rows.map((r) => r.issue);
  const events = y.reduce<number>((s, v) => s + v, 0);
  if (rows.length < MIN_COMPONENT_ROWS || events === 0 || events === rows.length) {
    return { predictions: [...probabilities], terms: [] as CombinedTerm[], crossValidated: false };
  }
  const d = combinedDesign(rows, probabilities);
  const full = fitLogistic(d.x, y);
  const terms = d.names.map((t, j) => {
    const b = full.coefficients[j];
    const se = full.standardErrors[j + 1];
    return { ...t, coefficient: b, oddsRatio: Math.exp(b), lower: Math.exp(b - Z95 * se), upper: Math.exp(b + Z95 * se) };
  });
  if (rows.length < MIN_CROSS_VALIDATION_ROWS) {
    return { predictions: d.x.map((r) => predictLogistic(full, r)), terms, crossValidated: false };
  }
  // Stratified folds: cases and non-cases dealt in turn, in file order (deterministic).
  const fold = new Array<number>(rows.length);
  let c = 0;
  let nc = 0;
  y.forEach((v, i) => (fold[i] = v === 1 ? c++ % COMBINED_FOLDS : nc++ % COMBINED_FOLDS));
  const predictions = new Array<number>(rows.length);
  for (let f = 0; f < COMBINED_FOLDS; f++) {
    const train = rows.map((_, i) => i).filter((i) => fold[i] !== f);
    const fit = fitLogistic(
      train.map((i) => d.x[i]),
      train.map((i) => y[i]),
    );
    rows.forEach((_, i) => {
      if (fold[i] === f) predictions[i] = predictLogistic(fit, d.x[i]);
    });
  }
  return { predictions, terms, crossValidated: true };
}
