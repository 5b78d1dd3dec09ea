import { describe, expect, it } from 'vitest';
import { civilDate, isIsoDate, isOverdue, parseFrenchDate } from './dates';

describe('civilDate', () => {
  it('uses the Paris date, not UTC', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Paris (UTC+1 in winter).
    expect(civilDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(civilDate(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
    // Summer time: UTC+2.
    expect(civilDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(civilDate(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
  });
});

describe('dates', () => {
  it('validates ISO dates', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('26-01-01')).toBe(false);
  });
  it('parses French dates', () => {
    expect(parseFrenchDate('25/11/2026')).toBe('2026-11-25');
    expect(parseFrenchDate('1/2/2026')).toBe('2026-02-01');
    expect(parseFrenchDate('31/02/2026')).toBeNull();
    expect(parseFrenchDate('2026-11-25')).toBeNull();
  });
  it('is overdue only strictly after the due date', () => {
    expect(isOverdue('2026-11-24', '2026-11-25')).toBe(true);
    expect(isOverdue('2026-11-25', '2026-11-25')).toBe(false);
    expect(isOverdue('2026-11-26', '2026-11-25')).toBe(false);
    expect(isOverdue(null, '2026-11-25')).toBe(false);
  });
});
