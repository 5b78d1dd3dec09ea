import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, logGamma, logit, quantileSorted, sigmoid, wilson } from './stats';

describe('wilson', () => {
  it('matches published values (Newcombe 1998, method 3)', () => {
    const a = wilson(5, 10);
    expect(a.estimate).toBe(0.5);
    expect(a.lower).toBeCloseTo(0.2366, 4);
    expect(a.upper).toBeCloseTo(0.7634, 4);
    const b = wilson(0, 10);
    expect(b.lower).toBe(0);
    expect(b.upper).toBeCloseTo(0.2775, 4);
    const c = wilson(10, 10);
    expect(c.upper).toBe(1);
    expect(c.lower).toBeCloseTo(0.7225, 4);
    const d = wilson(81, 263);
    expect(d.lower).toBeCloseTo(0.2553, 4);
    expect(d.upper).toBeCloseTo(0.3662, 4);
  });
  it('has no estimate without a denominator', () => {
    expect(wilson(0, 0)).toEqual({ count: 0, total: 0, estimate: null, lower: null, upper: null });
  });
});

describe('chiSquareSurvival', () => {
  it('gives the classic 5 % critical values', () => {
    expect(chiSquareSurvival(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(15.50731, 8)).toBeCloseTo(0.05, 6);
    expect(chiSquareSurvival(5.991465, 2)).toBeCloseTo(0.05, 6);
  });
  it('is exp(−x/2) for 2 degrees of freedom, 1 at 0', () => {
    expect(chiSquareSurvival(1, 2)).toBeCloseTo(Math.exp(-0.5), 10);
    expect(chiSquareSurvival(40, 2)).toBeCloseTo(Math.exp(-20), 15);
    expect(chiSquareSurvival(0, 5)).toBe(1);
  });
});

describe('helpers', () => {
  it('logGamma(n) = ln((n − 1)!)', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });
  it('sigmoid and logit are inverse, and finite at the ends', () => {
    expect(sigmoid(logit(0.3))).toBeCloseTo(0.3, 12);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
    expect(Number.isFinite(logit(0))).toBe(true);
    expect(Number.isFinite(logit(1))).toBe(true);
  });
  it('quantiles interpolate (type 7)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
  });
});
