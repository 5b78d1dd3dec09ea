import { describe, expect, it } from 'vitest';
import { addDays } from '../../calendar/dates';
import { checkCrpeEligibility, CRPE_ELIGIBILITY_BASES, measureAdvisories, PMSMP_IN_ARRET_ADVISED_DAYS } from './eligibility';
import { checkMeasurePeriods, lastDayOfMonths, type MeasureArret } from './index';

const start = '2026-09-01';
const today = '2026-08-20';

describe('CRPE eligibility (C. trav. L5213-3-1, CSS L323-3-1): inapte, risque d’inaptitude, bénéficiaire de l’obligation d’emploi', () => {
  it('the basis is required and must be one of the three', () => {
    expect(CRPE_ELIGIBILITY_BASES).toEqual(['inapte', 'risque_inaptitude', 'boeth']);
    const none = checkCrpeEligibility(null, { inaptitudeAvisDates: [] }, start, today);
    expect(none).toMatchObject({ ok: false, violation: { code: 'CRPE_CONDITION_REQUISE', field: 'eligibility' } });
    expect(!none.ok && none.violation.message).toMatch(/^Règle « bénéficiaires » \(Convention de rééducation professionnelle en entreprise \(CRPE\), .*\) : indiquez à quel titre/);
    expect(checkCrpeEligibility({ basis: 'fatigue' }, { inaptitudeAvisDates: [] }, start, today)).toMatchObject({ ok: false, violation: { code: 'CRPE_CONDITION_INCONNUE' } });
  });
  it('inapte: an avis d’inaptitude recorded for the worker on or before the start — the day after is too late', () => {
    expect(checkCrpeEligibility({ basis: 'inapte' }, { inaptitudeAvisDates: [start] }, start, today)).toEqual({ ok: true, value: { basis: 'inapte', attestedOn: start, validUntil: null } });
    expect(checkCrpeEligibility({ basis: 'inapte' }, { inaptitudeAvisDates: ['2025-01-10', addDays(start, -1)] }, start, today)).toMatchObject({ ok: true, value: { attestedOn: addDays(start, -1) } });
    const late = checkCrpeEligibility({ basis: 'inapte' }, { inaptitudeAvisDates: [addDays(start, 1)] }, start, today);
    expect(late).toMatchObject({ ok: false, violation: { code: 'CRPE_CONDITION_NON_REMPLIE' } });
    expect(!late.ok && late.violation.message).toContain("aucun avis d'inaptitude n'est enregistré pour ce salarié au 01/09/2026");
    expect(checkCrpeEligibility({ basis: 'inapte' }, { inaptitudeAvisDates: [] }, start, today)).toMatchObject({ ok: false, violation: { code: 'CRPE_CONDITION_NON_REMPLIE' } });
  });
  it('risque d’inaptitude: the date the médecin du travail identified it, not after the start nor in the future', () => {
    expect(checkCrpeEligibility({ basis: 'risque_inaptitude', attestedOn: today }, { inaptitudeAvisDates: [] }, start, today)).toMatchObject({ ok: true, value: { basis: 'risque_inaptitude', attestedOn: today } });
    expect(checkCrpeEligibility({ basis: 'risque_inaptitude' }, { inaptitudeAvisDates: [] }, start, today)).toMatchObject({ ok: false, violation: { code: 'CRPE_DATE_REQUISE', field: 'eligibility.attestedOn' } });
    expect(checkCrpeEligibility({ basis: 'risque_inaptitude', attestedOn: addDays(today, 1) }, { inaptitudeAvisDates: [] }, start, today)).toMatchObject({ ok: false, violation: { code: 'CRPE_DATE_FUTURE' } });
    expect(checkCrpeEligibility({ basis: 'risque_inaptitude', attestedOn: '2026-02-30' }, { inaptitudeAvisDates: [] }, start, today)).toMatchObject({ ok: false, violation: { code: 'CRPE_DATE_INVALIDE' } });
  });
  it('bénéficiaire de l’obligation d’emploi: the recognition must still run on the first day — ending the day before is refused', () => {
    const boeth = (validUntil: string | null) => checkCrpeEligibility({ basis: 'boeth', attestedOn: '2024-05-02', validUntil }, { inaptitudeAvisDates: [] }, start, today);
    expect(boeth(null)).toMatchObject({ ok: true, value: { basis: 'boeth', attestedOn: '2024-05-02', validUntil: null } });
    expect(boeth(start)).toMatchObject({ ok: true });
    expect(boeth(addDays(start, 1)).ok).toBe(true);
    const ended = boeth(addDays(start, -1));
    expect(ended).toMatchObject({ ok: false, violation: { code: 'CRPE_CONDITION_NON_REMPLIE', field: 'eligibility.validUntil' } });
    expect(!ended.ok && ended.violation.message).toContain('prend fin le 31/08/2026, avant le début de la CRPE (01/09/2026)');
    expect(checkCrpeEligibility({ basis: 'boeth', attestedOn: '2024-05-02', validUntil: '2024-05-01' }, { inaptitudeAvisDates: [] }, start, today)).toMatchObject({ ok: false, violation: { code: 'CRPE_DATES_INCOHERENTES' } });
  });
  it('CRPE length: 18 months date to date — the day before and the last day pass, the day after does not', () => {
    const last = lastDayOfMonths(start, 18);
    expect(last).toBe('2028-02-29'); // leap year: 01/09/2026 + 18 months − 1 day
    expect(checkMeasurePeriods('crpe', [{ start, end: addDays(last, -1) }], [])).toEqual([]);
    expect(checkMeasurePeriods('crpe', [{ start, end: last }], [])).toEqual([]);
    expect(checkMeasurePeriods('crpe', [{ start, end: addDays(last, 1) }], []).map((v) => v.code)).toEqual(['MESURE_DUREE_DEPASSEE']);
  });
});

describe('PMSMP during an arrêt: 15 days advised (seminar of 25/11/2025, seed 004) — a warning, never a refusal', () => {
  const arret = (nature: string): MeasureArret[] => [{ startDate: '2026-01-01', endDate: '2026-12-31', cancelled: false, nature }];
  const pmsmp = (days: number) => [{ start: '2026-03-10', end: addDays('2026-03-10', days - 1) }];
  it('14 and 15 days: nothing; 16: a warning naming the advice and the days', () => {
    expect(PMSMP_IN_ARRET_ADVISED_DAYS).toBe(15);
    expect(measureAdvisories('pmsmp', pmsmp(14), arret('maladie'))).toEqual([]);
    expect(measureAdvisories('pmsmp', pmsmp(15), arret('maladie'))).toEqual([]);
    const w = measureAdvisories('pmsmp', pmsmp(16), arret('maladie'));
    expect(w).toEqual([
      {
        code: 'PMSMP_DUREE_PRECONISEE_DEPASSEE',
        message:
          "Pour un salarié en arrêt de travail, une PMSMP de 15 jours au plus est préconisée (séminaire régional PDP Hauts-de-France du 25/11/2025) ; celle-ci en compte 16. La durée légale reste d'un mois, renouvelable une fois.",
      },
    ]);
    // The legal rule still accepts it.
    expect(checkMeasurePeriods('pmsmp', pmsmp(16), arret('maladie'))).toEqual([]);
  });
  it('every nature of arrêt (maladie, AT, MP, maternité); no arrêt, a cancelled one, or one ending the day before: no warning', () => {
    for (const n of ['maladie', 'accident_travail', 'maladie_professionnelle', 'maternite']) expect(measureAdvisories('pmsmp', pmsmp(16), arret(n))).toHaveLength(1);
    expect(measureAdvisories('pmsmp', pmsmp(30), [])).toEqual([]);
    expect(measureAdvisories('pmsmp', pmsmp(30), [{ ...arret('maladie')[0], cancelled: true }])).toEqual([]);
    expect(measureAdvisories('pmsmp', pmsmp(30), [{ startDate: '2026-01-01', endDate: '2026-03-09', cancelled: false }])).toEqual([]);
    // An arrêt covering only the first day of the PMSMP: the worker is in arrêt during it.
    expect(measureAdvisories('pmsmp', pmsmp(30), [{ startDate: '2026-01-01', endDate: '2026-03-10', cancelled: false }])).toHaveLength(1);
  });
  it('renewed: the periods count together', () => {
    const periods = [{ start: '2026-03-10', end: '2026-03-17' }, { start: '2026-03-18', end: '2026-03-25' }]; // 8 + 8
    expect(measureAdvisories('pmsmp', periods, arret('maladie'))[0].message).toContain('celle-ci en compte 16');
    expect(measureAdvisories('pmsmp', [periods[0], { start: '2026-03-18', end: '2026-03-24' }], arret('maladie'))).toEqual([]);
  });
});

describe('PTP: the plan explains the seniority waiver', () => {
  it('waived, or not, with the days and the window', () => {
    const arrets: MeasureArret[] = [{ startDate: '2025-01-01', endDate: '2025-06-29', cancelled: false, nature: 'accident_travail' }];
    expect(measureAdvisories('ptp', [{ start: '2026-06-30', end: null }], arrets)).toEqual([
      {
        code: 'PTP_ANCIENNETE_LEVEE',
        message: "Condition d'ancienneté levée (C. trav. D6323-9) : 180 jours d'absence pour accident du travail, maladie ou accident dans les 24 mois précédant la demande (du 30/06/2024 au 29/06/2026).",
      },
    ]);
    const short: MeasureArret[] = [{ startDate: '2025-01-01', endDate: '2025-01-31', cancelled: false, nature: 'maternite' }];
    expect(measureAdvisories('ptp', [{ start: '2026-06-30', end: null }], short)[0]).toMatchObject({ code: 'PTP_ANCIENNETE_REQUISE' });
    const mp: MeasureArret[] = [{ startDate: '2026-01-05', endDate: '2026-01-09', cancelled: false, nature: 'maladie_professionnelle' }];
    expect(measureAdvisories('ptp', [{ start: '2026-06-30', end: null }], mp)[0].message).toContain('absence pour maladie professionnelle');
  });
});
