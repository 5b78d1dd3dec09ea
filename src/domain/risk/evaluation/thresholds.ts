/**
 * Sensitivity, specificity, PPV and NPV of « score ≥ threshold » with Wilson 95 % intervals.
 * PPV and NPV depend on the prevalence of the cohort: they hold for a population like it.
 */
import type { Outcome } from './roc';
import { quantileSorted, wilson, type Proportion } from './stats';

export interface ThresholdRow {
  threshold: number;
  /** Workers flagged (score ≥ threshold). */
  flagged: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  sensitivity: Proportion;
  specificity: Proportion;
  ppv: Proportion;
  npv: Proportion;
}

/** One row per threshold, in the order given. */
export function thresholdTable(scores: readonly number[], outcomes: readonly Outcome[], thresholds: readonly number[]): ThresholdRow[] {
  if (scores.length !== outcomes.length) throw new RangeError('scores and outcomes differ in length');
  return thresholds.map((t) => {
    let tp = 0;
    let fp = 0;
    let tn = 0;
    let fn = 0;
    for (let i = 0; i < scores.length; i++) {
      const flagged = scores[i] >= t;
      if (outcomes[i] === 1) flagged ? tp++ : fn++;
      else flagged ? fp++ : tn++;
    }
    return {
      threshold: t,
      flagged: tp + fp,
      tp,
      fp,
      tn,
      fn,
      sensitivity: wilson(tp, tp + fn),
      specificity: wilson(tn, tn + fp),
      ppv: wilson(tp, tp + fp),
      npv: wilson(tn, tn + fn),
    };
  });
}

/**
 * Thresholds worth tabulating: every distinct score when there are at most `max` of them
 * (levels, questionnaire totals), else the scores at `max` evenly spaced quantiles — each
 * snapped to an observed score so that the row describes a real cut. Ascending.
 */
export function candidateThresholds(scores: readonly number[], max = 12): number[] {
  const distinct = [...new Set(scores)].sort((a, b) => a - b);
  if (distinct.length <= max) return distinct;
  const sorted = [...scores].sort((a, b) => a - b);
  const picked = new Set<number>();
  for (let i = 1; i <= max; i++) {
    const q = quantileSorted(sorted, (i - 0.5) / max);
    // Snap up to the nearest observed value.
    picked.add(distinct.find((d) => d >= q) ?? distinct[distinct.length - 1]);
  }
  return [...picked].sort((a, b) => a - b);
}
