import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrationTable } from './calibration';
import type { Outcome } from './roc';

const group = (p: number, n: number, events: number) => ({
  p: Array.from({ length: n }, () => p),
  y: Array.from({ length: n }, (_, i) => (i < events ? 1 : 0) as Outcome),
});

describe('calibrationTable', () => {
  it('computes the Hosmer–Lemeshow statistic by hand', () => {
    // Three groups of 10 at 0.1, 0.5, 0.9 with 3, 5, 9 events: only the first is off,
    // (3 − 1)² / (1 × 0.9) = 4.444…, 1 degree of freedom.
    const gs = [group(0.1, 10, 3), group(0.5, 10, 5), group(0.9, 10, 9)];
    const r = calibrationTable(
      gs.flatMap((g) => g.p),
      gs.flatMap((g) => g.y),
      3,
    );
    expect(r.groups.map((g) => [g.n, g.observed.count])).toEqual([
      [10, 3],
      [10, 5],
      [10, 9],
    ]);
    expect(r.hosmerLemeshow!.statistic).toBeCloseTo(4 / 0.9, 10);
    expect(r.hosmerLemeshow!.df).toBe(1);
    expect(r.hosmerLemeshow!.pValue).toBeCloseTo(0.035, 3);
    expect(r.observedExpectedRatio).toBeCloseTo(17 / 15, 12);
  });

  it('gives 0 and p = 1 when every group is exactly right', () => {
    const gs = [group(0.1, 10, 1), group(0.5, 10, 5), group(0.9, 10, 9)];
    const r = calibrationTable(
      gs.flatMap((g) => g.p),
      gs.flatMap((g) => g.y),
      3,
    );
    expect(r.hosmerLemeshow!.statistic).toBeCloseTo(0, 12);
    expect(r.hosmerLemeshow!.pValue).toBeCloseTo(1, 10);
  });

  it('keeps equal predictions in one group (fewer groups, no test under 3)', () => {
    const r = calibrationTable([0.2, 0.2, 0.2, 0.2, 0.7, 0.7], [0, 1, 0, 0, 1, 1], 10);
    expect(r.groups.map((g) => g.n)).toEqual([4, 2]);
    expect(r.hosmerLemeshow).toBeNull();
  });

  it('partitions the cohort and keeps expected = Σ p (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom<Outcome>(0, 1)), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 12 }),
        (data, groups) => {
          const p = data.map(([v]) => v);
          const r = calibrationTable(
            p,
            data.map(([, o]) => o),
            groups,
          );
          expect(r.groups.length).toBeLessThanOrEqual(groups);
          expect(r.groups.reduce((s, g) => s + g.n, 0)).toBe(data.length);
          expect(r.groups.reduce((s, g) => s + g.expected, 0)).toBeCloseTo(
            p.reduce((s, v) => s + v, 0),
            8,
          );
          for (let i = 1; i < r.groups.length; i++) expect(r.groups[i].minPredicted).toBeGreaterThan(r.groups[i - 1].maxPredicted);
          if (r.hosmerLemeshow) {
            expect(r.hosmerLemeshow.pValue).toBeGreaterThanOrEqual(0);
            expect(r.hosmerLemeshow.pValue).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });

  it('refuses values that are not probabilities', () => {
    expect(() => calibrationTable([1.2], [1])).toThrow(RangeError);
  });
});
