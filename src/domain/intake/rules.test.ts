import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES_CONFIG as D, type IntakeRulesConfig } from './rules-config';
import { addDays, addYears } from '../calendar/dates';
import { aldAlert, aldEpisodes, arretDurationDays, evaluateArrets, ijAlert, ijDaysInWindow, isRepriseVisitLate, liaisonApplies, longArretStartedOnOrBefore, miCarriereBirthYear, miCarriereTask, preRepriseApplies, prescriptionExceedsLimit, repeatedWindowStart, repriseDeadline, repriseRequired, returnDate, type RuleArret, type RuleWorker } from './rules';

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
  it('arrêts maladie starting before 31/03/2022: the former 30 days', () => {
    expect(repriseRequired(lasting(30, {}, '2022-03-30'), D, TODAY)).toBe(true);
    expect(repriseRequired(lasting(29, {}, '2022-03-30'), D, TODAY)).toBe(false);
    expect(repriseRequired(lasting(30, {}, '2022-03-31'), D, TODAY)).toBe(false);
    expect(repriseRequired(lasting(30, {}, '2022-03-31'), cfg({ repriseMaladieFromDate: '2022-04-01' }), TODAY)).toBe(true);
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
    const make = (deadline: string) => {
      const end = addDays(deadline, -D.repriseDeadlineDays - 1);
      return arret({ startDate: addDays(end, -99), expectedEndDate: end, nature: 'maladie_professionnelle' });
    };
    const kept = make(addDays(TODAY, -60));
    const dropped = make(addDays(TODAY, -61));
    const e = evaluateArrets([kept, dropped], new Map([['w1', [kept, dropped]]]), new Map([['w1', worker]]), D, TODAY);
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
  });
  it('counts only the rolling window (date to date)', () => {
    const list = [arret({ startDate: '2023-11-20', expectedEndDate: '2023-11-30' })];
    // Window ending 25/11/2026 starts 26/11/2023: 26–30/11 = 5 days.
    expect(ijDaysInWindow(list, TODAY, D, TODAY)).toBe(5);
    expect(ijDaysInWindow(list, TODAY, cfg({ ijWindowYears: 4 }), TODAY)).toBe(11);
  });
  it.each([
    [299, false],
    [300, true],
    [301, true],
  ])('%i days in the window → alarm %s', (total, expected) => {
    const history = arret({ startDate: '2025-01-01', expectedEndDate: addDays('2025-01-01', total - 31) });
    const current = lasting(30, {}, '2026-10-01');
    const all = [history, current];
    expect(ijDaysInWindow(all, '2026-10-30', D, TODAY)).toBe(total);
    const alert = ijAlert(current, all, D, TODAY);
    expect(alert !== null).toBe(expected);
  });
  it('fires on the crossing arrêt only, on the crossing day', () => {
    const history = arret({ startDate: '2025-01-01', expectedEndDate: addDays('2025-01-01', 279) }); // 280 days
    const current = lasting(30, {}, '2026-10-01'); // reaches 300 on its 20th day
    const alert = ijAlert(current, [history, current], D, TODAY);
    expect(alert?.crossingDate).toBe('2026-10-20');
    // An arrêt after the crossing does not fire again.
    const next = lasting(5, {}, '2026-11-10');
    expect(ijAlert(next, [history, current, next], D, TODAY)).toBeNull();
  });
  it('the alarm threshold is configurable', () => {
    const current = lasting(100);
    expect(ijAlert(current, [current], D, TODAY)).toBeNull();
    expect(ijAlert(current, [current], cfg({ ijAlertDays: 100 }), TODAY)).not.toBeNull();
    expect(ijAlert(current, [current], cfg({ ijAlertDays: 101 }), TODAY)).toBeNull();
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
    expect(aldEpisodes([first, second], cfg({ aldResetDays: gap + 1 }), TODAY)).toHaveLength(1);
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

describe('prescription lengths (LFSS 2026): information only', () => {
  it.each([
    ['initial', 30, false],
    ['initial', 31, true],
    ['prolongation', 60, false],
    ['prolongation', 61, true],
  ] as const)('%s of %i days → exceeds %s', (kind, days, expected) => {
    expect(prescriptionExceedsLimit(kind, '2026-09-01', days, D)).toBe(expected);
  });
  it('not before 01/09/2026', () => {
    expect(prescriptionExceedsLimit('initial', '2026-08-31', 90, D)).toBe(false);
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
