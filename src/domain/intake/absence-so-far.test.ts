import { describe, expect, it } from 'vitest';
import { NATURE_LABELS } from './rules';
import { absenceNatureLabel, absenceSoFar, orderNatures, type AbsenceArret } from './absence-so-far';

const TODAY = '2026-03-15';
let seq = 0;
const arret = (startDate: string, end: { expected?: string | null; actual?: string | null } = {}, over: Partial<AbsenceArret> = {}): AbsenceArret => ({
  id: `a${String(++seq).padStart(3, '0')}`,
  workerId: 'w1',
  nature: 'maladie',
  startDate,
  expectedEndDate: end.expected ?? null,
  actualEndDate: end.actual ?? null,
  ald: false,
  cancelled: false,
  tpt: false,
  ...over,
});

describe('absenceSoFar: the absence the rules measure, seen from today', () => {
  it('no arrêt (or only cancelled ones): none', () => {
    expect(absenceSoFar([], TODAY)).toBeNull();
    expect(absenceSoFar([arret('2026-03-01', {}, { cancelled: true })], TODAY)).toBeNull();
  });

  it('a running arrêt counts up to today, both ends included; its planned end is shown', () => {
    expect(absenceSoFar([arret('2026-03-01', { expected: '2026-04-30' })], TODAY)).toEqual({
      startDate: '2026-03-01',
      endDate: '2026-04-30',
      days: 15,
      ongoing: true,
      natures: ['maladie'],
      tpt: false,
    });
  });

  it('an arrêt without any end: running, no end date', () => {
    expect(absenceSoFar([arret('2026-03-01')], TODAY)).toMatchObject({ endDate: null, days: 15, ongoing: true });
  });

  it('today is the last day: still running; the day after: over, its whole length', () => {
    expect(absenceSoFar([arret('2026-03-01', { expected: TODAY })], TODAY)).toMatchObject({ days: 15, ongoing: true, endDate: TODAY });
    expect(absenceSoFar([arret('2026-03-01', { expected: '2026-03-14' })], TODAY)).toMatchObject({ days: 14, ongoing: false, endDate: '2026-03-14' });
  });

  it('date_fin_effective is the last day of the absence (and wins over the expected end)', () => {
    expect(absenceSoFar([arret('2026-02-01', { expected: '2026-04-30', actual: '2026-02-10' })], TODAY)).toMatchObject({ endDate: '2026-02-10', days: 10, ongoing: false });
    expect(absenceSoFar([arret('2026-02-01', { actual: '2026-02-01' })], TODAY)).toMatchObject({ days: 1, ongoing: false });
  });

  it('adjacent arrêts (the next starts the day after) are one absence; one day back at work makes two', () => {
    const a = arret('2026-01-01', { expected: '2026-01-31' });
    expect(absenceSoFar([a, arret('2026-02-01', { expected: '2026-03-31' })], TODAY)).toMatchObject({ startDate: '2026-01-01', days: 74, ongoing: true });
    expect(absenceSoFar([a, arret('2026-02-02', { expected: '2026-03-31' })], TODAY)).toMatchObject({ startDate: '2026-02-02', days: 42, ongoing: true });
  });

  it('overlapping arrêts are one absence, ending at the later end', () => {
    const x = absenceSoFar([arret('2026-01-01', { expected: '2026-03-31' }), arret('2026-01-10', { expected: '2026-02-10' })], TODAY);
    expect(x).toMatchObject({ startDate: '2026-01-01', endDate: '2026-03-31', days: 74 });
  });

  it('the latest absence started is shown, not an earlier longer one; an absence to come only when none started', () => {
    const old = arret('2025-01-01', { actual: '2025-12-31' });
    expect(absenceSoFar([old, arret('2026-03-10', { expected: '2026-03-20' })], TODAY)).toMatchObject({ startDate: '2026-03-10', days: 6 });
    expect(absenceSoFar([old, arret('2026-04-01', { expected: '2026-04-20' })], TODAY)).toMatchObject({ startDate: '2025-01-01', days: 365, ongoing: false });
    expect(absenceSoFar([arret('2026-04-01', { expected: '2026-04-20' })], TODAY)).toMatchObject({ startDate: '2026-04-01', days: 0, ongoing: false });
  });

  it('the natures of the absence, the most protective first; a TPT covering today is running', () => {
    const a = arret('2026-01-01', { expected: '2026-01-31' }, { tpt: true });
    const b = arret('2026-02-01', { expected: '2026-03-31' }, { nature: 'accident_travail' });
    expect(absenceSoFar([a, b], TODAY)).toMatchObject({ natures: ['accident_travail', 'maladie'], tpt: false });
    const c = arret('2026-02-01', { expected: '2026-03-31' }, { tpt: true });
    expect(absenceSoFar([a, c], TODAY)).toMatchObject({ natures: ['maladie'], tpt: true });
  });
});

describe('nature of an absence', () => {
  it('orders the natures MP, AT, maternité, maladie', () => {
    expect(orderNatures(['maladie', 'maternite', 'maladie', 'accident_travail', 'maladie_professionnelle'])).toEqual(['maladie_professionnelle', 'accident_travail', 'maternite', 'maladie']);
  });
  it('labels the main nature, the others in brackets', () => {
    expect(absenceNatureLabel(['maladie'], NATURE_LABELS)).toBe('Maladie');
    expect(absenceNatureLabel(['maladie', 'accident_travail'], NATURE_LABELS)).toBe('Accident du travail (avec maladie)');
    expect(absenceNatureLabel(['maternite', 'maladie', 'maladie_professionnelle'], NATURE_LABELS)).toBe('Maladie professionnelle (avec maternité, maladie)');
  });
});
