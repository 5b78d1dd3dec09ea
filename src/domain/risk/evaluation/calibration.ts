/**
 * Calibration of predicted probabilities: groups of workers by predicted risk (deciles),
 * predicted against observed rates with Wilson intervals, and the Hosmer–Lemeshow statistic
 * (Hosmer & Lemeshow 1980: Σ (O − E)² / (E (1 − E/n)) over the groups, χ² with g − 2 degrees
 * of freedom). A small p-value says the probabilities are off; a large one proves nothing on a
 * small cohort.
 */
import type { Outcome } from './roc';
import { chiSquareSurvival, wilson, type Proportion } from './stats';

export interface CalibrationGroup {
  /** 1-based group number, from the lowest predicted risk. */
  group: number;
  n: number;
  minPredicted: number;
  maxPredicted: number;
  meanPredicted: number;
  /** Expected events: sum of the predicted probabilities. */
  expected: number;
  observed: Proportion;
}

export interface CalibrationResult {
  groups: CalibrationGroup[];
  hosmerLemeshow: { statistic: number; df: number; pValue: number } | null;
  /** Calibration-in-the-large: observed events / expected events (1 = right on average). */
  observedExpectedRatio: number | null;
}

/**
 * Sorts by predicted probability and cuts into `groups` groups of (nearly) equal size; workers
 * with the same predicted probability stay in the same group, so a group may be larger and
 * there may be fewer groups than asked when predictions take few values.
 */
export function calibrationTable(probabilities: readonly number[], outcomes: readonly Outcome[], groups = 10): CalibrationResult {
  if (probabilities.length !== outcomes.length) throw new RangeError('probabilities and outcomes differ in length');
  if (probabilities.some((p) => !(p >= 0 && p <= 1))) throw new RangeError('probabilities must lie in [0, 1]');
  const n = probabilities.length;
  const order = probabilities.map((_, i) => i).sort((a, b) => probabilities[a] - probabilities[b]);
  const result: CalibrationGroup[] = [];
  let start = 0;
  for (let g = 1; g <= groups && start < n; g++) {
    let end = g === groups ? n : Math.max(start + 1, Math.round((g * n) / groups));
    while (end < n && probabilities[order[end]] === probabilities[order[end - 1]]) end++;
    const members = order.slice(start, end);
    const expected = members.reduce((s, i) => s + probabilities[i], 0);
    const events = members.reduce((s, i) => s + outcomes[i], 0);
    result.push({
      group: result.length + 1,
      n: members.length,
      minPredicted: probabilities[members[0]],
      maxPredicted: probabilities[members[members.length - 1]],
      meanPredicted: expected / members.length,
      expected,
      observed: wilson(events, members.length),
    });
    start = end;
  }
  let statistic = 0;
  for (const g of result) {
    const v = g.expected * (1 - g.expected / g.n);
    if (v > 0) statistic += (g.observed.count - g.expected) ** 2 / v;
  }
  const df = result.length - 2;
  const totalExpected = result.reduce((s, g) => s + g.expected, 0);
  const totalObserved = result.reduce((s, g) => s + g.observed.count, 0);
  return {
    groups: result,
    hosmerLemeshow: df > 0 ? { statistic, df, pValue: chiSquareSurvival(statistic, df) } : null,
    observedExpectedRatio: totalExpected > 0 ? totalObserved / totalExpected : null,
  };
}
