/**
 * Small statistical helpers of the index evaluation (IGAS recommendation 17): proportions with
 * Wilson intervals, the chi-square survival function for the Hosmer–Lemeshow test, the logistic
 * link. Pure and deterministic.
 */

/** Two-sided 95 % normal quantile (Φ⁻¹(0.975)). */
export const Z95 = 1.959963984540054;

/** A proportion with its 95 % interval; all null when the denominator is 0. */
export interface Proportion {
  count: number;
  total: number;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * Wilson score interval (Wilson 1927; Newcombe 1998 method 3): stays inside [0, 1] and behaves
 * at 0 and at n, unlike the Wald interval, which matters for the small cells of a threshold table.
 */
export function wilson(count: number, total: number, z = Z95): Proportion {
  if (total <= 0) return { count, total, estimate: null, lower: null, upper: null };
  const p = count / total;
  const z2 = z * z;
  const denom = 1 + z2 / total;
  const centre = (p + z2 / (2 * total)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / denom;
  // At 0 and at n the exact bound is 0 (resp. 1); rounding would leave 1e-17 (resp. 0.9999999999999999).
  return { count, total, estimate: p, lower: count === 0 ? 0 : Math.max(0, centre - half), upper: count === total ? 1 : Math.min(1, centre + half) };
}

export const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** log(p / (1 − p)), with p kept away from 0 and 1 so that a certain prediction stays finite. */
export function logit(p: number, eps = 1e-9): number {
  const q = Math.min(1 - eps, Math.max(eps, p));
  return Math.log(q / (1 - q));
}

/** ln Γ(x) for x > 0 (Lanczos approximation of Numerical Recipes, 3rd ed., §6.1: ~15 digits). */
const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4, 0.465236289270485756e-4,
  -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3, 0.217439618115212643e-3, -0.16431810653676389e-3,
  0.844182239838527433e-4, -0.261908384015814087e-4, 0.368991826595316234e-5,
];
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError('logGamma needs x > 0');
  let y = x;
  const t = x + 5.2421875;
  const head = (x + 0.5) * Math.log(t) - t;
  let ser = 0.999999999999997092;
  for (const c of LANCZOS) ser += c / ++y;
  return head + Math.log((2.5066282746310005 * ser) / x);
}

/** Regularised upper incomplete gamma Q(a, x) (series below a + 1, continued fraction above). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lg = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * Math.exp(-x + a * Math.log(x) - lg));
  }
  // Lentz's continued fraction.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.min(1, Math.exp(-x + a * Math.log(x) - lg) * h);
}

/** P(X ≥ x) for X ~ χ²(df): the p-value of a chi-square statistic. */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError('df must be positive');
  if (!(x > 0)) return 1;
  if (x === Infinity) return 0;
  return gammaQ(df / 2, x / 2);
}

/** Quantile of sorted values by linear interpolation (type 7, as R's default). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('empty');
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
