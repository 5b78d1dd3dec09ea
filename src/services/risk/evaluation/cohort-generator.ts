/**
 * A synthetic labelled cohort (`maintien risk gen-cohort`) so that anyone can run the
 * calibration and the evaluation without real data. Workers of a PDP cell's caseload are drawn
 * with plausible frequencies; the outcome at 12 months follows a HIDDEN logistic relation that
 * differs from the default model's expert coefficients (so calibration has something to find),
 * plus an unobserved frailty that the WAI and the signed level partly see (so they add
 * information to the health record) and a company effect that the employer score sees.
 * Deterministic: same seed, same file. Not real data, not realistic enough to draw conclusions.
 */
import { HEALTH_FEATURE_NAMES } from '../../../domain/risk/health-model';
import type { CohortRow } from '../../../domain/risk/evaluation/cohort';
import { sigmoid } from '../../../domain/risk/evaluation/stats';
import type { RiskLevel } from '../../../domain/risk/levels';
import { mulberry32, type Rng } from '../../../domain/random/prng';

/** The hidden truth (log-odds). Documented in docs/risk-evaluation.md. */
export const HIDDEN_INTERCEPT = -3.5;
export const HIDDEN_COEFFICIENTS: Readonly<Record<string, number>> = Object.freeze({
  sexe_femme: 0,
  age_moins_30: -0.4,
  age_45_54: 0.35,
  age_55_plus: 0.9,
  csp_ouvrier: 0.6,
  csp_employe: 0.25,
  cim_f: 1.2,
  cim_m: 0.8,
  cim_autre: 0.2,
  arret_90_179j: 0.7,
  arret_180j_plus: 1.4,
  arrets_repetes: 0.5,
  at_mp: 0.3,
  ald: 0.6,
  exposition_port_charges: 0.35,
  exposition_postures: 0.2,
  exposition_psychosociale: 0.3,
  exposition_nuit: 0.1,
});
/** Standard deviation of the unobserved frailty and of the company effect (log-odds). */
export const HIDDEN_FRAILTY_SD = 1.0;
export const HIDDEN_COMPANY_SD = 0.5;
/** Share of workers without a WAI, without an employer score, without a signed level. */
export const MISSING_WAI = 0.25;
export const MISSING_EMPLOYEUR = 0.35;
export const MISSING_NIVEAU = 0.4;

export interface GenerateCohortOptions {
  workers: number;
  seed: number;
}

function normal(rng: Rng): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Generates the cohort rows (line numbers as in the CSV file: header = 1). */
export function generateCohort(o: GenerateCohortOptions): CohortRow[] {
  const rng = mulberry32(o.seed);
  // About 40 workers per company, so that the employer score varies between companies.
  const companies = Array.from({ length: Math.max(1, Math.ceil(o.workers / 40)) }, () => ({ effect: normal(rng) * HIDDEN_COMPANY_SD, manual: rng.chance(0.5) }));
  const rows: CohortRow[] = [];
  for (let i = 0; i < o.workers; i++) {
    const company = rng.pick(companies);
    const f: Record<string, number> = Object.fromEntries(HEALTH_FEATURE_NAMES.map((n) => [n, 0]));
    f.sexe_femme = rng.chance(0.48) ? 1 : 0;
    const age = rng.weighted(['moins_30', '30_44', '45_54', '55_plus'], [0.15, 0.35, 0.28, 0.22]);
    if (age !== '30_44') f[`age_${age}`] = 1;
    const csp = rng.weighted(['ouvrier', 'employe', 'autre'], company.manual ? [0.55, 0.25, 0.2] : [0.15, 0.45, 0.4]);
    if (csp !== 'autre') f[`csp_${csp}`] = 1;
    const cim = rng.weighted(['f', 'm', 'autre', 'aucun'], [0.25, 0.35, 0.25, 0.15]);
    if (cim !== 'aucun') f[`cim_${cim}`] = 1;
    const arret = rng.weighted(['court', '90_179j', '180j_plus'], [0.5, 0.27, 0.23]);
    if (arret !== 'court') f[`arret_${arret}`] = 1;
    f.arrets_repetes = rng.chance(0.18) ? 1 : 0;
    f.at_mp = rng.chance(csp === 'ouvrier' ? 0.25 : 0.08) ? 1 : 0;
    f.ald = rng.chance(cim === 'aucun' ? 0.05 : 0.18) ? 1 : 0;
    f.exposition_port_charges = rng.chance(csp === 'ouvrier' ? 0.55 : 0.12) ? 1 : 0;
    f.exposition_postures = rng.chance(csp === 'ouvrier' ? 0.5 : 0.2) ? 1 : 0;
    f.exposition_psychosociale = rng.chance(csp === 'employe' ? 0.4 : 0.2) ? 1 : 0;
    f.exposition_nuit = rng.chance(0.12) ? 1 : 0;

    const frailty = normal(rng) * HIDDEN_FRAILTY_SD;
    let eta = HIDDEN_INTERCEPT + frailty + company.effect;
    for (const n of HEALTH_FEATURE_NAMES) eta += (HIDDEN_COEFFICIENTS[n] ?? 0) * f[n];
    const issue = rng.chance(sigmoid(eta)) ? 1 : 0;

    // The WAI sees the frailty and the pathology, with noise; totals move by half points.
    const waiRaw = 36 - 4.5 * frailty - 3 * (f.cim_f + f.cim_m) - 2 * f.arret_180j_plus + normal(rng) * 4;
    const wai = rng.chance(MISSING_WAI) ? null : Math.round(clamp(waiRaw, 7, 49) * 2) / 2;
    // The employer sees its company (effect, manual work) and the worker's exposures, roughly.
    const empRaw = 35 + 30 * company.effect + (company.manual ? 10 : 0) + 8 * (f.exposition_port_charges + f.exposition_postures) + normal(rng) * 10;
    const employeur = rng.chance(MISSING_EMPLOYEUR) ? null : Math.round(clamp(empRaw, 0, 100));
    // The professional reads everything, including some of the frailty.
    const judged = eta - company.effect * 0.5 + normal(rng) * 0.8;
    const niveauFinal: RiskLevel | null = rng.chance(MISSING_NIVEAU) ? null : judged >= -0.5 ? 3 : judged >= -1.5 ? 2 : judged >= -2.5 ? 1 : 0;
    rows.push({ line: i + 2, features: f, wai, employeur, niveauFinal, issue });
  }
  return rows;
}
