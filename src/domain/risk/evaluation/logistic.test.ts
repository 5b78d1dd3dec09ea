import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitLogistic, predictLogistic, solveSymmetric } from './logistic';
import { logit } from './stats';

/** n0 workers with x = 0 (e0 events) and n1 with x = 1 (e1 events). */
function grouped(n0: number, e0: number, n1: number, e1: number) {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n0; i++) (x.push([0]), y.push(i < e0 ? 1 : 0));
  for (let i = 0; i < n1; i++) (x.push([1]), y.push(i < e1 ? 1 : 0));
  return { x, y };
}

describe('fitLogistic', () => {
  it('finds the closed-form estimate of one binary predictor (no penalty)', () => {
    const { x, y } = grouped(10, 3, 10, 7);
    const fit = fitLogistic(x, y, { l2: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(logit(0.3), 8);
    expect(fit.coefficients[0]).toBeCloseTo(logit(0.7) - logit(0.3), 8);
    // Var(β₀) = 1 / (n₀ p₀ (1 − p₀)); Var(β₁) = that + 1 / (n₁ p₁ (1 − p₁)).
    expect(fit.standardErrors[0]).toBeCloseTo(Math.sqrt(1 / 2.1), 6);
    expect(fit.standardErrors[1]).toBeCloseTo(Math.sqrt(2 / 2.1), 6);
    expect(predictLogistic(fit, [1])).toBeCloseTo(0.7, 8);
  });

  it('shrinks towards 0 with a penalty, never the intercept alone', () => {
    const { x, y } = grouped(10, 3, 10, 7);
    const free = fitLogistic(x, y, { l2: 0 });
    const shrunk = fitLogistic(x, y, { l2: 5 });
    expect(Math.abs(shrunk.coefficients[0])).toBeLessThan(Math.abs(free.coefficients[0]));
    expect(shrunk.coefficients[0]).toBeGreaterThan(0);
  });

  it('stays finite under perfect separation thanks to the ridge penalty', () => {
    const { x, y } = grouped(20, 0, 20, 20);
    const fit = fitLogistic(x, y, { l2: 0.1 });
    expect(fit.converged).toBe(true);
    expect(Number.isFinite(fit.coefficients[0])).toBe(true);
    expect(fit.coefficients[0]).toBeGreaterThan(3);
    expect(predictLogistic(fit, [1])).toBeGreaterThan(0.9);
    expect(predictLogistic(fit, [0])).toBeLessThan(0.1);
  });

  it('keeps a feature nobody has at 0', () => {
    const fit = fitLogistic(
      [
        [0, 1],
        [0, 0],
        [0, 1],
        [0, 0],
      ],
      [1, 0, 0, 1],
    );
    expect(fit.coefficients[0]).toBe(0);
  });

  it('is deterministic and its predictions stay probabilities (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 1 })), { minLength: 2, maxLength: 60 }),
        (data) => {
          const x = data.map(([a, b]) => [a, b]);
          const y = data.map(([, , o]) => o);
          const a = fitLogistic(x, y);
          const b = fitLogistic(x, y);
          expect(a).toEqual(b);
          for (const r of x) {
            const p = predictLogistic(a, r);
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses inconsistent shapes', () => {
    expect(() => fitLogistic([[1]], [1, 0])).toThrow(RangeError);
    expect(() => fitLogistic([], [])).toThrow(RangeError);
  });
});

describe('solveSymmetric', () => {
  it('solves a 2 × 2 system', () => {
    const s = solveSymmetric(
      [
        [4, 2],
        [2, 3],
      ],
      [2, 1],
    );
    expect(s[0]).toBeCloseTo(0.5, 12);
    expect(s[1]).toBeCloseTo(0, 12);
  });
});
