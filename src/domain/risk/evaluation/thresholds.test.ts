import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Outcome } from './roc';
import { candidateThresholds, thresholdTable } from './thresholds';

describe('thresholdTable', () => {
  it('counts a worker at the threshold as flagged (score ≥ threshold), both sides', () => {
    const [at, above] = thresholdTable([2, 1, 3], [1, 0, 0], [2, 2.001]);
    expect(at).toMatchObject({ tp: 1, fp: 1, tn: 1, fn: 0, flagged: 2 });
    expect(at.sensitivity.estimate).toBe(1);
    expect(at.specificity.estimate).toBe(0.5);
    expect(at.ppv.estimate).toBe(0.5);
    expect(at.npv.estimate).toBe(1);
    expect(above).toMatchObject({ tp: 0, fp: 1, tn: 1, fn: 1, flagged: 1 });
  });

  it('has no PPV when nobody is flagged', () => {
    const [r] = thresholdTable([1, 2], [1, 0], [10]);
    expect(r.ppv.estimate).toBeNull();
    expect(r.sensitivity.estimate).toBe(0);
  });

  it('adds up, and sensitivity never rises with the threshold (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom<Outcome>(0, 1)), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: -5, max: 35 }), { minLength: 1, maxLength: 10 }),
        (data, cuts) => {
          const scores = data.map(([s]) => s);
          const outcomes = data.map(([, o]) => o);
          const positives = outcomes.filter((o) => o === 1).length;
          const sorted = [...cuts].sort((a, b) => a - b);
          const rows = thresholdTable(scores, outcomes, sorted);
          rows.forEach((r, i) => {
            expect(r.tp + r.fp + r.tn + r.fn).toBe(data.length);
            expect(r.tp + r.fn).toBe(positives);
            expect(r.flagged).toBe(scores.filter((s) => s >= sorted[i]).length);
            if (i > 0) {
              expect(r.tp).toBeLessThanOrEqual(rows[i - 1].tp);
              expect(r.tn).toBeGreaterThanOrEqual(rows[i - 1].tn);
            }
          });
        },
      ),
    );
  });
});

describe('candidateThresholds', () => {
  it('keeps every distinct score when there are few', () => {
    expect(candidateThresholds([3, 1, 2, 3, 0], 12)).toEqual([0, 1, 2, 3]);
  });
  it('takes at most `max` observed scores otherwise, ascending', () => {
    const scores = Array.from({ length: 500 }, (_, i) => (i * 7919) % 1000);
    const t = candidateThresholds(scores, 10);
    expect(t.length).toBeLessThanOrEqual(10);
    expect(t.length).toBeGreaterThan(5);
    expect([...t].sort((a, b) => a - b)).toEqual(t);
    for (const v of t) expect(scores).toContain(v);
  });
});
