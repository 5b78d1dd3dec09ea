/**
 * Exit of a case and its follow-up (domain §8, IGAS recommendation 20: situation at 6 months,
 * and at 12): the checks of an exit and of a follow-up, the follow-up due dates, and whether the
 * worker is lost to follow-up. Pure; the numbers are configuration with these defaults.
 */
import { isIsoDate } from '../calendar/dates';
import type { Checked } from '../errors';
import { addDays } from '../calendar/dates';
import { addMonths } from './catalogue/working-days';
import { isOutcome, LOST_OUTCOME, type Outcome } from './outcomes';

export interface FollowUpConfig {
  /** IGAS recommendation 20: the situation at 6 months after the exit. */
  firstMonths: number;
  /** And at 12 months. */
  secondMonths: number;
  /** A follow-up may be recorded this many days before its due date (the worker is reached a bit early). */
  earlyDays: number;
  /** An exit may be dated back at most this many days (recorded late). */
  maxBackdateDays: number;
}

export const FOLLOW_UP_DEFAULTS: Readonly<FollowUpConfig> = Object.freeze({ firstMonths: 6, secondMonths: 12, earlyDays: 30, maxBackdateDays: 365 });

export const FOLLOW_UP_HORIZONS = [6, 12] as const;
export type FollowUpHorizon = (typeof FOLLOW_UP_HORIZONS)[number];

/** Rule ids of the follow-up tasks (task.rule_id; subject `dossier:<id>`: one task per case and horizon). */
export const FOLLOW_UP_RULES: Readonly<Record<FollowUpHorizon, string>> = { 6: 'suivi_6m', 12: 'suivi_12m' };
export const FOLLOW_UP_TITLES: Readonly<Record<FollowUpHorizon, string>> = {
  6: 'Suivi à 6 mois de la sortie : recueillir la situation du salarié',
  12: 'Suivi à 12 mois de la sortie : recueillir la situation du salarié',
};
/** Date to date (31/08 + 6 months → 28 or 29/02): the catalogue's calendar arithmetic, one source. */
export { addMonths };

export const followUpSubject = (dossierId: string) => `dossier:${dossierId}`;

/** Due date of the follow-up at `horizon` months for an exit on `exitedAt`. */
export function followUpDue(exitedAt: string, horizon: FollowUpHorizon, c: FollowUpConfig = FOLLOW_UP_DEFAULTS): string {
  return addMonths(exitedAt, horizon === 6 ? c.firstMonths : c.secondMonths);
}

/** The earliest day a follow-up may be recorded. */
export function followUpOpensOn(exitedAt: string, horizon: FollowUpHorizon, c: FollowUpConfig = FOLLOW_UP_DEFAULTS): string {
  return addDays(followUpDue(exitedAt, horizon, c), -c.earlyDays);
}

export interface ExitInput {
  outcome: string;
  exitedAt: string;
  note?: string | null;
}

export const EXIT_NOTE_MAX = 2000;

/** Checks an exit: a known outcome, a date neither in the future nor older than `maxBackdateDays`. */
export function checkExit(input: ExitInput, today: string, c: FollowUpConfig = FOLLOW_UP_DEFAULTS): Checked<{ outcome: Outcome; exitedAt: string; note: string | null }> {
  if (!isOutcome(input.outcome)) return { ok: false, code: 'ISSUE_INCONNUE', message: 'Choisissez la situation du salarié à la sortie.', field: 'outcome' };
  if (typeof input.exitedAt !== 'string' || !isIsoDate(input.exitedAt)) return { ok: false, code: 'DATE_SORTIE_INVALIDE', message: 'Date de sortie invalide (AAAA-MM-JJ).', field: 'exitedAt' };
  if (input.exitedAt > today) return { ok: false, code: 'DATE_SORTIE_FUTURE', message: 'La date de sortie ne peut pas être dans le futur.', field: 'exitedAt' };
  if (input.exitedAt < addDays(today, -c.maxBackdateDays)) {
    return { ok: false, code: 'DATE_SORTIE_TROP_ANCIENNE', message: `La date de sortie ne peut pas remonter à plus de ${c.maxBackdateDays} jours.`, field: 'exitedAt' };
  }
  const note = (input.note ?? '').trim();
  if (note.length > EXIT_NOTE_MAX) return { ok: false, code: 'NOTE_TROP_LONGUE', message: `La note ne doit pas dépasser ${EXIT_NOTE_MAX} caractères.`, field: 'note' };
  return { ok: true, value: { outcome: input.outcome, exitedAt: input.exitedAt, note: note || null } };
}

export interface FollowUpInput {
  horizon: number;
  outcome: string;
}

/** Checks a follow-up: horizon 6 or 12, a known outcome, not before it opens. */
export function checkFollowUp(input: FollowUpInput, exitedAt: string, today: string, c: FollowUpConfig = FOLLOW_UP_DEFAULTS): Checked<{ horizon: FollowUpHorizon; outcome: Outcome }> {
  if (input.horizon !== 6 && input.horizon !== 12) return { ok: false, code: 'SUIVI_ECHEANCE_INCONNUE', message: 'Le suivi se fait à 6 ou à 12 mois.', field: 'horizon' };
  if (!isOutcome(input.outcome)) return { ok: false, code: 'ISSUE_INCONNUE', message: 'Choisissez la situation du salarié.', field: 'outcome' };
  const opens = followUpOpensOn(exitedAt, input.horizon, c);
  if (today < opens) {
    const [y, m, d] = opens.split('-');
    return { ok: false, code: 'SUIVI_PREMATURE', message: `Le suivi à ${input.horizon} mois peut être enregistré à partir du ${d}/${m}/${y}.`, field: 'horizon' };
  }
  return { ok: true, value: { horizon: input.horizon, outcome: input.outcome } };
}

/** Lost to follow-up: the most recent known situation is « perdu de vue ». */
export function isLostToFollowUp(e: { outcome: string; followUp6mOutcome: string | null; followUp12mOutcome: string | null }): boolean {
  const latest = e.followUp12mOutcome ?? e.followUp6mOutcome ?? e.outcome;
  return latest === LOST_OUTCOME;
}
