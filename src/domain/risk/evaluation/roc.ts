/**
 * ROC curve, area under it and its DeLong confidence interval. Scores are risk scores: the
 * higher, the more the index predicts an issue (désinsertion); a worker is « positive » at
 * threshold t when score ≥ t. Ties count one half (the trapezoid through tied scores), so the
 * AUC equals the Mann–Whitney probability P(score of a case > score of a non-case) + ½ P(equal).
 */
import { Z95 } from './stats';

export type Outcome = 0 | 1;

export interface RocPoint {
  /** Smallest score counted positive at this point (Infinity for the (0, 0) corner). */
  threshold: number;
  /** 1 − specificity. */
  fpr: number;
  /** Sensitivity. */
  tpr: number;
}

export interface AucEstimate {
  estimate: number;
  /** DeLong standard error (DeLong, DeLong & Clarke-Pearson 1988). */
  se: number;
  lower: number;
  upper: number;
}

/** Points from (0, 0) to (1, 1), one per distinct score, highest threshold first. */
export function rocCurve(scores: readonly number[], outcomes: readonly Outcome[]): RocPoint[] {
  checkShapes(scores, outcomes);
  const positives = outcomes.reduce<number>((s, o) => s + o, 0);
  const negatives = outcomes.length - positives;
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const points: RocPoint[] = [{ threshold: Infinity, fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; ) {
    const t = scores[order[k]];
    while (k < order.length && scores[order[k]] === t) {
      if (outcomes[order[k]] === 1) tp++;
      else fp++;
      k++;
    }
    points.push({ threshold: t, fpr: negatives ? fp / negatives : 0, tpr: positives ? tp / positives : 0 });
  }
  return points;
}

/** Area under the ROC curve with its DeLong 95 % interval; null without both cases and non-cases. */
export function auc(scores: readonly number[], outcomes: readonly Outcome[], z = Z95): AucEstimate | null {
  checkShapes(scores, outcomes);
  const pos: number[] = [];
  const neg: number[] = [];
  scores.forEach((s, i) => (outcomes[i] === 1 ? pos : neg).push(s));
  const m = pos.length;
  const n = neg.length;
  if (m === 0 || n === 0) return null;
  const negSorted = [...neg].sort((a, b) => a - b);
  const posSorted = [...pos].sort((a, b) => a - b);
  // Placement values: V10 of a case = share of non-cases it outranks (ties ½); V01 likewise.
  const v10 = pos.map((s) => (countBelow(negSorted, s) + countEqual(negSorted, s) / 2) / n);
  const v01 = neg.map((s) => (m - countBelow(posSorted, s) - countEqual(posSorted, s) + countEqual(posSorted, s) / 2) / m);
  const estimate = v10.reduce((a, b) => a + b, 0) / m;
  const variance = (values: number[]) => {
    if (values.length < 2) return 0;
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  };
  const se = Math.sqrt(variance(v10) / m + variance(v01) / n);
  return { estimate, se, lower: Math.max(0, estimate - z * se), upper: Math.min(1, estimate + z * se) };
}

/** Area under a polyline of ROC points by trapezoids (equals `auc().estimate` on `rocCurve()`). */
export function trapezoidArea(points: readonly RocPoint[]): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) area += ((points[i].fpr - points[i - 1].fpr) * (points[i].tpr + points[i - 1].tpr)) / 2;
  return area;
}

/** At most `max` points of a curve for drawing, keeping both ends and the shape. */
export function thinCurve(points: readonly RocPoint[], max = 200): RocPoint[] {
  if (points.length <= max) return [...points];
  const out: RocPoint[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)]);
  return out;
}

/** Number of values strictly below `v` (binary search). */
function countBelow(sorted: readonly number[], v: number): number {
  return bound(sorted, (x) => x < v);
}

function countEqual(sorted: readonly number[], v: number): number {
  return bound(sorted, (x) => x <= v) - countBelow(sorted, v);
}

/** First index where `before` turns false, on a sorted array where it is true then false. */
function bound(sorted: readonly number[], before: (x: number) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(sorted[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkShapes(scores: readonly number[], outcomes: readonly Outcome[]) {
  if (scores.length !== outcomes.length) throw new RangeError('scores and outcomes differ in length');
  if (scores.some((s) => !Number.isFinite(s))) throw new RangeError('scores must be finite');
}
