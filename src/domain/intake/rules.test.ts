import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_CONFIG as D, type IntakeRulesConfig } from './rules-config';
import { addDays, addYears } from '../calendar/dates';
import { absences, aldAlert, aldEpisodes, arretDurationDays, evaluateArrets, ijAlert, ijDaysInWindow, ijPaidInWindow, isRepriseVisitLate, liaisonApplies, longArretStartedOnOrBefore, MI_CARRIERE_COUPLED_TITLE, miCarriereBirthYear, miCarriereCoupledTask, miCarriereTask, periodLastDay, preRepriseApplies, prescriptionExceedsLimit, prescriptionLastDay, repeatedWindowStart, repriseDeadline, repriseRequired, returnDate, type RuleArret, type RuleWorker } from './rules';

const TODAY = '2026-11-25';
let seq = 0;
const arret = (p: Partial<RuleArret> & { startDate: string }): RuleArret => ({
  id: `a${++seq}`,
  workerId: 'w1',
  nature: 'maladie',
  expectedEndDate: null,
  actualEndDate: null,
  ald: false,
  cancelled: false,
  ...p,
});
/** An arrêt lasting `days` days (both ends included), starting on `start`. */
const lasting = (days: number, p: Partial<RuleArret> = {}, start = '2026-11-01') => arret({ startDate: start, expectedEndDate: addDays(start, days - 1), ...p });
const cfg = (o: Partial<IntakeRulesConfig> = {}): IntakeRulesConfig => ({ ...D, ...o });
const worker: RuleWorker = { id: 'w1', birthDate: '1990-05-12', dossierId: 'd1' };

describe('calendar', () => {
  it('counts both ends of an arrêt', () => {
    expect(arretDurationDays(arret({ startDate: '2026-11-01', expectedEndDate: '2026-11-30' }), TODAY)).toBe(30);
    expect(arretDurationDays(arret({ startDate: '2026-11-01', expectedEndDate: '2026-11-30', actualEndDate: '2026-11-10' }), TODAY)).toBe(10);
    // Open arrêt: until today.
    expect(arretDurationDays(arret({ startDate: '2026-11-01' }), TODAY)).toBe(25);
  });
  it('adds years date to date, 29 February to 28 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2023-01-10', 3)).toBe('2026-01-10');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
  it('the return is the day after the last day of arrêt', () => {
    expect(returnDate({ expectedEndDate: '2026-11-30', actualEndDate: null })).toBe('2026-12-01');
    expect(returnDate({ expectedEndDate: '2026-11-30', actualEndDate: '2026-11-20' })).toBe('2026-11-21');
    expect(returnDate({ expectedEndDate: null, actualEndDate: null })).toBeNull();
  });
});

describe('pré-reprise and rendez-vous de liaison: arrêt of more than 30 days (R4624-29, L1226-1-3)', () => {
  it.each([
    [29, false],
    [30, false],
    [31, true],
  ])('%i days → %s', (days, expected) => {
    expect(preRepriseApplies(lasting(days), D, TODAY)).toBe(expected);
    expect(liaisonApplies(lasting(days), D, TODAY)).toBe(expected);
  });
  it('follows the configured thresholds independently', () => {
    expect(preRepriseApplies(lasting(31), cfg({ preRepriseAfterDays: 31 }), TODAY)).toBe(false);
    expect(liaisonApplies(lasting(31), cfg({ preRepriseAfterDays: 31 }), TODAY)).toBe(true);
    expect(liaisonApplies(lasting(21), cfg({ liaisonAfterDays: 20 }), TODAY)).toBe(true);
  });
  it('never for a cancelled arrêt', () => {
    expect(preRepriseApplies(lasting(90, { cancelled: true }), D, TODAY)).toBe(false);
  });
  it('creates both tasks while the arrêt runs, none once it is over', () => {
    const running = lasting(31);
    const e = evaluateArrets([running], new Map([['w1', [running]]]), new Map([['w1', worker]]), D, TODAY);
    expect(e.tasks.map((t) => t.ruleId).sort()).toEqual(['pre_reprise', 'rdv_liaison']);
    expect(e.tasks[0]).toMatchObject({ dossierId: 'd1', dueDate: addDays(TODAY, D.detectionTaskDelayDays) });
    const over = lasting(40, {}, '2026-09-01');
    const e2 = evaluateArrets([over], new Map([['w1', [over]]]), new Map([['w1', worker]]), D, TODAY);
    expect(e2.tasks.some((t) => t.ruleId === 'pre_reprise')).toBe(false);
  });
  it('detection delay: due 7 days after detection, configurable', () => {
    const a = lasting(45);
    const e = evaluateArrets([a], new Map([['w1', [a]]]), new Map([['w1', worker]]), cfg({ detectionTaskDelayDays: 0 }), TODAY);
    expect(e.tasks.find((t) => t.ruleId === 'pre_reprise')?.dueDate).toBe(TODAY);
  });
});

describe('visite de reprise (R4624-31)', () => {
  it.each([
    [29, false],
    [30, true],
    [31, true],
  ])('accident du travail of %i days → %s', (days, expected) => {
    expect(repriseRequired(lasting(days, { nature: 'accident_travail' }), D, TODAY)).toBe(expected);
  });
  it.each([
    [59, false],
    [60, true],
    [61, true],
  ])('maladie of %i days → %s', (days, expected) => {
    expect(repriseRequired(lasting(days, { nature: 'maladie' }), D, TODAY)).toBe(expected);
  });
  it('maternité and maladie professionnelle of any length', () => {
    expect(repriseRequired(lasting(1, { nature: 'maternite' }), D, TODAY)).toBe(true);
    expect(repriseRequired(lasting(1, { nature: 'maladie_professionnelle' }), D, TODAY)).toBe(true);
  });
  it('arrêts maladie starting on or before 31/03/2022: the former 30 days (« commençant après le 31 mars 2022 »)', () => {
    expect(repriseRequired(lasting(30, {}, '2022-03-30'), D, TODAY)).toBe(true);
    expect(repriseRequired(lasting(29, {}, '2022-03-30'), D, TODAY)).toBe(false);
    // Issue 13 item 2: 31/03/2022 itself is not « après le 31 mars » — the former 30 days.
    expect(repriseRequired(lasting(30, {}, '2022-03-31'), D, TODAY)).toBe(true);
    expect(repriseRequired(lasting(29, {}, '2022-03-31'), D, TODAY)).toBe(false);
    expect(repriseRequired(lasting(30, {}, '2022-04-01'), D, TODAY)).toBe(false);
    expect(repriseRequired(lasting(59, {}, '2022-04-01'), D, TODAY)).toBe(false);
    expect(repriseRequired(lasting(60, {}, '2022-04-01'), D, TODAY)).toBe(true);
    expect(repriseRequired(lasting(30, {}, '2022-03-31'), cfg({ repriseMaladieFromDate: '2022-04-01' }), TODAY)).toBe(true);
    expect(repriseRequired(lasting(30, {}, '2022-04-01'), cfg({ repriseMaladieFromDate: '2022-04-01' }), TODAY)).toBe(true);
    expect(repriseRequired(lasting(30, {}, '2022-03-30'), cfg({ repriseMaladieLegacyMinDays: 31 }), TODAY)).toBe(false);
  });
  it('follows the configured thresholds', () => {
    expect(repriseRequired(lasting(45, { nature: 'maladie' }), cfg({ repriseMaladieMinDays: 45 }), TODAY)).toBe(true);
    expect(repriseRequired(lasting(30, { nature: 'accident_travail' }), cfg({ repriseAccidentTravailMinDays: 31 }), TODAY)).toBe(false);
  });
  it('deadline: return + 8 days; a visit 7 or 8 days after is on time, 9 is late', () => {
    expect(repriseDeadline('2026-12-01', D)).toBe('2026-12-09');
    expect(isRepriseVisitLate('2026-12-01', '2026-12-08', D)).toBe(false);
    expect(isRepriseVisitLate('2026-12-01', '2026-12-09', D)).toBe(false);
    expect(isRepriseVisitLate('2026-12-01', '2026-12-10', D)).toBe(true);
    expect(repriseDeadline('2026-12-01', cfg({ repriseDeadlineDays: 5 }))).toBe('2026-12-06');
  });
  it('creates the task at return + 8 with the return in its subject', () => {
    const a = lasting(60, { nature: 'maladie' }); // 01/11 → 30/12, return 31/12
    const e = evaluateArrets([a], new Map([['w1', [a]]]), new Map([['w1', worker]]), D, TODAY);
    const t = e.tasks.find((x) => x.ruleId === 'visite_reprise');
    expect(t).toMatchObject({ dueDate: '2027-01-08', subjectRef: `arret:${a.id}:2026-12-31`, title: 'Organiser la visite de reprise' });
    expect(e.repriseSubjects.get(a.id)).toBe(t?.subjectRef);
  });
  it('history: no task when the deadline is older than the configured look-back (60 days: boundary)', () => {
    // Two workers: the two arrêts of one worker would overlap and form one absence.
    const make = (deadline: string, workerId: string) => {
      const end = addDays(deadline, -D.repriseDeadlineDays - 1);
      return arret({ workerId, startDate: addDays(end, -99), expectedEndDate: end, nature: 'maladie_professionnelle' });
    };
    const kept = make(addDays(TODAY, -60), 'w1');
    const dropped = make(addDays(TODAY, -61), 'w2');
    const e = evaluateArrets([kept, dropped], new Map([['w1', [kept]], ['w2', [dropped]]]), new Map([['w1', worker], ['w2', { ...worker, id: 'w2' }]]), D, TODAY);
    const reprise = e.tasks.filter((t) => t.ruleId === 'visite_reprise');
    expect(reprise.map((t) => t.subjectRef.split(':')[1])).toEqual([kept.id]);
  });
});

describe('visite de mi-carrière (L4624-2-2)', () => {
  it.each([
    ['1982-06-01', false], // 44 this year
    ['1981-06-01', true], // 45 this year
    ['1980-06-01', false], // 46 this year
  ])('born %s → %s in 2026', (birthDate, expected) => {
    const t = miCarriereTask({ id: 'w1', birthDate, dossierId: null }, D, TODAY);
    expect(t !== null).toBe(expected);
    if (t) expect(t).toMatchObject({ dueDate: '2026-12-31', subjectRef: 'worker:w1:2026', title: 'Visite de mi-carrière' });
  });
  it('branch-agreement age', () => {
    expect(miCarriereTask({ id: 'w1', birthDate: '1976-06-01', dossierId: null }, cfg({ miCarriereAge: 50 }), TODAY)).not.toBeNull();
    expect(miCarriereBirthYear(TODAY, D)).toBe(1981);
  });
});

describe('IJ limit (R323-1 CSS): 360 IJ over 3 rolling years, alarm at 300', () => {
  it('counts overlapping arrêts once, excludes cancelled, ALD and other natures', () => {
    const list = [
      arret({ startDate: '2026-01-01', expectedEndDate: '2026-01-10' }),
      arret({ startDate: '2026-01-05', expectedEndDate: '2026-01-20' }), // overlaps: 01/01–20/01 = 20 days
      arret({ startDate: '2026-03-01', expectedEndDate: '2026-03-10', cancelled: true }),
      arret({ startDate: '2026-04-01', expectedEndDate: '2026-04-10', ald: true }),
      arret({ startDate: '2026-05-01', expectedEndDate: '2026-05-10', nature: 'accident_travail' }),
    ];
    expect(ijDaysInWindow(list, TODAY, D, TODAY)).toBe(20);
    // IJ paid: 20 days of arrêt less 3 days of carence (the overlap is one arrêt).
    expect(ijPaidInWindow(list, TODAY, D, TODAY)).toBe(17);
  });
  it('counts only the rolling window (date to date)', () => {
    const list = [arret({ startDate: '2023-11-20', expectedEndDate: '2023-11-30' })];
    // Window ending 25/11/2026 starts 26/11/2023: 26–30/11 = 5 days.
    expect(ijDaysInWindow(list, TODAY, D, TODAY)).toBe(5);
    expect(ijDaysInWindow(list, TODAY, cfg({ ijWindowYears: 4 }), TODAY)).toBe(11);
    // IJ paid: the carence (20–22/11) is before the window; with 4 years, 11 days less 3.
    expect(ijPaidInWindow(list, TODAY, D, TODAY)).toBe(5);
    expect(ijPaidInWindow(list, TODAY, cfg({ ijWindowYears: 4 }), TODAY)).toBe(8);
  });
  it.each([
    [299, false],
    [300, true],
    [301, true],
  ])('%i IJ in the window → alarm %s', (total, expected) => {
    // History of total − 24 days (total − 27 IJ), current 30 days (27 IJ).
    const history = arret({ startDate: '2025-01-01', expectedEndDate: addDays('2025-01-01', total - 25) });
    const current = lasting(30, {}, '2026-10-01');
    const all = [history, current];
    expect(ijPaidInWindow(all, '2026-10-30', D, TODAY)).toBe(total);
    const alert = ijAlert(current, all, D, TODAY);
    expect(alert !== null).toBe(expected);
  });
  it('fires on the crossing arrêt only, on the crossing day', () => {
    const history = arret({ startDate: '2025-01-01', expectedEndDate: addDays('2025-01-01', 282) }); // 283 days, 280 IJ
    const current = lasting(30, {}, '2026-10-01'); // carence 01–03/10, reaches 300 IJ on its 23rd day
    const alert = ijAlert(current, [history, current], D, TODAY);
    expect(alert?.crossingDate).toBe('2026-10-23');
    // An arrêt after the crossing does not fire again.
    const next = lasting(5, {}, '2026-11-10');
    expect(ijAlert(next, [history, current, next], D, TODAY)).toBeNull();
  });
  it('the alarm threshold is configurable', () => {
    const current = lasting(100); // 97 IJ
    expect(ijAlert(current, [current], D, TODAY)).toBeNull();
    expect(ijAlert(current, [current], cfg({ ijAlertDays: 97 }), TODAY)).not.toBeNull();
    expect(ijAlert(current, [current], cfg({ ijAlertDays: 98 }), TODAY)).toBeNull();
  });
});

describe('ALD 3-year limit (R323-1 CSS)', () => {
  const ald = (start: string, end: string) => arret({ startDate: start, expectedEndDate: end, ald: true });
  it.each([
    [364, 1],
    [365, 2],
  ])('%i days back at work between two ALD arrêts → %i episode(s)', (gap, episodes) => {
    const first = ald('2024-01-01', '2024-03-31');
    const second = ald(addDays('2024-03-31', gap + 1), addDays('2024-03-31', gap + 30));
    expect(aldEpisodes([first, second], D, TODAY)).toHaveLength(episodes);
    expect(aldEpisodes([first, second], cfg({ aldResetYears: 2 }), TODAY)).toHaveLength(1);
  });
  it('warns when the episode reaches 3 years minus 90 days (boundary)', () => {
    const start = '2024-01-10';
    // Rights end 09/01/2027; warning from 11/10/2026.
    const warning = addDays(addDays(addYears(start, 3), -1), -90);
    expect(warning).toBe('2026-10-11');
    expect(aldAlert(ald(start, addDays(warning, -1)), [ald(start, addDays(warning, -1))], D, TODAY)).toBeNull();
    const reaching = ald(start, warning);
    expect(aldAlert(reaching, [reaching], D, TODAY)).toMatchObject({ warningDate: warning, rightsEnd: '2027-01-09' });
  });
  it('counts the episode from its first arrêt across short returns to work', () => {
    const first = ald('2024-01-10', '2024-06-30');
    const second = ald('2025-01-01', '2026-11-30');
    expect(aldAlert(second, [first, second], D, TODAY)?.episode.startDate).toBe('2024-01-10');
    expect(aldAlert(second, [first, second], cfg({ aldWarningDays: 30 }), TODAY)).toBeNull();
    expect(aldAlert(second, [first, second], cfg({ aldMaxYears: 2 }), TODAY)).not.toBeNull();
  });
  it('a non-ALD arrêt never warns', () => {
    const a = arret({ startDate: '2023-01-01', expectedEndDate: '2026-12-31' });
    expect(aldAlert(a, [a], D, TODAY)).toBeNull();
  });
});

describe('prescription lengths (LFSS 2026, CSS L162-4-1, L162-4-4): calendar months, information only', () => {
  it.each([
    // start, kind, end: day before / day of / day after the last day allowed
    ['2026-09-01', 'initial', '2026-09-29', false],
    ['2026-09-01', 'initial', '2026-09-30', false], // 30 days in September
    ['2026-09-01', 'initial', '2026-10-01', true],
    ['2026-10-01', 'initial', '2026-10-31', false], // 31 days in October: one month, not 30 days
    ['2026-10-01', 'initial', '2026-11-01', true],
    ['2026-10-15', 'initial', '2026-11-14', false],
    ['2026-10-15', 'initial', '2026-11-15', true],
    ['2027-01-31', 'initial', '2027-02-27', false],
    ['2027-01-31', 'initial', '2027-02-28', false], // no 31/02: the last day of February
    ['2027-01-31', 'initial', '2027-03-01', true],
    ['2028-01-31', 'initial', '2028-02-29', false], // leap year
    ['2028-01-31', 'initial', '2028-03-01', true],
    ['2026-12-01', 'prolongation', '2027-01-31', false], // 62 days: two months
    ['2026-12-01', 'prolongation', '2027-02-01', true],
    ['2026-12-31', 'prolongation', '2027-02-28', false],
    ['2026-12-31', 'prolongation', '2027-03-01', true],
  ] as const)('%s, %s until %s → exceeds %s', (start, kind, end, expected) => {
    expect(prescriptionExceedsLimit(kind, start, end, D)).toBe(expected);
  });
  it('follows the configured months', () => {
    expect(prescriptionLastDay('initial', '2026-10-01', cfg({ prescriptionInitialMaxMonths: 2 }))).toBe('2026-11-30');
  });
  it('not before 01/09/2026 (day before / of)', () => {
    expect(prescriptionExceedsLimit('initial', '2026-08-31', '2026-11-30', D)).toBe(false);
    expect(prescriptionExceedsLimit('initial', '2026-09-01', '2026-11-30', D)).toBe(true);
  });
});

describe('calendar months and years (C. proc. civ. art. 641 convention)', () => {
  it.each([
    ['2026-01-01', 1, '2026-01-31'],
    ['2026-01-15', 1, '2026-02-14'],
    ['2026-01-29', 1, '2026-02-28'],
    ['2026-01-30', 1, '2026-02-28'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-29', 1, '2028-02-28'],
    ['2028-01-30', 1, '2028-02-29'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-01', 1, '2026-03-31'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2023-03-01', 12, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-03-01', 12, '2025-02-28'],
  ] as const)('%s + %i month(s) → last day %s', (start, months, last) => {
    expect(periodLastDay(start, months)).toBe(last);
  });
});

describe('absences: contiguous arrêts form one absence (issue 13 item 1)', () => {
  const w = (list: RuleArret[]) => new Map([['w1', list]]);
  const ws = new Map([['w1', worker]]);
  it('a new arrêt starting the day after the previous one ends continues the absence; a day back at work ends it', () => {
    const a = lasting(20, {}, '2026-10-01'); // 01–20/10
    const next = lasting(20, {}, '2026-10-21'); // the day after
    const gap = lasting(20, {}, '2026-10-22'); // one day back at work (21/10)
    const overlap = lasting(20, {}, '2026-10-20');
    expect(absences([a, next], TODAY)).toHaveLength(1);
    expect(absences([a, next], TODAY)[0]).toMatchObject({ headId: a.id, startDate: '2026-10-01', endDate: '2026-11-09' });
    expect(absences([a, gap], TODAY)).toHaveLength(2);
    expect(absences([a, overlap], TODAY)).toHaveLength(1);
    expect(absences([a, lasting(20, { cancelled: true }, '2026-10-21')], TODAY)).toHaveLength(1);
  });
  it.each([
    [15, 15, false],
    [15, 16, true],
    [16, 16, true],
  ])('pré-reprise and liaison: %i + %i contiguous days → %s', (d1, d2, expected) => {
    const a = lasting(d1, {}, '2026-10-01');
    const b = lasting(d2, {}, addDays('2026-10-01', d1));
    expect(preRepriseApplies(b, D, TODAY, [a, b])).toBe(expected);
    expect(liaisonApplies(b, D, TODAY, [a, b])).toBe(expected);
    expect(preRepriseApplies(a, D, TODAY, [a, b])).toBe(expected);
    // Not contiguous (a day back at work): each alone.
    const late = lasting(d2, {}, addDays('2026-10-01', d1 + 1));
    expect(preRepriseApplies(late, D, TODAY, [a, late])).toBe(false);
  });
  it.each([
    ['maladie', 30, 29, false],
    ['maladie', 30, 30, true],
    ['maladie', 30, 31, true],
    ['accident_travail', 15, 14, false],
    ['accident_travail', 15, 15, true],
    ['accident_travail', 15, 16, true],
  ] as const)('visite de reprise: %s of %i + %i contiguous days → %s', (nature, d1, d2, expected) => {
    const a = lasting(d1, { nature }, '2026-06-01');
    const b = lasting(d2, { nature }, addDays('2026-06-01', d1));
    expect(repriseRequired(b, D, TODAY, [a, b])).toBe(expected);
    expect(repriseRequired(a, D, TODAY, [a, b])).toBe(expected);
    const late = lasting(d2, { nature }, addDays('2026-06-01', d1 + 1));
    expect(repriseRequired(late, D, TODAY, [a, late])).toBe(false);
  });
  it('an absence mixing natures: an AT in it → 30 days; MP in it → always', () => {
    const at = lasting(10, { nature: 'accident_travail' }, '2026-06-01');
    const ma = lasting(20, { nature: 'maladie' }, '2026-06-11');
    expect(repriseRequired(ma, D, TODAY, [at, ma])).toBe(true);
    expect(repriseRequired(ma, D, TODAY, [at, lasting(19, { nature: 'maladie', id: ma.id }, '2026-06-11')])).toBe(false);
    const mp = lasting(5, { nature: 'maladie_professionnelle' }, '2026-06-11');
    expect(repriseRequired(at, D, TODAY, [at, mp])).toBe(true);
  });
  it('the absence starts the reform clock: a contiguous arrêt after 31/03/2022 keeps the former rules', () => {
    const a = lasting(10, {}, '2022-03-22'); // 22–31/03
    const b = lasting(20, {}, '2022-04-01');
    expect(repriseRequired(b, D, TODAY, [a, b])).toBe(true); // 30 days, former threshold
    expect(repriseRequired(b, D, TODAY, [b])).toBe(false); // alone: after the reform, 20 < 60
  });
  it('one task per absence, about its first arrêt; the reprise at the return after the last', () => {
    const a = lasting(20, {}, '2026-11-01'); // 01–20/11
    const b = lasting(20, {}, '2026-11-21'); // 21/11–10/12: absence of 40 days, running
    const e = evaluateArrets([a, b], w([a, b]), ws, D, TODAY);
    expect(e.tasks.filter((t) => t.ruleId === 'pre_reprise').map((t) => t.subjectRef)).toEqual([`arret:${a.id}`]);
    expect(e.tasks.filter((t) => t.ruleId === 'rdv_liaison').map((t) => t.subjectRef)).toEqual([`arret:${a.id}`]);
    // Only b written (a prolongation by a new arrêt): the same subject.
    const e2 = evaluateArrets([b], w([a, b]), ws, D, TODAY);
    expect(e2.tasks.filter((t) => t.ruleId === 'pre_reprise').map((t) => t.subjectRef)).toEqual([`arret:${a.id}`]);
    expect(e2.tasks.find((t) => t.ruleId === 'pre_reprise')?.dueDate).toBe(addDays(TODAY, 7));
    // Maladie of 40 days: no reprise; the former subjects of both arrêts are stale.
    expect(e2.repriseSubjects.get(a.id)).toBeNull();
    expect(e2.repriseSubjects.get(b.id)).toBeNull();
    const c = lasting(30, {}, '2026-12-11'); // 70 days: reprise at 10/01/2027
    const e3 = evaluateArrets([c], w([a, b, c]), ws, D, TODAY);
    expect(e3.tasks.filter((t) => t.ruleId === 'visite_reprise').map((t) => [t.subjectRef, t.dueDate])).toEqual([[`arret:${a.id}:2027-01-10`, '2027-01-18']]);
    expect(e3.repriseSubjects.get(a.id)).toBe(`arret:${a.id}:2027-01-10`);
    expect(e3.repriseSubjects.get(c.id)).toBeNull();
    expect(e3.absenceHeads.get(c.id)).toBe(a.id);
  });
  it('an open-ended arrêt at the end of the absence: no return yet', () => {
    const a = lasting(70, { nature: 'maladie_professionnelle' }, '2026-09-01');
    const b = arret({ startDate: addDays('2026-09-01', 70), nature: 'maladie_professionnelle' });
    const e = evaluateArrets([a], w([a, b]), ws, D, TODAY);
    expect(e.tasks.some((t) => t.ruleId === 'visite_reprise')).toBe(false);
  });
});

describe('maternité (R4624-31 1°; L4624-2-4 and L1226-1-3: incapacité résultant de maladie ou d’accident)', () => {
  it('a visite de reprise, never a pré-reprise nor a rendez-vous de liaison', () => {
    const m = lasting(112, { nature: 'maternite' }, '2026-10-01');
    expect(repriseRequired(m, D, TODAY)).toBe(true);
    expect(preRepriseApplies(m, D, TODAY)).toBe(false);
    expect(liaisonApplies(m, D, TODAY)).toBe(false);
    const e = evaluateArrets([m], new Map([['w1', [m]]]), new Map([['w1', worker]]), D, TODAY);
    expect(e.tasks.map((t) => t.ruleId)).toEqual(['visite_reprise']);
  });
  it.each([
    [30, false],
    [31, true],
  ])('a maladie contiguous to a maternité: only the maladie counts for the pré-reprise (%i days → %s)', (days, expected) => {
    const m = lasting(112, { nature: 'maternite' }, '2026-06-01');
    const ma = lasting(days, { nature: 'maladie' }, addDays('2026-06-01', 112));
    expect(preRepriseApplies(ma, D, TODAY, [m, ma])).toBe(expected);
    expect(liaisonApplies(ma, D, TODAY, [m, ma])).toBe(expected);
    // The reprise follows the whole absence, maternité included.
    expect(repriseRequired(ma, D, TODAY, [m, ma])).toBe(true);
  });
});

describe('the 2022 reform for the pré-reprise and the liaison (« arrêts commençant après le 31 mars 2022 »)', () => {
  it.each([
    // start, last day, today, pré-reprise
    ['2022-03-31', '2022-06-30', '2022-06-30', false], // three months exactly
    ['2022-03-31', '2022-07-01', '2022-07-01', true], // more than three months
    ['2022-03-30', '2022-06-29', '2022-06-29', false],
    ['2022-03-30', '2022-06-30', '2022-06-30', true],
    ['2022-04-01', '2022-04-30', '2022-04-30', false], // 30 days
    ['2022-04-01', '2022-05-01', '2022-05-01', true], // 31 days
  ])('absence from %s to %s → pré-reprise %s', (start, end, today, expected) => {
    const a = arret({ startDate: start, expectedEndDate: end });
    expect(preRepriseApplies(a, D, today)).toBe(expected);
  });
  it('no rendez-vous de liaison for an absence starting on or before 31/03/2022 (décret 2022-373)', () => {
    expect(liaisonApplies(arret({ startDate: '2022-03-31', expectedEndDate: '2022-09-30' }), D, '2022-06-01')).toBe(false);
    expect(liaisonApplies(arret({ startDate: '2022-04-01', expectedEndDate: '2022-05-01' }), D, '2022-05-01')).toBe(true);
    expect(liaisonApplies(arret({ startDate: '2022-04-01', expectedEndDate: '2022-04-30' }), D, '2022-04-30')).toBe(false);
  });
  it('the former pré-reprise length is a setting', () => {
    expect(preRepriseApplies(arret({ startDate: '2022-03-31', expectedEndDate: '2022-05-01' }), cfg({ preRepriseLegacyAfterMonths: 1 }), '2022-05-01')).toBe(true);
  });
});

describe('saved worklists', () => {
  it('more than 60 days: started on or before today − 60 (61 days so far)', () => {
    const limit = longArretStartedOnOrBefore(TODAY, D.worklistLongDays);
    expect(arretDurationDays(arret({ startDate: limit }), TODAY)).toBe(61);
    expect(arretDurationDays(arret({ startDate: addDays(limit, 1) }), TODAY)).toBe(60);
    expect(arretDurationDays(arret({ startDate: longArretStartedOnOrBefore(TODAY, D.worklistVeryLongDays) }), TODAY)).toBe(91);
  });
  it('repeated arrêts: 12 months including today', () => {
    expect(repeatedWindowStart(TODAY, D)).toBe('2025-11-26');
  });
});

describe('evaluation', () => {
  it('cancelled arrêts propose nothing and are listed for cancellation', () => {
    const a = lasting(90, { cancelled: true });
    const e = evaluateArrets([a], new Map([['w1', [a]]]), new Map([['w1', worker]]), D, TODAY);
    expect(e.tasks).toEqual([]);
    expect(e.cancelledArretIds).toEqual([a.id]);
  });
  it('the same facts give the same proposals (idempotence)', () => {
    const a = lasting(90, { nature: 'accident_travail' });
    const args = [[a], new Map([['w1', [a]]]), new Map([['w1', { ...worker, birthDate: '1981-02-02' }]]), D, TODAY] as const;
    expect(evaluateArrets(...args).tasks).toEqual(evaluateArrets(...args).tasks);
    expect(evaluateArrets(...args).tasks.map((t) => t.ruleId).sort()).toEqual(['mi_carriere', 'pre_reprise', 'rdv_liaison', 'visite_reprise']);
  });
});

describe('day arithmetic', () => {
  it('agrees with the calendar over 200 years', () => {
    for (let t = Date.UTC(1900, 0, 1); t <= Date.UTC(2100, 11, 31); t += 86_400_000 * 7) {
      const iso = new Date(t).toISOString().slice(0, 10);
      const next = new Date(t + 86_400_000 * 400).toISOString().slice(0, 10);
      expect(addDays(iso, 400)).toBe(next);
    }
  });
});

describe('IJ count less the délai de carence (CSS R323-1; issue 13 item 5)', () => {
  it.each([
    [361, 358],
    [362, 359],
    [363, 360],
  ])('one arrêt maladie of %i days → %i IJ', (days, ij) => {
    const a = lasting(days, {}, '2025-06-01');
    expect(ijPaidInWindow([a], a.expectedEndDate!, D, TODAY)).toBe(ij);
  });
  it('a contiguous arrêt (prolongation, or a new arrêt the day after) has no carence; after a day back at work, a new carence', () => {
    const a = lasting(10, {}, '2026-01-01'); // 01–10/01: 7 IJ
    const next = lasting(10, {}, '2026-01-11'); // the day after: 10 IJ
    const later = lasting(10, {}, '2026-01-12'); // one day back at work: 7 IJ
    expect(ijPaidInWindow([a], '2026-06-01', D, TODAY)).toBe(7);
    expect(ijPaidInWindow([a, next], '2026-06-01', D, TODAY)).toBe(17);
    expect(ijPaidInWindow([a, later], '2026-06-01', D, TODAY)).toBe(14);
  });
  it('an arrêt of 3 days or less gives no IJ', () => {
    expect(ijPaidInWindow([lasting(3, {}, '2026-01-01')], '2026-06-01', D, TODAY)).toBe(0);
    expect(ijPaidInWindow([lasting(4, {}, '2026-01-01')], '2026-06-01', D, TODAY)).toBe(1);
  });
  it.each(['accident_travail', 'maladie_professionnelle', 'maternite'])('%s is not counted (nor an ALD)', (nature) => {
    expect(ijPaidInWindow([lasting(100, { nature }, '2026-01-01')], '2026-06-01', D, TODAY)).toBe(0);
    expect(ijPaidInWindow([lasting(100, { ald: true }, '2026-01-01')], '2026-06-01', D, TODAY)).toBe(0);
  });
  it('the carence is a setting', () => {
    expect(ijPaidInWindow([lasting(10, {}, '2026-01-01')], '2026-06-01', cfg({ ijCarenceDays: 0 }), TODAY)).toBe(10);
  });
  it('an AT between two arrêts maladie does not make them contiguous for the IJ count', () => {
    const a = lasting(10, {}, '2026-01-01');
    const at = lasting(5, { nature: 'accident_travail' }, '2026-01-11');
    const b = lasting(10, {}, '2026-01-16');
    expect(ijPaidInWindow([a, at, b], '2026-06-01', D, TODAY)).toBe(14);
  });
  it('the alarm of a long arrêt fires on its 303rd day (300 IJ), not its 300th', () => {
    const a = lasting(400, {}, '2025-06-01');
    expect(ijAlert(a, [a], D, TODAY)?.crossingDate).toBe(addDays('2025-06-01', 302));
  });
});

describe('ALD: a new period after one calendar year back at work (issue 13 item 6)', () => {
  const ald = (start: string, end: string) => arret({ startDate: start, expectedEndDate: end, ald: true });
  it.each([
    // Back at work from 01/03/2023: the year ends 29/02/2024 (leap), 366 days.
    ['2023-02-28', '2024-02-28', 1],
    ['2023-02-28', '2024-02-29', 1], // 365 days back at work: not a year here
    ['2023-02-28', '2024-03-01', 2],
    // Back at work from 01/03/2024: the year ends 28/02/2025.
    ['2024-02-29', '2025-02-28', 1],
    ['2024-02-29', '2025-03-01', 2],
    // Back at work from 29/02/2024: no 29/02/2025, the year ends 28/02/2025.
    ['2024-02-28', '2025-02-28', 1],
    ['2024-02-28', '2025-03-01', 2],
  ] as const)('ALD arrêt ending %s, next one starting %s → %i period(s)', (end, next, periods) => {
    const first = ald('2022-06-01', end);
    const second = ald(next, addDays(next, 30));
    expect(aldEpisodes([first, second], D, TODAY)).toHaveLength(periods);
  });
});

describe('visite de mi-carrière anticipated and coupled (L4624-2-2; issue 13 item 11)', () => {
  const born1983: RuleWorker = { id: 'w1', birthDate: '1983-06-01', dossierId: 'd1' }; // 45 in 2028
  it.each([
    ['2025-12-31', false], // three years before
    ['2026-01-01', true], // two years before the échéance
    ['2027-12-31', true],
    ['2028-01-01', false], // the year itself: the yearly task
  ])('a visite de reprise due %s → coupled task %s', (due, expected) => {
    const t = miCarriereCoupledTask(born1983, due, D);
    expect(t !== null).toBe(expected);
    if (t) expect(t).toMatchObject({ ruleId: 'mi_carriere', dueDate: due, subjectRef: 'worker:w1:2028:anticipee', title: MI_CARRIERE_COUPLED_TITLE });
  });
  it('proposed with the reprise of a worker of 43 or 44', () => {
    const a = lasting(60, { nature: 'accident_travail' }, '2026-10-01');
    const e = evaluateArrets([a], new Map([['w1', [a]]]), new Map([['w1', born1983]]), D, TODAY);
    expect(e.tasks.filter((t) => t.ruleId === 'mi_carriere').map((t) => t.subjectRef)).toEqual(['worker:w1:2028:anticipee']);
    expect(evaluateArrets([a], new Map([['w1', [a]]]), new Map([['w1', born1983]]), cfg({ miCarriereAnticipationYears: 0 }), TODAY).tasks.some((t) => t.ruleId === 'mi_carriere')).toBe(false);
  });
  it.each([
    ['2024-12-31', false],
    ['2025-01-01', true], // anticipated visit in the two years before 2027
    ['2027-03-01', true],
  ])('a visite de mi-carrière held or planned on %s covers the échéance of 2027 → no yearly task: %s', (visitOn, covered) => {
    const w: RuleWorker = { id: 'w1', birthDate: '1982-06-01', dossierId: null, miCarriereVisitOn: visitOn };
    expect(miCarriereTask(w, D, '2027-02-01') === null).toBe(covered);
  });
  it('its task done (coupled or yearly) covers the échéance', () => {
    const w: RuleWorker = { id: 'w1', birthDate: '1982-06-01', dossierId: null, miCarriereDoneYear: 2027 };
    expect(miCarriereTask(w, D, '2027-02-01')).toBeNull();
    expect(miCarriereTask({ ...w, miCarriereDoneYear: 2026 }, D, '2027-02-01')).not.toBeNull();
  });
});
