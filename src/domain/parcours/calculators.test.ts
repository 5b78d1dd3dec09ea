import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/dates';
import { type RuleArret } from '../intake/rules';
import { DEFAULT_RULES_CONFIG } from '../intake/rules-config';
import { aldCalculation, checkInvalidityRule, DEFAULT_INVALIDITY_RULE, ijCalculation, invalidityRuleFrom, invalidityStartDate } from './calculators';

const c = DEFAULT_RULES_CONFIG;
const today = '2026-11-25';
let n = 0;
const arret = (start: string, end: string | null, o: Partial<RuleArret> = {}): RuleArret =>
  ({ id: `a${++n}`, nature: 'maladie', startDate: start, expectedEndDate: end, actualEndDate: end, ald: false, cancelled: false, ...o }) as RuleArret;

describe('IJ over the rolling 3 years (360 IJ, CSS R323-1)', () => {
  it('359 IJ: 1 remaining; 360: limit reached; 361 capped at 0 remaining (an absence of N days pays N − 3 IJ)', () => {
    const end = addDays(today, -1);
    const of = (ij: number) => ijCalculation([arret(addDays(end, -(ij + 3) + 1), end)], today, c);
    expect(of(359)).toMatchObject({ consumed: 359, remaining: 1, reached: false, limit: 360 });
    expect(of(360)).toMatchObject({ consumed: 360, remaining: 0, reached: true });
    expect(of(361)).toMatchObject({ consumed: 361, remaining: 0, reached: true });
  });
  it('the window starts 3 years back + 1 day: a day before it does not count', () => {
    // Carence on 2023-11-22…24, paid from 2023-11-25; only the 26th is in the window.
    const r = ijCalculation([arret('2023-11-22', '2023-11-26')], today, c);
    expect(r.windowStart).toBe('2023-11-26');
    expect(r.consumed).toBe(1);
  });
  it('a prolongation (contiguous arrêt) pays no second carence; an arrêt after a day back at work does', () => {
    const contiguous = ijCalculation([arret('2026-04-01', '2026-04-10'), arret('2026-04-11', '2026-04-20')], today, c);
    expect(contiguous.consumed).toBe(20 - 3);
    const separate = ijCalculation([arret('2026-04-01', '2026-04-10'), arret('2026-04-12', '2026-04-21')], today, c);
    expect(separate.consumed).toBe(20 - 6);
  });
  it('ALD, AT and cancelled arrêts do not count; overlaps count once; open arrêts count until today', () => {
    const r = ijCalculation(
      [
        arret('2026-01-01', '2026-01-10', { ald: true }),
        arret('2026-02-01', '2026-02-10', { nature: 'accident_travail' }),
        arret('2026-03-01', '2026-03-10', { cancelled: true }),
        arret('2026-04-01', '2026-04-10'),
        arret('2026-04-05', '2026-04-12'),
        arret('2026-11-21', null, { actualEndDate: null, expectedEndDate: null }),
      ],
      today,
      c,
    );
    // 01–12/04 (overlaps once) less 3 days of carence; the open arrêt 21–25/11 less 3.
    expect(r.consumed).toBe(12 - 3 + (5 - 3));
  });
  it('property: remaining + min(consumed, limit) = limit', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1500 }), fc.integer({ min: 0, max: 200 })), { maxLength: 8 }), (spans) => {
        const r = ijCalculation(spans.map(([ago, len]) => arret(addDays(today, -ago), addDays(today, -ago + len))), today, c);
        expect(r.remaining + Math.min(r.consumed, r.limit)).toBe(r.limit);
      }),
    );
  });
});

describe('ALD 3-year limit', () => {
  it('rights end 3 years date to date minus one day; a year back at work starts a new period', () => {
    const r = aldCalculation([arret('2024-01-10', '2024-06-30', { ald: true }), arret('2025-06-29', null, { ald: true, actualEndDate: null, expectedEndDate: null })], today, c);
    // 2024-06-30 → 2025-06-29: 363 days back at work (< 365): same episode.
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ startDate: '2024-01-10', rightsEnd: '2027-01-09', exhausted: false });
    expect(r[0].daysRemaining).toBe(46);
    const reset = aldCalculation([arret('2022-01-10', '2022-06-30', { ald: true }), arret('2023-07-01', '2023-08-01', { ald: true })], today, c);
    // 365 days back at work: a new period.
    expect(reset.map((e) => e.startDate)).toEqual(['2023-07-01', '2022-01-10']);
    expect(reset[1]).toMatchObject({ exhausted: true, daysRemaining: 0 });
  });
  it('the last day of rights is not exhausted; the day after is', () => {
    const a = [arret('2023-11-26', '2024-01-01', { ald: true })];
    expect(aldCalculation(a, '2026-11-25', c)[0]).toMatchObject({ rightsEnd: '2026-11-25', daysRemaining: 1, exhausted: false });
    expect(aldCalculation(a, '2026-11-26', c)[0]).toMatchObject({ daysRemaining: 0, exhausted: true });
  });
});

describe('invalidity start date', () => {
  it('seed 004: decision 25/10/25 → 01/12/25; days 1–15 → 1st of next month, 16 → the month after', () => {
    expect(invalidityStartDate('2025-10-25')).toBe('2025-12-01');
    expect(invalidityStartDate('2025-10-01')).toBe('2025-11-01');
    expect(invalidityStartDate('2025-10-15')).toBe('2025-11-01');
    expect(invalidityStartDate('2025-10-16')).toBe('2025-12-01');
    expect(invalidityStartDate('2025-12-31')).toBe('2026-02-01');
    expect(invalidityStartDate('2025-12-10')).toBe('2026-01-01');
  });
  it('follows a service rule', () => {
    expect(invalidityStartDate('2025-10-20', { cutoffDay: 20, monthsIfEarly: 1, monthsIfLate: 1 })).toBe('2025-11-01');
    expect(invalidityStartDate('2025-10-21', { cutoffDay: 20, monthsIfEarly: 0, monthsIfLate: 1 })).toBe('2025-11-01');
  });
  it('validates the rule at its bounds', () => {
    expect(checkInvalidityRule(DEFAULT_INVALIDITY_RULE).ok).toBe(true);
    expect(checkInvalidityRule({ cutoffDay: 1, monthsIfEarly: 0, monthsIfLate: 12 }).ok).toBe(true);
    expect(checkInvalidityRule({ cutoffDay: 31, monthsIfEarly: 0, monthsIfLate: 0 }).ok).toBe(true);
    expect(checkInvalidityRule({ cutoffDay: 0, monthsIfEarly: 1, monthsIfLate: 2 })).toMatchObject({ ok: false, code: 'VALEUR_HORS_LIMITES', field: 'cutoffDay' });
    expect(checkInvalidityRule({ cutoffDay: 32, monthsIfEarly: 1, monthsIfLate: 2 })).toMatchObject({ ok: false, field: 'cutoffDay' });
    expect(checkInvalidityRule({ cutoffDay: 15, monthsIfEarly: -1, monthsIfLate: 2 })).toMatchObject({ ok: false, field: 'monthsIfEarly' });
    expect(checkInvalidityRule({ cutoffDay: 15, monthsIfEarly: 1, monthsIfLate: 13 })).toMatchObject({ ok: false, field: 'monthsIfLate' });
    expect(checkInvalidityRule({ cutoffDay: 15, monthsIfEarly: 2, monthsIfLate: 1 })).toMatchObject({ ok: false, code: 'SEUIL_INCOHERENT' });
    expect(invalidityRuleFrom({ cutoffDay: 'x' })).toEqual(DEFAULT_INVALIDITY_RULE);
  });
});
