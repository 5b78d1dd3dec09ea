import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random/prng';
import { auc, rocCurve, thinCurve, trapezoidArea, type Outcome } from './roc';

const outcomesArb = fc.array(fc.tuple(fc.integer({ min: -20, max: 20 }), fc.constantFrom<Outcome>(0, 1)), { minLength: 1, maxLength: 80 });

describe('auc', () => {
  it('is 1 under perfect separation and 0 when reversed', () => {
    expect(auc([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])!.estimate).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])!.estimate).toBe(0);
    const perfect = auc([3, 4, 1, 2], [1, 1, 0, 0])!;
    expect(perfect.se).toBe(0);
    expect([perfect.lower, perfect.upper]).toEqual([1, 1]);
  });

  it('counts ties one half', () => {
    expect(auc([5, 5, 5, 5], [1, 0, 1, 0])!.estimate).toBe(0.5);
    // Cases 3, 2, 2 against non-cases 2, 1: pairs 1 + 1 + ½ + 1 + ½ + 1 = 5 of 6.
    expect(auc([3, 2, 2, 2, 1], [1, 1, 1, 0, 0])!.estimate).toBeCloseTo(5 / 6, 12);
  });

  it('gives the DeLong standard error computed by hand', () => {
    // V10 = (1, ½), V01 = (½, 1): variances ⅛ each, over 2 and 2 → SE = √(1/8).
    const a = auc([0.9, 0.4, 0.5, 0.1], [1, 1, 0, 0])!;
    expect(a.estimate).toBe(0.75);
    expect(a.se).toBeCloseTo(Math.sqrt(1 / 8), 12);
    expect(a.lower).toBeCloseTo(0.75 - 1.959963984540054 * Math.sqrt(1 / 8), 12);
    expect(a.upper).toBe(1);
  });

  it('is about ½ for a score unrelated to the outcome, with the half inside its interval', () => {
    const rng = mulberry32(7);
    const scores = Array.from({ length: 4000 }, () => rng.next());
    const outcomes = scores.map(() => (rng.chance(0.3) ? 1 : 0) as Outcome);
    const a = auc(scores, outcomes)!;
    expect(Math.abs(a.estimate - 0.5)).toBeLessThan(0.03);
    expect(a.lower).toBeLessThan(0.5);
    expect(a.upper).toBeGreaterThan(0.5);
  });

  it('is null without cases or without non-cases', () => {
    expect(auc([1, 2], [0, 0])).toBeNull();
    expect(auc([1, 2], [1, 1])).toBeNull();
  });

  it('lies in [0, 1], reverses with the score, ignores monotone transforms, equals the trapezoids (property)', () => {
    fc.assert(
      fc.property(outcomesArb, (data) => {
        const scores = data.map(([s]) => s);
        const outcomes = data.map(([, o]) => o);
        const a = auc(scores, outcomes);
        if (a === null) return;
        expect(a.estimate).toBeGreaterThanOrEqual(0);
        expect(a.estimate).toBeLessThanOrEqual(1);
        expect(a.lower).toBeLessThanOrEqual(a.estimate);
        expect(a.upper).toBeGreaterThanOrEqual(a.estimate);
        expect(auc(scores.map((s) => -s), outcomes)!.estimate).toBeCloseTo(1 - a.estimate, 12);
        expect(auc(scores.map((s) => Math.exp(s / 4)), outcomes)!.estimate).toBeCloseTo(a.estimate, 12);
        expect(trapezoidArea(rocCurve(scores, outcomes))).toBeCloseTo(a.estimate, 12);
      }),
    );
  });
});

describe('rocCurve', () => {
  it('goes from (0, 0) to (1, 1), one point per distinct score, never backwards (property)', () => {
    fc.assert(
      fc.property(outcomesArb, (data) => {
        const scores = data.map(([s]) => s);
        const pts = rocCurve(
          scores,
          data.map(([, o]) => o),
        );
        expect(pts[0]).toMatchObject({ fpr: 0, tpr: 0 });
        expect(pts.length).toBe(new Set(scores).size + 1);
        const hasPos = data.some(([, o]) => o === 1);
        const hasNeg = data.some(([, o]) => o === 0);
        expect(pts[pts.length - 1]).toMatchObject({ fpr: hasNeg ? 1 : 0, tpr: hasPos ? 1 : 0 });
        for (let i = 1; i < pts.length; i++) {
          expect(pts[i].fpr).toBeGreaterThanOrEqual(pts[i - 1].fpr);
          expect(pts[i].tpr).toBeGreaterThanOrEqual(pts[i - 1].tpr);
          expect(pts[i].threshold).toBeLessThan(pts[i - 1].threshold);
        }
      }),
    );
  });

  it('thins a long curve but keeps both ends', () => {
    const pts = rocCurve(
      Array.from({ length: 1000 }, (_, i) => i),
      Array.from({ length: 1000 }, (_, i) => (i % 3 === 0 ? 1 : 0) as Outcome),
    );
    const thin = thinCurve(pts, 50);
    expect(thin).toHaveLength(50);
    expect(thin[0]).toBe(pts[0]);
    expect(thin[49]).toBe(pts[pts.length - 1]);
  });
});
