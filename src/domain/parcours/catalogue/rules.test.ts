import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../calendar/dates';
import catalogueV1 from './catalogue-v1.json';
import {
  CATALOGUE,
  checkApprovals,
  checkMeasurePeriods,
  CRPE_MAX_MONTHS,
  ESSAI_ENCADRE_MAX_RENEWALS,
  ESSAI_ENCADRE_MAX_TOTAL_WORKING_DAYS,
  ESSAI_ENCADRE_MAX_WORKING_DAYS,
  MEASURE_CODES,
  parseCatalogue,
  PMSMP_MAX_MONTHS,
  PMSMP_MAX_RENEWALS,
  PMSMP_MAX_TOTAL_MONTHS,
  PTP_WAIVER_ABSENCE_MONTHS,
  PTP_WAIVER_LOOKBACK_MONTHS,
  DAYS_PER_MONTH_OF_ABSENCE,
  ptpSeniorityWaived,
  ptpSeniorityWaiver,
  renewalsOf,
  TPT_MAX_MONTHS_BEYOND_IJ_LIMIT,
  type MeasureArret,
} from './index';
import { addMonths, easterSunday, isJourOuvrable, joursOuvrables, lastDayOfMonths } from './working-days';

const codes = (v: { code: string }[]) => v.map((x) => x.code);
/** An arrêt covering all of 2026. */
const arret2026: MeasureArret[] = [{ startDate: '2026-01-01', endDate: '2026-12-31', cancelled: false }];

/** The day on which `n` jours ouvrables starting on `start` are reached. */
function afterWorkingDays(start: string, n: number): string {
  let d = start;
  let k = isJourOuvrable(d) ? 1 : 0;
  while (k < n) {
    d = addDays(d, 1);
    if (isJourOuvrable(d)) k += 1;
  }
  return d;
}

describe('catalogue data', () => {
  it('holds every measure of domain §5 with its approvals, legal basis and leaflet text', () => {
    expect(CATALOGUE.measures.map((m) => m.code).sort()).toEqual([...MEASURE_CODES].sort());
    for (const m of CATALOGUE.measures) {
      expect(m.legalBasis.length).toBeGreaterThan(0);
      expect(m.approvals.length).toBeGreaterThan(0);
      expect(m.leaflet.length).toBeGreaterThan(20);
    }
  });
  it('numbers of domain §5', () => {
    expect(ESSAI_ENCADRE_MAX_WORKING_DAYS).toBe(14);
    expect(ESSAI_ENCADRE_MAX_RENEWALS).toBe(1);
    expect(ESSAI_ENCADRE_MAX_TOTAL_WORKING_DAYS).toBe(28);
    expect(CRPE_MAX_MONTHS).toBe(18);
    expect(PMSMP_MAX_MONTHS).toBe(1);
    expect(PMSMP_MAX_RENEWALS).toBe(1);
    expect(PMSMP_MAX_TOTAL_MONTHS).toBe(2);
    expect(TPT_MAX_MONTHS_BEYOND_IJ_LIMIT).toBe(12);
    expect(PTP_WAIVER_ABSENCE_MONTHS).toBe(6);
    expect(PTP_WAIVER_LOOKBACK_MONTHS).toBe(24);
  });
  it('refuses a broken catalogue with a French message', () => {
    const broken = structuredClone(catalogueV1) as { measures: { code: string; approvals: string[]; limits: unknown }[] };
    broken.measures[0].approvals = ['pape'];
    expect(() => parseCatalogue(broken)).toThrow(/accord requis inconnu/);
    const missing = structuredClone(catalogueV1) as { measures: unknown[] };
    missing.measures.pop();
    expect(() => parseCatalogue(missing)).toThrow(/absente/);
    const badLimit = structuredClone(catalogueV1) as { measures: { limits: { period: unknown } }[] };
    badLimit.measures[0].limits.period = { max: 0, unit: 'jours' };
    expect(() => parseCatalogue(badLimit)).toThrow(/durée attendue/);
  });
});

describe('working days', () => {
  it('Easter and the public holidays', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(isJourOuvrable('2026-04-06')).toBe(false); // lundi de Pâques
    expect(isJourOuvrable('2026-05-14')).toBe(false); // Ascension
    expect(isJourOuvrable('2026-07-14')).toBe(false);
    expect(isJourOuvrable('2026-03-07')).toBe(true); // a Saturday is ouvrable
    expect(isJourOuvrable('2026-03-08')).toBe(false); // a Sunday is not
  });
  it('counts Monday–Saturday', () => {
    expect(joursOuvrables('2026-03-02', '2026-03-08')).toBe(6);
    expect(joursOuvrables('2026-03-02', '2026-03-01')).toBe(0);
  });
  it('months date to date', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonths('2026-03-15', -24)).toBe('2024-03-15');
    expect(lastDayOfMonths('2026-01-01', 18)).toBe('2027-06-30');
  });
  it('property: jours ouvrables never exceed calendar days and are additive', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (off, a, b) => {
        const s = addDays('2024-01-01', off);
        const mid = addDays(s, a);
        const e = addDays(mid, b + 1);
        const whole = joursOuvrables(s, e);
        expect(whole).toBeLessThanOrEqual(a + b + 2);
        expect(whole).toBe(joursOuvrables(s, mid) + joursOuvrables(addDays(mid, 1), e));
      }),
    );
  });
});

describe('essai encadré', () => {
  const start = '2026-03-02'; // a Monday
  const day14 = afterWorkingDays(start, ESSAI_ENCADRE_MAX_WORKING_DAYS);
  const day15 = afterWorkingDays(start, ESSAI_ENCADRE_MAX_WORKING_DAYS + 1);

  it('14 jours ouvrables pass, the 15th is refused naming the rule', () => {
    expect(checkMeasurePeriods('essaiEncadre', [{ start, end: day14 }], arret2026)).toEqual([]);
    const v = checkMeasurePeriods('essaiEncadre', [{ start, end: day15 }], arret2026);
    expect(codes(v)).toEqual(['MESURE_DUREE_DEPASSEE']);
    expect(v[0].message).toMatch(/Règle « durée maximale » \(Essai encadré, CSS L323-3-1, CSS D323-6/);
    expect(v[0].message).toContain('en compte 15');
  });
  it('a Sunday or a public holiday does not count', () => {
    // 14 jours ouvrables from 30/03/2026 run over Easter Monday (06/04).
    const end = afterWorkingDays('2026-03-30', 14);
    expect(end).toBe('2026-04-15');
    expect(checkMeasurePeriods('essaiEncadre', [{ start: '2026-03-30', end }], arret2026)).toEqual([]);
  });
  it('one renewal allowed, a second (and a third) refused', () => {
    const r1 = { start: addDays(day14, 1), end: afterWorkingDays(addDays(day14, 1), 14) };
    expect(checkMeasurePeriods('essaiEncadre', [{ start, end: day14 }, r1], arret2026)).toEqual([]);
    const r2 = { start: addDays(r1.end, 1), end: addDays(r1.end, 1) };
    const v = checkMeasurePeriods('essaiEncadre', [{ start, end: day14 }, r1, r2], arret2026);
    expect(codes(v)).toContain('MESURE_RENOUVELLEMENT_DEPASSE');
    expect(v.find((x) => x.code === 'MESURE_RENOUVELLEMENT_DEPASSE')!.message).toMatch(/un seul renouvellement/);
    const r3 = { start: addDays(r2.end, 1), end: addDays(r2.end, 1) };
    expect(codes(checkMeasurePeriods('essaiEncadre', [{ start, end: day14 }, r1, r2, r3], arret2026))).toContain('MESURE_RENOUVELLEMENT_DEPASSE');
  });
  it('total of 28 jours ouvrables: at most per period gives exactly the total', () => {
    expect(ESSAI_ENCADRE_MAX_WORKING_DAYS * (ESSAI_ENCADRE_MAX_RENEWALS + 1)).toBe(ESSAI_ENCADRE_MAX_TOTAL_WORKING_DAYS);
  });
  it('only during an arrêt: inside passes, one day outside is refused with the rule', () => {
    const arret: MeasureArret[] = [{ startDate: '2026-02-01', endDate: day14, cancelled: false }];
    expect(checkMeasurePeriods('essaiEncadre', [{ start, end: day14 }], arret)).toEqual([]);
    const short: MeasureArret[] = [{ startDate: '2026-02-01', endDate: addDays(day14, -1), cancelled: false }];
    const v = checkMeasurePeriods('essaiEncadre', [{ start, end: day14 }], short);
    expect(codes(v)).toEqual(['MESURE_HORS_ARRET']);
    expect(v[0].message).toMatch(/pendant un arrêt de travail.*aucun arrêt ne couvre le/);
    // Starts the day after the arrêt ends.
    expect(codes(checkMeasurePeriods('essaiEncadre', [{ start: addDays(day14, 1), end: addDays(day14, 2) }], arret))).toEqual(['MESURE_HORS_ARRET']);
    // A cancelled arrêt covers nothing; an open arrêt covers everything after its start.
    expect(codes(checkMeasurePeriods('essaiEncadre', [{ start, end: day14 }], [{ ...arret[0], cancelled: true }]))).toEqual(['MESURE_HORS_ARRET']);
    expect(checkMeasurePeriods('essaiEncadre', [{ start, end: day14 }], [{ startDate: start, endDate: null, cancelled: false }])).toEqual([]);
    // Two arrêts back to back cover the period.
    expect(checkMeasurePeriods('essaiEncadre', [{ start, end: day14 }], [{ startDate: '2026-01-01', endDate: '2026-03-05', cancelled: false }, { startDate: '2026-03-06', endDate: null, cancelled: false }])).toEqual([]);
  });
  it('dates: end before start, missing end, overlapping renewal', () => {
    expect(codes(checkMeasurePeriods('essaiEncadre', [{ start, end: '2026-03-01' }], arret2026))).toEqual(['MESURE_DATES_INVALIDES']);
    expect(codes(checkMeasurePeriods('essaiEncadre', [{ start, end: null }], arret2026))).toEqual(['MESURE_FIN_REQUISE']);
    expect(codes(checkMeasurePeriods('essaiEncadre', [{ start, end: day14 }, { start: day14, end: day14 }], arret2026))).toEqual(['MESURE_DATES_INVALIDES']);
  });
});

describe('CRPE, PMSMP', () => {
  it('CRPE: 18 months date to date, one day more refused; not renewable', () => {
    expect(checkMeasurePeriods('crpe', [{ start: '2026-01-01', end: '2027-06-30' }], [])).toEqual([]);
    const v = checkMeasurePeriods('crpe', [{ start: '2026-01-01', end: '2027-07-01' }], []);
    expect(codes(v)).toEqual(['MESURE_DUREE_DEPASSEE']);
    expect(v[0].message).toMatch(/18 mois au plus par période.*30\/06\/2027/);
    expect(codes(checkMeasurePeriods('crpe', [{ start: '2026-01-01', end: '2026-12-31' }, { start: '2027-01-01', end: '2027-02-01' }], []))).toContain('MESURE_RENOUVELLEMENT_DEPASSE');
  });
  it('CRPE needs no arrêt', () => {
    expect(checkMeasurePeriods('crpe', [{ start: '2026-01-01', end: '2026-06-30' }], [])).toEqual([]);
  });
  it('PMSMP: one month, one renewal, two months in all', () => {
    expect(checkMeasurePeriods('pmsmp', [{ start: '2026-03-10', end: '2026-04-09' }], [])).toEqual([]);
    expect(codes(checkMeasurePeriods('pmsmp', [{ start: '2026-03-10', end: '2026-04-10' }], []))).toEqual(['MESURE_DUREE_DEPASSEE']);
    expect(checkMeasurePeriods('pmsmp', [{ start: '2026-03-10', end: '2026-04-09' }, { start: '2026-04-10', end: '2026-05-09' }], [])).toEqual([]);
    const gap = checkMeasurePeriods('pmsmp', [{ start: '2026-03-10', end: '2026-04-09' }, { start: '2026-04-11', end: '2026-05-10' }], []);
    expect(codes(gap)).toEqual(['MESURE_DUREE_TOTALE_DEPASSEE']);
  });
  it('measures without limits accept an open end', () => {
    expect(checkMeasurePeriods('amenagementPoste', [{ start: '2026-03-10', end: null }], [])).toEqual([]);
  });
});

describe('approvals', () => {
  const at = '2026-03-01T10:00:00Z';
  const all = CATALOGUE.measures.find((m) => m.code === 'essaiEncadre')!.approvals.map((kind) => ({ kind, decision: 'accord' as const, decidedAt: at }));
  it('every required approval: granted; one missing: refused naming the rule and the approval', () => {
    expect(checkApprovals('essaiEncadre', all)).toBeNull();
    const v = checkApprovals('essaiEncadre', all.filter((a) => a.kind !== 'medecin_conseil'));
    expect(v?.code).toBe('MESURE_ACCORD_MANQUANT');
    expect(v?.message).toMatch(/Règle « accords requis ».*Médecin conseil/);
  });
  it('a refusal, then a later accord, counts as the accord (latest decision)', () => {
    const refused = all.map((a) => (a.kind === 'employeur' || a.kind === 'medecin_traitant' ? { ...a, decision: 'refus' as const } : a));
    expect(checkApprovals('essaiEncadre', refused)?.code).toBe('MESURE_ACCORD_REFUSE');
    const later = [...refused, { kind: 'medecin_traitant', decision: 'accord' as const, decidedAt: '2026-03-02T10:00:00Z' }];
    expect(checkApprovals('essaiEncadre', later)).toBeNull();
  });
});

describe('PTP seniority waiver', () => {
  const on = '2026-06-30';
  const absence = (days: number, endAgo = 10): MeasureArret => ({ startDate: addDays(on, -endAgo - days + 1), endDate: addDays(on, -endAgo), cancelled: false });
  const need = PTP_WAIVER_ABSENCE_MONTHS * DAYS_PER_MONTH_OF_ABSENCE;
  it('180 days of absence within 24 months waive it; 179 do not', () => {
    expect(ptpSeniorityWaived([absence(need)], on)).toBe(true);
    expect(ptpSeniorityWaived([absence(need - 1)], on)).toBe(false);
  });
  it('absences older than 24 months do not count; a maladie professionnelle always waives', () => {
    const old: MeasureArret = { startDate: '2023-01-01', endDate: addDays(addMonths(on, -24), -1), cancelled: false };
    expect(ptpSeniorityWaived([old], on)).toBe(false);
    expect(ptpSeniorityWaived([{ startDate: '2026-01-01', endDate: '2026-01-10', cancelled: false, nature: 'maladie_professionnelle' }], on)).toBe(true);
  });
});

describe('PTP seniority waiver (C. trav. D6323-9): natures and the 24-month window', () => {
  const on = '2026-06-30';
  const from = addMonths(on, -PTP_WAIVER_LOOKBACK_MONTHS); // 30/06/2024, first day of the window
  const need = PTP_WAIVER_ABSENCE_MONTHS * DAYS_PER_MONTH_OF_ABSENCE;
  const arret = (startDate: string, days: number, nature: string): MeasureArret => ({ startDate, endDate: addDays(startDate, days - 1), cancelled: false, nature });

  it('six months of absence for a maladie, an AT or an MP waive it; a maternité does not count', () => {
    for (const nature of ['maladie', 'accident_travail', 'maladie_professionnelle']) {
      expect(ptpSeniorityWaived([arret('2025-01-01', need, nature)], on)).toBe(true);
    }
    expect(ptpSeniorityWaived([arret('2025-01-01', need, 'maternite')], on)).toBe(false);
    expect(ptpSeniorityWaived([arret('2025-01-01', 2 * need, 'maternite')], on)).toBe(false);
    // Maternité does not make up the missing days; maladie and AT together do (« consécutifs ou non »).
    expect(ptpSeniorityWaived([arret('2025-01-01', need - 10, 'maladie'), arret('2025-09-01', 10, 'maternite')], on)).toBe(false);
    expect(ptpSeniorityWaived([arret('2025-01-01', need - 10, 'maladie'), arret('2025-09-01', 10, 'accident_travail')], on)).toBe(true);
    expect(ptpSeniorityWaived([arret('2025-01-01', need - 10, 'maladie'), arret('2025-09-01', 9, 'accident_travail')], on)).toBe(false);
  });
  it('the six months: the 180th day of absence inside the window counts, a day before the window does not', () => {
    // Starts on the first day of the window: 180 days inside.
    expect(ptpSeniorityWaived([arret(from, need, 'maladie')], on)).toBe(true);
    // Starts the day before: only 179 inside.
    expect(ptpSeniorityWaived([arret(addDays(from, -1), need, 'accident_travail')], on)).toBe(false);
    // The day of the request is not « ayant précédé sa demande ».
    expect(ptpSeniorityWaived([arret(addDays(on, -need + 1), need, 'maladie')], on)).toBe(false);
    expect(ptpSeniorityWaived([arret(addDays(on, -need), need, 'maladie')], on)).toBe(true);
  });
  it('an absence for a maladie professionnelle waives it only within the 24 months', () => {
    // Ends the day before the window: too old.
    expect(ptpSeniorityWaived([{ startDate: '2024-01-01', endDate: addDays(from, -1), cancelled: false, nature: 'maladie_professionnelle' }], on)).toBe(false);
    // Ends on the first day of the window: within.
    expect(ptpSeniorityWaived([{ startDate: '2024-01-01', endDate: from, cancelled: false, nature: 'maladie_professionnelle' }], on)).toBe(true);
    // One day of MP on the day before the request: within; starting on the day of the request: not yet.
    expect(ptpSeniorityWaived([arret(addDays(on, -1), 1, 'maladie_professionnelle')], on)).toBe(true);
    expect(ptpSeniorityWaived([arret(on, 1, 'maladie_professionnelle')], on)).toBe(false);
    // An open MP arrêt that began before the window is still an absence within it.
    expect(ptpSeniorityWaived([{ startDate: '2023-01-01', endDate: null, cancelled: false, nature: 'maladie_professionnelle' }], on)).toBe(true);
    // Cancelled: nothing.
    expect(ptpSeniorityWaived([{ ...arret(addDays(on, -10), 5, 'maladie_professionnelle'), cancelled: true }], on)).toBe(false);
    // A short AT or maladie does not waive it on its own.
    expect(ptpSeniorityWaived([arret(addDays(on, -10), 5, 'accident_travail')], on)).toBe(false);
  });
  it('leap years: the window of a request on 29/02/2028 opens on 28/02/2026', () => {
    const leap = '2028-02-29';
    expect(addMonths(leap, -PTP_WAIVER_LOOKBACK_MONTHS)).toBe('2026-02-28');
    expect(ptpSeniorityWaived([{ startDate: '2025-01-01', endDate: '2026-02-27', cancelled: false, nature: 'maladie_professionnelle' }], leap)).toBe(false);
    expect(ptpSeniorityWaived([{ startDate: '2025-01-01', endDate: '2026-02-28', cancelled: false, nature: 'maladie_professionnelle' }], leap)).toBe(true);
  });
  it('explains the waiver with the rule and the days counted', () => {
    const yes = ptpSeniorityWaiver([arret('2025-01-01', need, 'accident_travail')], on);
    expect(yes).toMatchObject({ waived: true, absenceDays: need, windowStart: from, windowEnd: '2026-06-29', maladieProfessionnelle: false });
    const mp = ptpSeniorityWaiver([arret('2026-01-01', 3, 'maladie_professionnelle')], on);
    expect(mp).toMatchObject({ waived: true, maladieProfessionnelle: true });
    const no = ptpSeniorityWaiver([arret('2025-01-01', 40, 'maternite')], on);
    expect(no).toMatchObject({ waived: false, absenceDays: 0 });
  });
});

describe('essai encadré in fractions (one essai, continuous or fractioned)', () => {
  // Monday 02/03/2026 … each week Monday–Friday is 5 jours ouvrables (no public holiday in March 2026).
  const week = (monday: string, days = 5) => ({ start: monday, end: addDays(monday, days - 1) });
  const fraction = (p: { start: string; end: string }) => ({ ...p, fraction: true });

  it('a second and third fraction of the same essai are not renewals; together they count toward 14', () => {
    // 5 + 5 + 4 = 14: accepted, no renewal used.
    const ok = [week('2026-03-02'), fraction(week('2026-03-09')), fraction(week('2026-03-16', 4))];
    expect(checkMeasurePeriods('essaiEncadre', ok, arret2026)).toEqual([]);
    expect(renewalsOf(ok)).toBe(0);
    // 5 + 5 + 5 = 15: the 15th jour ouvrable is refused, naming the fractions.
    const over = [week('2026-03-02'), fraction(week('2026-03-09')), fraction(week('2026-03-16'))];
    const v = checkMeasurePeriods('essaiEncadre', over, arret2026);
    expect(codes(v)).toEqual(['MESURE_DUREE_DEPASSEE']);
    expect(v[0].message).toMatch(/Règle « durée maximale » \(Essai encadré.*14 jours ouvrables au plus par essai, fractions comprises ; l'essai du 02\/03\/2026 au 20\/03\/2026, en 3 fractions, en compte 15\./);
    // 13: one less, accepted.
    expect(checkMeasurePeriods('essaiEncadre', [week('2026-03-02'), fraction(week('2026-03-09')), fraction(week('2026-03-16', 3))], arret2026)).toEqual([]);
  });
  it('renewed, the fractions of both count toward 28; the 29th is refused', () => {
    // First essai 14 in two fractions, renewal 14 in three fractions: 28.
    const first = [week('2026-03-02', 6), fraction(week('2026-03-09', 6)), fraction(week('2026-03-16', 2))]; // 6 + 6 + 2 = 14
    const renewal = [week('2026-04-13', 6), fraction(week('2026-04-20', 6)), fraction(week('2026-04-27', 2))]; // 14
    const all = [...first, ...renewal];
    expect(renewalsOf(all)).toBe(1);
    expect(checkMeasurePeriods('essaiEncadre', all, arret2026)).toEqual([]);
    // One more fraction of the renewal: 15 in the renewal and 29 in all.
    const more = [...all, fraction({ start: '2026-04-29', end: '2026-04-29' })];
    const v = checkMeasurePeriods('essaiEncadre', more, arret2026);
    expect(codes(v)).toEqual(['MESURE_DUREE_DEPASSEE', 'MESURE_DUREE_TOTALE_DEPASSEE']);
    expect(v[1].message).toContain('les périodes en comptent 29');
  });
  it('a third essai (second renewal) stays refused, fractions or not', () => {
    const periods = [week('2026-03-02'), week('2026-03-09'), fraction(week('2026-03-16', 1)), week('2026-03-23', 1)];
    expect(renewalsOf(periods)).toBe(2);
    expect(codes(checkMeasurePeriods('essaiEncadre', periods, arret2026))).toContain('MESURE_RENOUVELLEMENT_DEPASSE');
  });
  it('each fraction inside an arrêt, after the previous one; other measures are not taken in fractions', () => {
    const arret: MeasureArret[] = [{ startDate: '2026-02-01', endDate: '2026-03-11', cancelled: false }];
    const v = checkMeasurePeriods('essaiEncadre', [week('2026-03-02'), fraction(week('2026-03-09'))], arret);
    expect(codes(v)).toEqual(['MESURE_HORS_ARRET']);
    expect(v[0].message).toContain('aucun arrêt ne couvre le 12/03/2026');
    const overlap = checkMeasurePeriods('essaiEncadre', [week('2026-03-02'), fraction(week('2026-03-06'))], arret2026);
    expect(codes(overlap)).toEqual(['MESURE_DATES_INVALIDES']);
    expect(overlap[0].message).toBe('La fraction doit commencer après la fin de la période précédente (06/03/2026).');
    const pmsmp = checkMeasurePeriods('pmsmp', [{ start: '2026-03-10', end: '2026-03-20' }, fraction({ start: '2026-03-25', end: '2026-03-30' })], []);
    expect(codes(pmsmp)).toEqual(['MESURE_FRACTION_INTERDITE']);
    expect(pmsmp[0].message).toMatch(/Règle « fractionnement » \(Période de mise en situation en milieu professionnel \(PMSMP\).*ne se prend pas en plusieurs fractions/);
  });
});
