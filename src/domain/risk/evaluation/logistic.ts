/**
 * Logistic regression by Newton–Raphson (iteratively reweighted least squares) with a small
 * ridge (L2) penalty on the slopes, never on the intercept. The penalty keeps the estimates
 * finite when a feature separates the outcome perfectly (a rare CIM chapter with only events),
 * which plain maximum likelihood cannot. Deterministic: same data, same coefficients.
 */
import { sigmoid } from './stats';

export interface LogisticOptions {
  /** Ridge penalty λ: the penalised log-likelihood is ℓ(β) − λ/2 · Σ βⱼ² (slopes only). */
  l2?: number;
  maxIterations?: number;
  /** Stops when the largest change of a coefficient is below this. */
  tolerance?: number;
}

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  /** Standard errors from the inverse of the penalised information matrix (intercept first). */
  standardErrors: number[];
  iterations: number;
  converged: boolean;
  /** Unpenalised log-likelihood at the estimate. */
  logLikelihood: number;
}

/** Default penalty: small next to the information of a few hundred workers. */
export const DEFAULT_L2 = 0.1;

/**
 * Fits P(y = 1 | x) = σ(β₀ + Σ βⱼ xⱼ). `x` is row-major (n × p), `y` holds 0/1.
 * Throws a RangeError on inconsistent shapes (callers validate their input first).
 */
export function fitLogistic(x: readonly (readonly number[])[], y: readonly number[], opts: LogisticOptions = {}): LogisticFit {
  const n = y.length;
  if (x.length !== n) throw new RangeError('x and y differ in length');
  if (n === 0) throw new RangeError('no observation');
  const p = x[0].length;
  const k = p + 1;
  const l2 = opts.l2 ?? DEFAULT_L2;
  const maxIterations = opts.maxIterations ?? 100;
  const tolerance = opts.tolerance ?? 1e-9;
  const beta = new Array<number>(k).fill(0);
  // Start the intercept at the observed log-odds: fewer iterations, same optimum.
  const events = y.reduce((s, v) => s + v, 0);
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, events / n));
  beta[0] = Math.log(rate / (1 - rate));

  // Rows with a leading 1 for the intercept, as typed arrays: the loops below are the hot path.
  const rows = x.map((r) => Float64Array.from([1, ...r]));
  const penalised = (b: readonly number[]) => logLikelihood(rows, y, b) - (l2 / 2) * b.reduce((s, v, j) => (j === 0 ? s : s + v * v), 0);

  let converged = false;
  let iterations = 0;
  let hessian: number[][] = [];
  let current = penalised(beta);
  for (; iterations < maxIterations; iterations++) {
    const grad = new Float64Array(k);
    const h = new Float64Array(k * k);
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      let eta = 0;
      for (let j = 0; j < k; j++) eta += beta[j] * r[j];
      const mu = sigmoid(eta);
      const w = mu * (1 - mu);
      const res = y[i] - mu;
      for (let a = 0; a < k; a++) {
        const xa = r[a];
        if (xa === 0) continue;
        grad[a] += xa * res;
        const wa = w * xa;
        const base = a * k;
        for (let b = a; b < k; b++) h[base + b] += wa * r[b];
      }
    }
    hessian = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (__, b) => (a <= b ? h[a * k + b] : h[b * k + a])));
    const g = Array.from(grad);
    for (let j = 1; j < k; j++) {
      g[j] -= l2 * beta[j];
      hessian[j][j] += l2;
    }
    const step = solveSymmetric(hessian, g);
    // Step halving keeps each iteration an ascent of the penalised likelihood.
    let scale = 1;
    let next = beta.map((b, j) => b + step[j]);
    let value = penalised(next);
    while (value < current - 1e-12 && scale > 1e-6) {
      scale /= 2;
      next = beta.map((b, j) => b + scale * step[j]);
      value = penalised(next);
    }
    const change = Math.max(...step.map((st) => Math.abs(st * scale)));
    for (let j = 0; j < k; j++) beta[j] = next[j];
    current = value;
    if (change < tolerance) {
      converged = true;
      iterations++;
      break;
    }
  }
  const inverse = invertSymmetric(hessian);
  return {
    intercept: beta[0],
    coefficients: beta.slice(1),
    standardErrors: inverse.map((r, j) => Math.sqrt(Math.max(0, r[j]))),
    iterations,
    converged,
    logLikelihood: logLikelihood(rows, y, beta),
  };
}

/** σ(β₀ + β·x) for one row. */
export function predictLogistic(fit: Pick<LogisticFit, 'intercept' | 'coefficients'>, row: readonly number[]): number {
  let eta = fit.intercept;
  for (let j = 0; j < row.length; j++) eta += fit.coefficients[j] * row[j];
  return sigmoid(eta);
}

function logLikelihood(rows: readonly Float64Array[], y: readonly number[], beta: readonly number[]): number {
  let ll = 0;
  for (let i = 0; i < y.length; i++) {
    const r = rows[i];
    let eta = 0;
    for (let j = 0; j < beta.length; j++) eta += beta[j] * r[j];
    // log(1 + e^η) computed without overflow.
    const log1pExp = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    ll += y[i] * eta - log1pExp;
  }
  return ll;
}

/** Cholesky factor L (lower) of a symmetric positive-definite matrix; a tiny jitter rescues near-singular ones. */
function cholesky(a: readonly (readonly number[])[]): number[][] {
  const k = a.length;
  for (let jitter = 0; ; jitter = jitter === 0 ? 1e-10 : jitter * 100) {
    const l = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    let ok = true;
    for (let i = 0; i < k && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = a[i][j] + (i === j ? jitter : 0);
        for (let m = 0; m < j; m++) s -= l[i][m] * l[j][m];
        if (i === j) {
          if (!(s > 0)) {
            ok = false;
            break;
          }
          l[i][i] = Math.sqrt(s);
        } else l[i][j] = s / l[j][j];
      }
    }
    if (ok) return l;
    if (jitter > 1) throw new RangeError('matrix is not positive definite');
  }
}

function solveWith(l: number[][], b: readonly number[]): number[] {
  const k = l.length;
  const z = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let m = 0; m < i; m++) s -= l[i][m] * z[m];
    z[i] = s / l[i][i];
  }
  const out = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i];
    for (let m = i + 1; m < k; m++) s -= l[m][i] * out[m];
    out[i] = s / l[i][i];
  }
  return out;
}

/** Solves A·s = b for a symmetric positive-definite A. */
export function solveSymmetric(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  return solveWith(cholesky(a), b);
}

function invertSymmetric(a: readonly (readonly number[])[]): number[][] {
  const l = cholesky(a);
  return a.map((_, j) => solveWith(l, a.map((__, i) => (i === j ? 1 : 0))));
}
