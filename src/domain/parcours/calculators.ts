/**
 * Calculators shown on the case page: IJ paid over the rolling 3 years (CSS R323-1, 360 IJ
 * maladie non-ALD: days of arrêt less the délai de carence of each absence), the ALD 3-year limit, and the start of an invalidity pension from
 * its decision date (configurable rule, seed 004). Pure functions; the IJ and ALD numbers are
 * the service's « Règles de détection » (one place: src/domain/intake/rules-config.ts).
 */
import type { Checked } from '../errors';
import { daysBetween } from '../calendar/dates';
import { aldEpisodes, aldRightsEnd, ijPaidInWindow, ijWindowStart, type RuleArret } from '../intake/rules';
import type { IntakeRulesConfig } from '../intake/rules-config';
import { addMonths } from './catalogue/working-days';

export interface IjCalculation {
  /** IJ maladie (non-ALD) paid within the window ending today: days of arrêt, overlaps once, less the carence of each absence. */
  consumed: number;
  limit: number;
  remaining: number;
  reached: boolean;
  windowStart: string;
  windowEnd: string;
}

/** IJ maladie (non-ALD) consumed over the rolling window ending `today`. */
export function ijCalculation(arrets: readonly RuleArret[], today: string, c: IntakeRulesConfig): IjCalculation {
  const consumed = ijPaidInWindow(arrets, today, c, today);
  return {
    consumed,
    limit: c.ijMaxDays,
    remaining: Math.max(0, c.ijMaxDays - consumed),
    reached: consumed >= c.ijMaxDays,
    windowStart: ijWindowStart(today, c),
    windowEnd: today,
  };
}

export interface AldCalculation {
  startDate: string;
  /** Last day of the episode's arrêts known so far. */
  endDate: string;
  /** Last day of IJ rights (3 years date to date from the start). */
  rightsEnd: string;
  /** Days from today to the end of rights, both included (0 once passed). */
  daysRemaining: number;
  exhausted: boolean;
}

/** ALD episodes of the worker (a year back at work starts a new 3-year period), most recent first. */
export function aldCalculation(arrets: readonly RuleArret[], today: string, c: IntakeRulesConfig): AldCalculation[] {
  return aldEpisodes(arrets, c, today)
    .map((e) => {
      const rightsEnd = aldRightsEnd(e.startDate, c);
      const daysRemaining = Math.max(0, daysBetween(today, rightsEnd) + 1);
      return { startDate: e.startDate, endDate: e.endDate, rightsEnd, daysRemaining, exhausted: rightsEnd < today };
    })
    .reverse();
}

/**
 * The rule giving the first day of an invalidity pension from the date of the decision: a
 * decision on days 1…cutoffDay of month M is paid from the 1st of M+monthsIfEarly, later ones
 * from the 1st of M+monthsIfLate (seed 004: decision 25/10/25 → 01/12/25; to confirm, hence a
 * setting of the service).
 */
export interface InvalidityStartRule {
  cutoffDay: number;
  monthsIfEarly: number;
  monthsIfLate: number;
}

export const INVALIDITY_CUTOFF_DAY = 15;
export const INVALIDITY_MONTHS_IF_EARLY = 1;
export const INVALIDITY_MONTHS_IF_LATE = 2;
export const DEFAULT_INVALIDITY_RULE: Readonly<InvalidityStartRule> = Object.freeze({
  cutoffDay: INVALIDITY_CUTOFF_DAY,
  monthsIfEarly: INVALIDITY_MONTHS_IF_EARLY,
  monthsIfLate: INVALIDITY_MONTHS_IF_LATE,
});
/** Bounds of the rule's settings. */
export const INVALIDITY_RULE_BOUNDS = { cutoffDay: [1, 31], months: [0, 12] } as const;

/** First day of the pension for a decision taken on `decisionDate`. */
export function invalidityStartDate(decisionDate: string, rule: InvalidityStartRule = DEFAULT_INVALIDITY_RULE): string {
  const day = Number(decisionDate.slice(8, 10));
  const months = day <= rule.cutoffDay ? rule.monthsIfEarly : rule.monthsIfLate;
  return addMonths(`${decisionDate.slice(0, 8)}01`, months);
}

/** Validates the rule as sent by the settings form (or as stored). */
export function checkInvalidityRule(input: unknown): Checked<InvalidityStartRule> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, code: 'REGLE_INVALIDE', message: 'La règle doit être un objet { cutoffDay, monthsIfEarly, monthsIfLate }.' };
  }
  const o = input as Record<string, unknown>;
  const int = (k: string) => (typeof o[k] === 'number' && Number.isInteger(o[k]) ? (o[k] as number) : null);
  const cutoffDay = int('cutoffDay');
  const [dMin, dMax] = INVALIDITY_RULE_BOUNDS.cutoffDay;
  if (cutoffDay === null || cutoffDay < dMin || cutoffDay > dMax) {
    return { ok: false, code: 'VALEUR_HORS_LIMITES', message: `Le jour limite doit être un entier entre ${dMin} et ${dMax}.`, field: 'cutoffDay' };
  }
  const [mMin, mMax] = INVALIDITY_RULE_BOUNDS.months;
  for (const k of ['monthsIfEarly', 'monthsIfLate'] as const) {
    const v = int(k);
    if (v === null || v < mMin || v > mMax) return { ok: false, code: 'VALEUR_HORS_LIMITES', message: `Le nombre de mois doit être un entier entre ${mMin} et ${mMax}.`, field: k };
  }
  const rule = { cutoffDay, monthsIfEarly: int('monthsIfEarly')!, monthsIfLate: int('monthsIfLate')! };
  if (rule.monthsIfLate < rule.monthsIfEarly) {
    return { ok: false, code: 'SEUIL_INCOHERENT', message: 'Une décision prise en fin de mois ne peut pas prendre effet avant une décision prise en début de mois.', field: 'monthsIfLate' };
  }
  return { ok: true, value: rule };
}

/** The service's rule from its stored setting; an invalid stored value falls back to the default. */
export function invalidityRuleFrom(stored: unknown): InvalidityStartRule {
  if (stored === null || stored === undefined) return { ...DEFAULT_INVALIDITY_RULE };
  const r = checkInvalidityRule(stored);
  return r.ok ? r.value : { ...DEFAULT_INVALIDITY_RULE };
}

