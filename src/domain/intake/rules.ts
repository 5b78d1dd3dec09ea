/**
 * Turning signals into work (domain §4): pure rules over an arrêt, its worker and the worker's
 * other arrêts, answering which tasks the cell should have and when they are due. No I/O: the
 * applier (services/intake/arret-rules-applier.ts) loads the facts and writes the tasks.
 *
 * Durations are counted in calendar days, both ends included: an arrêt from the 1st to the
 * 30th lasts 30 days. The texts measure the worker's *absence*, not one arrêt: contiguous arrêts
 * (a prolongation, or a new arrêt starting the day after the previous one ends) form one
 * absence (see `absences`). A task is identified by its rule and its subject, so evaluating the
 * same facts again proposes the same (rule, subject) pairs and never a duplicate.
 */
import { addDays, addYears, daysBetween, fromDayNumber as fromDay, toDayNumber as toDay } from '../calendar/dates';
import type { IntakeRulesConfig } from './rules-config';

export const ARRET_NATURES = ['maladie', 'accident_travail', 'maladie_professionnelle', 'maternite'] as const;
export type ArretNature = (typeof ARRET_NATURES)[number];

export const NATURE_LABELS: Readonly<Record<ArretNature, string>> = {
  maladie: 'Maladie',
  accident_travail: 'Accident du travail',
  maladie_professionnelle: 'Maladie professionnelle',
  maternite: 'Maternité',
};

export const RULE_IDS = ['pre_reprise', 'rdv_liaison', 'visite_reprise', 'mi_carriere', 'plafond_ij', 'fin_droits_ald'] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Title of the task each rule creates (the task's kind is the rule id). */
export const RULE_TASK_TITLES: Readonly<Record<RuleId, string>> = {
  pre_reprise: 'Proposer une visite de pré-reprise',
  rdv_liaison: 'Informer du rendez-vous de liaison',
  visite_reprise: 'Organiser la visite de reprise',
  mi_carriere: 'Visite de mi-carrière',
  plafond_ij: "Plafond d'IJ bientôt atteint",
  fin_droits_ald: 'Fin de droits ALD à anticiper',
};

/** Rules whose subject is one arrêt (`arret:<id>…`): an annulation of the arrêt cancels their open tasks. */
export const ARRET_SCOPED_RULES: readonly RuleId[] = ['pre_reprise', 'rdv_liaison', 'visite_reprise', 'plafond_ij'];

export interface RuleArret {
  id: string;
  workerId: string;
  nature: ArretNature | string;
  startDate: string;
  expectedEndDate: string | null;
  actualEndDate: string | null;
  ald: boolean;
  cancelled: boolean;
}

export interface RuleWorker {
  id: string;
  birthDate: string;
  /** The worker's open dossier, if any: tasks are attached to it. */
  dossierId: string | null;
  /** Day of his latest visite de mi-carrière held or planned (not cancelled, not missed), if any. */
  miCarriereVisitOn?: string | null;
  /** Latest year whose mi-carrière task (yearly or anticipated) was done, if any. */
  miCarriereDoneYear?: number | null;
}

export interface TaskProposal {
  workerId: string;
  dossierId: string | null;
  ruleId: RuleId;
  title: string;
  dueDate: string;
  subjectRef: string;
}

const maxDate = (a: string, b: string) => (a > b ? a : b);
const minDate = (a: string, b: string) => (a < b ? a : b);

// ---------------------------------------------------------------------------------------------
// Arrêt facts
// ---------------------------------------------------------------------------------------------

/** Last day of the arrêt: actual end, else expected end, else today (still open). */
export function arretEnd(a: Pick<RuleArret, 'expectedEndDate' | 'actualEndDate'>, today: string): string {
  return a.actualEndDate ?? a.expectedEndDate ?? today;
}

/** Duration in days, both ends included (expected or actual end − start + 1, or until today). */
export function arretDurationDays(a: Pick<RuleArret, 'startDate' | 'expectedEndDate' | 'actualEndDate'>, today: string): number {
  return daysBetween(a.startDate, arretEnd(a, today)) + 1;
}

/** Day of return to work (the day after the last day of arrêt), once an end is known. */
export function returnDate(a: Pick<RuleArret, 'expectedEndDate' | 'actualEndDate'>): string | null {
  const end = a.actualEndDate ?? a.expectedEndDate;
  return end ? addDays(end, 1) : null;
}

/** Is the arrêt still running today (or planned to run until today or later)? */
export function isInProgress(a: RuleArret, today: string): boolean {
  return !a.cancelled && a.startDate <= today && arretEnd(a, today) >= today;
}

/**
 * Last day of a period of `months` calendar months starting on `start` (both ends included):
 * the day before the same day of the month `months` later (15/01 + 1 month → 14/02; 01/03 →
 * 31/03); when that month has no such day, the period ends on its last day (31/01 + 1 month →
 * 28/02, or 29/02 in a leap year). Code de procédure civile art. 641: « À défaut d'un quantième
 * identique, le délai expire le dernier jour du mois ». Years are 12 months.
 */
export function periodLastDay(start: string, months: number): string {
  const y0 = Number(start.slice(0, 4));
  const m0 = Number(start.slice(5, 7)) - 1 + months;
  const y = y0 + Math.floor(m0 / 12);
  const m = ((m0 % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = Number(start.slice(8, 10));
  const iso = (day: number) => `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return d > last ? iso(last) : addDays(iso(d), -1);
}

// ---------------------------------------------------------------------------------------------
// Absences: contiguous arrêts form one absence
// ---------------------------------------------------------------------------------------------

/**
 * One absence of the worker: arrêts (not cancelled) each starting at the latest the day after
 * the end of the previous ones (a prolongation, a new arrêt the day after, or an overlap). Its
 * head is its first arrêt: the tasks of the absence are about the head (`arret:<head id>`), so a
 * prolongation never opens a second task.
 */
export interface Absence {
  headId: string;
  startDate: string;
  /** Last day of the absence (today for a running arrêt without an end). */
  endDate: string;
  /** An arrêt of the absence reaching its end has no end date yet: the return is unknown. */
  openEnded: boolean;
  arrets: RuleArret[];
}

/** « Incapacité résultant de maladie ou d'accident » (L4624-2-4, L1226-1-3): every nature but maternité. */
export const isIncapacity = (a: RuleArret) => a.nature !== 'maternite';

/** The worker's absences made of the arrêts `include` keeps (not cancelled), in date order. */
export function absences(arrets: readonly RuleArret[], today: string, include: (a: RuleArret) => boolean = () => true): Absence[] {
  const kept = arrets.filter((a) => !a.cancelled && include(a)).sort((x, y) => (x.startDate < y.startDate ? -1 : x.startDate > y.startDate ? 1 : x.id < y.id ? -1 : 1));
  const out: Absence[] = [];
  for (const a of kept) {
    const end = arretEnd(a, today);
    const open = a.actualEndDate === null && a.expectedEndDate === null;
    const last = out[out.length - 1];
    if (last && a.startDate <= addDays(last.endDate, 1)) {
      last.arrets.push(a);
      if (end > last.endDate) {
        last.endDate = end;
        last.openEnded = open;
      } else if (end === last.endDate) last.openEnded = last.openEnded || open;
    } else {
      out.push({ headId: a.id, startDate: a.startDate, endDate: end, openEnded: open, arrets: [a] });
    }
  }
  return out;
}

/** The absence holding arrêt `a` among `list` (or `a` alone). */
export function absenceOf(a: RuleArret, list: readonly Absence[], today: string): Absence {
  return list.find((x) => x.arrets.some((y) => y.id === a.id)) ?? absences([a], today)[0] ?? { headId: a.id, startDate: a.startDate, endDate: arretEnd(a, today), openEnded: false, arrets: [a] };
}

export const absenceDays = (x: Pick<Absence, 'startDate' | 'endDate'>) => daysBetween(x.startDate, x.endDate) + 1;

/** Does the absence start under the rules of décret 2022-372 (« arrêts commençant après le 31 mars 2022 »)? */
export const underReform = (x: Pick<Absence, 'startDate'>, c: IntakeRulesConfig) => x.startDate > c.repriseMaladieFromDate;

// ---------------------------------------------------------------------------------------------
// Pré-reprise and rendez-vous de liaison (absence of more than 30 days, maternité excluded)
// ---------------------------------------------------------------------------------------------

/** The incapacity absence (maternité excluded) holding `a`, or null for a maternité or cancelled arrêt. */
function incapacityAbsence(a: RuleArret, all: readonly RuleArret[], today: string, list?: readonly Absence[]): Absence | null {
  if (a.cancelled || !isIncapacity(a)) return null;
  return absenceOf(a, list ?? absences(all.some((x) => x.id === a.id) ? all : [...all, a], today, isIncapacity), today);
}

/**
 * C. trav. L4624-2-4, R4624-29: visite de pré-reprise for an « absence au travail justifiée par
 * une incapacité résultant de maladie ou d'accident d'une durée supérieure à » 30 days — never
 * for a congé de maternité. Absences starting on or before 31/03/2022: former R4624-20, « plus
 * de trois mois » (calendar months, `periodLastDay`).
 */
export function preRepriseApplies(a: RuleArret, c: IntakeRulesConfig, today: string, all: readonly RuleArret[] = [a], list?: readonly Absence[]): boolean {
  const x = incapacityAbsence(a, all, today, list);
  if (!x) return false;
  if (underReform(x, c)) return absenceDays(x) > c.preRepriseAfterDays;
  return x.endDate > periodLastDay(x.startDate, c.preRepriseLegacyAfterMonths);
}

/**
 * C. trav. L1226-1-3, D1226-8-1: rendez-vous de liaison when « la durée de l'absence au travail
 * du salarié justifiée par l'incapacité résultant de maladie ou d'accident » is more than 30
 * days — not for maternité; only for absences starting after 31/03/2022 (décret 2022-373).
 */
export function liaisonApplies(a: RuleArret, c: IntakeRulesConfig, today: string, all: readonly RuleArret[] = [a], list?: readonly Absence[]): boolean {
  const x = incapacityAbsence(a, all, today, list);
  return x !== null && underReform(x, c) && absenceDays(x) > c.liaisonAfterDays;
}

// ---------------------------------------------------------------------------------------------
// Visite de reprise (R4624-31)
// ---------------------------------------------------------------------------------------------

/**
 * C. trav. R4624-31: « 1° Après un congé de maternité ; 2° Après une absence pour cause de
 * maladie professionnelle ; 3° Après une absence d'au moins trente jours pour cause d'accident
 * du travail ; 4° Après une absence d'au moins soixante jours pour cause de maladie ou
 * d'accident non professionnel » (60 for absences starting after 31/03/2022, 30 before).
 * Measured on the absence (contiguous arrêts, every nature). An absence mixing natures takes
 * the most protective reading: maternité or MP in it → required; an AT in it → 30 days.
 */
export function repriseRequired(a: RuleArret, c: IntakeRulesConfig, today: string, all: readonly RuleArret[] = [a], list?: readonly Absence[]): boolean {
  if (a.cancelled) return false;
  const x = absenceOf(a, list ?? absences(all.some((y) => y.id === a.id) ? all : [...all, a], today), today);
  const natures = new Set(x.arrets.map((y) => y.nature));
  const days = absenceDays(x);
  if (natures.has('maternite') || natures.has('maladie_professionnelle')) return true;
  if (natures.has('accident_travail') && days >= c.repriseAccidentTravailMinDays) return true;
  if (natures.has('maladie') || natures.has('accident_travail')) {
    return days >= (underReform(x, c) ? c.repriseMaladieMinDays : c.repriseMaladieLegacyMinDays);
  }
  return false;
}

/** C. trav. R4624-31: the visite de reprise is due at the latest 8 days after the return. */
export function repriseDeadline(returnOn: string, c: IntakeRulesConfig): string {
  return addDays(returnOn, c.repriseDeadlineDays);
}

/** A visite de reprise on `visitOn` for a return on `returnOn` is late (after return + 8 days). */
export function isRepriseVisitLate(returnOn: string, visitOn: string, c: IntakeRulesConfig): boolean {
  return visitOn > repriseDeadline(returnOn, c);
}

// ---------------------------------------------------------------------------------------------
// Visite de mi-carrière (L4624-2-2)
// ---------------------------------------------------------------------------------------------

/** Calendar year of the worker's mi-carrière visit (year of the 45th birthday, or the configured age). */
export function miCarriereYear(birthDate: string, c: IntakeRulesConfig): number {
  return Number(birthDate.slice(0, 4)) + c.miCarriereAge;
}

/** The birth year of the workers whose mi-carrière visit falls in the year of `today`. */
export function miCarriereBirthYear(today: string, c: IntakeRulesConfig): number {
  return Number(today.slice(0, 4)) - c.miCarriereAge;
}

/** First day from which a visite de mi-carrière counts for the échéance `year` (anticipated: L4624-2-2). */
export function miCarriereWindowStart(year: number, c: IntakeRulesConfig): string {
  return `${year - c.miCarriereAnticipationYears}-01-01`;
}

/**
 * The worker's mi-carrière of `year` is already taken care of: a visite de mi-carrière held or
 * planned from the window start (possibly anticipated, L4624-2-2), or its task done.
 */
export function miCarriereCovered(w: RuleWorker, year: number, c: IntakeRulesConfig): boolean {
  if (w.miCarriereDoneYear === year) return true;
  return !!w.miCarriereVisitOn && w.miCarriereVisitOn >= miCarriereWindowStart(year, c);
}

/** The mi-carrière task of a worker if his visit falls in the current year (due 31/12), unless already covered. */
export function miCarriereTask(w: RuleWorker, c: IntakeRulesConfig, today: string): TaskProposal | null {
  const year = miCarriereYear(w.birthDate, c);
  if (year !== Number(today.slice(0, 4))) return null;
  if (miCarriereCovered(w, year, c)) return null;
  return miCarriereProposal(w.id, w.dossierId, year);
}

export const MI_CARRIERE_COUPLED_TITLE = 'Visite de mi-carrière : peut être anticipée et couplée à la visite de reprise';

/**
 * C. trav. L4624-2-2: « Cet examen médical peut être anticipé et organisé conjointement avec
 * une autre visite médicale lorsque le travailleur doit être examiné par le médecin du travail
 * deux ans avant l'échéance ». When a visite de reprise falls due in the years before the
 * échéance (43 or 44 by default), the cell is offered to couple them: a separate task (subject
 * `…:anticipee`, same due date as the reprise) that the yearly task does not replace — if the
 * cell does it (task done or visit recorded) the yearly task is not created; if it cancels it,
 * the yearly task comes as usual.
 */
export function miCarriereCoupledTask(w: RuleWorker, visitDue: string, c: IntakeRulesConfig): TaskProposal | null {
  if (c.miCarriereAnticipationYears <= 0) return null;
  const year = miCarriereYear(w.birthDate, c);
  const visitYear = Number(visitDue.slice(0, 4));
  if (visitYear >= year || visitYear < year - c.miCarriereAnticipationYears) return null;
  if (miCarriereCovered(w, year, c)) return null;
  return { workerId: w.id, dossierId: w.dossierId, ruleId: 'mi_carriere', title: MI_CARRIERE_COUPLED_TITLE, dueDate: visitDue, subjectRef: `${miCarriereSubject(w.id, year)}:anticipee` };
}

export function miCarriereProposal(workerId: string, dossierId: string | null, year: number): TaskProposal {
  return { workerId, dossierId, ruleId: 'mi_carriere', title: RULE_TASK_TITLES.mi_carriere, dueDate: `${year}-12-31`, subjectRef: miCarriereSubject(workerId, year) };
}

export const miCarriereSubject = (workerId: string, year: number) => `worker:${workerId}:${year}`;

// ---------------------------------------------------------------------------------------------
// IJ limit (R323-1 CSS): 360 IJ maladie (non-ALD) over any 3 rolling years
// ---------------------------------------------------------------------------------------------

/**
 * CSS R323-1 4°: the 360 IJ count those of maladie outside an ALD; AT/MP IJ (L433-1) and
 * maternité are other benefits, ALD ones have their own 3-year limit. So the ALD exception to
 * the carence (« carence only on the first arrêt of the three-year period for the same ALD »)
 * never changes this count.
 */
const countsForIj = (a: RuleArret) => !a.cancelled && a.nature === 'maladie' && !a.ald;

/** First day of the rolling window ending on `windowEnd` (date to date: 3 years back, + 1 day). */
export function ijWindowStart(windowEnd: string, c: IntakeRulesConfig): string {
  return addDays(addYears(windowEnd, -c.ijWindowYears), 1);
}

/**
 * Days (as day numbers) for which an IJ maladie counting toward the limit is paid: the arrêts
 * that count, merged (overlaps count once; a contiguous arrêt is a prolongation), less the
 * délai de carence at the start of each merged absence (CSS R323-1 1°: IJ « à partir du
 * quatrième jour »; none for a prolongation). An arrêt of 362 days gives 359 IJ.
 */
export function ijSpans(arrets: readonly RuleArret[], today: string, carenceDays = 0): Array<[number, number]> {
  const spans = arrets
    .filter(countsForIj)
    .map((a) => [toDay(a.startDate), toDay(arretEnd(a, today))] as [number, number])
    .sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of spans) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  const paid: Array<[number, number]> = [];
  for (const [s, e] of merged) if (s + carenceDays <= e) paid.push([s + carenceDays, e]);
  return paid;
}

function countSpans(spans: ReadonlyArray<readonly [number, number]>, from: number, to: number): number {
  let total = 0;
  for (const [s, e] of spans) {
    if (s > to) break;
    const lo = Math.max(s, from);
    const hi = Math.min(e, to);
    if (lo <= hi) total += hi - lo + 1;
  }
  return total;
}

/**
 * Days of arrêt maladie (non-ALD, not cancelled) within the window ending on `windowEnd`;
 * overlapping arrêts are counted once. Open arrêts count until today. Days of arrêt, not IJ:
 * the 360 IJ limit counts `ijPaidInWindow`.
 */
export function ijDaysInWindow(arrets: readonly RuleArret[], windowEnd: string, c: IntakeRulesConfig, today: string, spans = ijSpans(arrets, today)): number {
  return countSpans(spans, toDay(ijWindowStart(windowEnd, c)), toDay(windowEnd));
}

/**
 * CSS R323-1: IJ maladie (non-ALD, not cancelled) paid within the window ending on
 * `windowEnd` — days of arrêt less the délai de carence of each absence (none for a
 * prolongation); overlapping arrêts are counted once. Open arrêts count until today.
 */
export function ijPaidInWindow(arrets: readonly RuleArret[], windowEnd: string, c: IntakeRulesConfig, today: string, spans = ijSpans(arrets, today, c.ijCarenceDays)): number {
  return countSpans(spans, toDay(ijWindowStart(windowEnd, c)), toDay(windowEnd));
}

/**
 * The IJ alarm for arrêt `a`: fires on the arrêt during which the worker's count reaches the
 * alarm threshold (the count before it is below, the count at its end is at or above), so each
 * crossing gives one task. On paid days the count never decreases (each day adds one and the
 * sliding window drops at most one); carence days add nothing, so the crossing day is on a paid
 * day and is found by bisection over the paid days of the arrêt.
 */
export function ijAlert(
  a: RuleArret,
  all: readonly RuleArret[],
  c: IntakeRulesConfig,
  today: string,
  spans = ijSpans(all, today, c.ijCarenceDays),
): { crossingDate: string; days: number } | null {
  if (!countsForIj(a)) return null;
  const end = arretEnd(a, today);
  const count = (day: string) => ijPaidInWindow(all, day, c, today, spans);
  const atEnd = count(end);
  if (atEnd < c.ijAlertDays) return null;
  if (count(addDays(a.startDate, -1)) >= c.ijAlertDays) return null;
  const span = spans.find(([s, e]) => e >= toDay(a.startDate) && s <= toDay(end));
  let lo = Math.max(toDay(a.startDate), span ? span[0] : toDay(a.startDate));
  let hi = toDay(end);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (count(fromDay(mid)) >= c.ijAlertDays) hi = mid;
    else lo = mid + 1;
  }
  return { crossingDate: fromDay(lo), days: atEnd };
}

// ---------------------------------------------------------------------------------------------
// ALD 3-year limit (R323-1 CSS)
// ---------------------------------------------------------------------------------------------

export interface AldEpisode {
  startDate: string;
  endDate: string;
  arretIds: string[];
}

/**
 * ALD episodes: consecutive ALD arrêts (not cancelled) with less than one year back at work
 * between them. CSS R323-1: a new 3-year period opens after « au moins un an » back at work —
 * one calendar year date to date (`periodLastDay`, 12 months per year), not 365 days: back at
 * work from 01/03/2023, the year ends 29/02/2024 and an arrêt starting 01/03/2024 opens a new
 * period.
 */
export function aldEpisodes(arrets: readonly RuleArret[], c: IntakeRulesConfig, today: string): AldEpisode[] {
  const ald = arrets.filter((a) => a.ald && !a.cancelled).sort((x, y) => (x.startDate < y.startDate ? -1 : x.startDate > y.startDate ? 1 : 0));
  const episodes: AldEpisode[] = [];
  for (const a of ald) {
    const end = arretEnd(a, today);
    const last = episodes[episodes.length - 1];
    // Back at work from the day after the end; a full year is over once the arrêt starts after its last day.
    if (last && a.startDate <= periodLastDay(addDays(last.endDate, 1), 12 * c.aldResetYears)) {
      last.endDate = maxDate(last.endDate, end);
      last.arretIds.push(a.id);
    } else {
      episodes.push({ startDate: a.startDate, endDate: end, arretIds: [a.id] });
    }
  }
  return episodes;
}

/** Last day of ALD rights of an episode: 3 years date to date from its start. */
export function aldRightsEnd(episodeStart: string, c: IntakeRulesConfig): string {
  return addDays(addYears(episodeStart, c.aldMaxYears), -1);
}

/** Day from which the end of ALD rights must be anticipated (rights end − warning days). */
export function aldWarningDate(episodeStart: string, c: IntakeRulesConfig): string {
  return addDays(aldRightsEnd(episodeStart, c), -c.aldWarningDays);
}

/** The ALD warning for arrêt `a`: its episode reaches (or will reach) the warning date. */
export function aldAlert(
  a: RuleArret,
  all: readonly RuleArret[],
  c: IntakeRulesConfig,
  today: string,
  episodes?: readonly AldEpisode[],
): { episode: AldEpisode; warningDate: string; rightsEnd: string } | null {
  if (!a.ald || a.cancelled) return null;
  const episode = (episodes ?? aldEpisodes(all, c, today)).find((e) => e.arretIds.includes(a.id));
  if (!episode) return null;
  const warningDate = aldWarningDate(episode.startDate, c);
  if (episode.endDate < warningDate) return null;
  return { episode, warningDate, rightsEnd: aldRightsEnd(episode.startDate, c) };
}

// ---------------------------------------------------------------------------------------------
// Prescription lengths (LFSS 2026): information only, no task.
// ---------------------------------------------------------------------------------------------

/** Last day a prescription starting on `startDate` may cover without justification (calendar months, `periodLastDay`). */
export function prescriptionLastDay(kind: 'initial' | 'prolongation', startDate: string, c: IntakeRulesConfig): string {
  return periodLastDay(startDate, kind === 'initial' ? c.prescriptionInitialMaxMonths : c.prescriptionProlongationMaxMonths);
}

/**
 * Does a prescription from `startDate` to `endDate` (both included) exceed the LFSS 2026 length
 * (CSS L162-4-1, L162-4-4: « un mois » initial, « deux mois » prolongation — calendar months)?
 */
export function prescriptionExceedsLimit(kind: 'initial' | 'prolongation', startDate: string, endDate: string, c: IntakeRulesConfig): boolean {
  if (startDate < c.prescriptionFromDate) return false;
  return endDate > prescriptionLastDay(kind, startDate, c);
}

// ---------------------------------------------------------------------------------------------
// Saved worklists
// ---------------------------------------------------------------------------------------------

/** Arrêts in progress for more than `days` started on or before this date (today − days). */
export function longArretStartedOnOrBefore(today: string, days: number): string {
  return addDays(today, -days);
}

/** First start date counted by the « arrêts répétés » list (12 months, today included). */
export function repeatedWindowStart(today: string, c: IntakeRulesConfig): string {
  return addDays(today, -c.repeatedWindowDays + 1);
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

export const arretSubject = (arretId: string) => `arret:${arretId}`;
export const repriseSubject = (arretId: string, returnOn: string) => `arret:${arretId}:${returnOn}`;
export const aldSubject = (workerId: string, episodeStart: string) => `worker:${workerId}:ald:${episodeStart}`;

/** Due date of a detection task: a few days after the detection, never before the absence starts. */
function detectionDue(startDate: string, c: IntakeRulesConfig, today: string): string {
  return addDays(maxDate(today, startDate), c.detectionTaskDelayDays);
}

export interface Evaluation {
  tasks: TaskProposal[];
  /** Arrêts cancelled: every open task of an arrêt-scoped rule about them is cancelled. */
  cancelledArretIds: string[];
  /**
   * The reprise subject each evaluated arrêt (and every arrêt of its absence) should have, or
   * null: other open reprise tasks of the arrêt are stale. Only the head of an absence holds one.
   */
  repriseSubjects: Map<string, string | null>;
  /** Head of the incapacity absence (maternité excluded) of each evaluated arrêt: pré-reprise and liaison are about it. */
  incapacityHeads: Map<string, string>;
  /** Head of the absence (every nature) of each evaluated arrêt: the reprise is about it. */
  absenceHeads: Map<string, string>;
}

export interface EvaluateOptions {
  /**
   * Re-evaluating tasks already there (rules recompute): the conditions that only decide whether
   * a *new* task is worth creating today (the pré-reprise and liaison only while the absence
   * runs, the history look-back of the reprise) are not applied.
   */
  existing?: boolean;
}

/**
 * Evaluates the rules for `targets` (arrêts just written), knowing every arrêt of their
 * workers over the look-back period (`arretsByWorker`, targets included) and the workers.
 */
export function evaluateArrets(
  targets: readonly RuleArret[],
  arretsByWorker: ReadonlyMap<string, readonly RuleArret[]>,
  workers: ReadonlyMap<string, RuleWorker>,
  c: IntakeRulesConfig,
  today: string,
  options: EvaluateOptions = {},
): Evaluation {
  const tasks: TaskProposal[] = [];
  const cancelledArretIds: string[] = [];
  const repriseSubjects = new Map<string, string | null>();
  const incapacityHeads = new Map<string, string>();
  const absenceHeads = new Map<string, string>();
  const seenWorkers = new Set<string>();
  // Per worker, computed once: the absences, the IJ spans and the ALD episodes.
  interface History {
    all: Absence[];
    incapacity: Absence[];
    spans: Array<[number, number]>;
    episodes: AldEpisode[] | null;
  }
  const history = new Map<string, History>();
  const doneAbsences = new Set<string>();
  for (const a of targets) {
    const w = workers.get(a.workerId);
    if (!w) continue;
    const list = arretsByWorker.get(a.workerId) ?? [a];
    const all = list.some((x) => x.id === a.id) ? list : [...list, a];
    const base = { workerId: w.id, dossierId: w.dossierId };
    if (a.cancelled) {
      cancelledArretIds.push(a.id);
      continue;
    }
    let h = history.get(w.id);
    if (!h) {
      h = { all: absences(all, today), incapacity: absences(all, today, isIncapacity), spans: ijSpans(all, today, c.ijCarenceDays), episodes: null };
      history.set(w.id, h);
    }

    // Pré-reprise and liaison: once per incapacity absence, about its head.
    if (isIncapacity(a)) {
      const x = absenceOf(a, h.incapacity, today);
      incapacityHeads.set(a.id, x.headId);
      if (!doneAbsences.has(`i:${x.headId}`)) {
        doneAbsences.add(`i:${x.headId}`);
        // Proposing a pré-reprise or informing of the liaison only makes sense while the absence runs.
        const running = options.existing || x.endDate >= today;
        if (running && preRepriseApplies(a, c, today, all, h.incapacity)) {
          tasks.push({ ...base, ruleId: 'pre_reprise', title: RULE_TASK_TITLES.pre_reprise, dueDate: detectionDue(x.startDate, c, today), subjectRef: arretSubject(x.headId) });
        }
        if (running && liaisonApplies(a, c, today, all, h.incapacity)) {
          tasks.push({ ...base, ruleId: 'rdv_liaison', title: RULE_TASK_TITLES.rdv_liaison, dueDate: detectionDue(x.startDate, c, today), subjectRef: arretSubject(x.headId) });
        }
      }
    }

    // Reprise: once per absence (every nature), at the return after its last day.
    const x = absenceOf(a, h.all, today);
    absenceHeads.set(a.id, x.headId);
    if (!doneAbsences.has(`a:${x.headId}`)) {
      doneAbsences.add(`a:${x.headId}`);
      let reprise: string | null = null;
      const back = x.openEnded ? null : addDays(x.endDate, 1);
      if (back && repriseRequired(a, c, today, all, h.all)) {
        const due = repriseDeadline(back, c);
        if (options.existing || due >= addDays(today, -c.repriseHistoryDays)) {
          reprise = repriseSubject(x.headId, back);
          tasks.push({ ...base, ruleId: 'visite_reprise', title: RULE_TASK_TITLES.visite_reprise, dueDate: due, subjectRef: reprise });
          const coupled = miCarriereCoupledTask(w, due, c);
          if (coupled) tasks.push(coupled);
        }
      }
      for (const y of x.arrets) if (!repriseSubjects.has(y.id)) repriseSubjects.set(y.id, null);
      repriseSubjects.set(x.headId, reprise);
    }

    if (a.ald && !h.episodes) h.episodes = aldEpisodes(all, c, today);
    const ij = ijAlert(a, all, c, today, h.spans);
    if (ij) {
      const due = ij.crossingDate > today ? ij.crossingDate : addDays(today, c.detectionTaskDelayDays);
      tasks.push({ ...base, ruleId: 'plafond_ij', title: RULE_TASK_TITLES.plafond_ij, dueDate: due, subjectRef: arretSubject(a.id) });
    }
    const ald = aldAlert(a, all, c, today, h.episodes ?? undefined);
    if (ald) {
      const due = ald.warningDate > today ? ald.warningDate : addDays(today, c.detectionTaskDelayDays);
      tasks.push({ ...base, ruleId: 'fin_droits_ald', title: RULE_TASK_TITLES.fin_droits_ald, dueDate: due, subjectRef: aldSubject(w.id, ald.episode.startDate) });
    }
    if (!seenWorkers.has(w.id)) {
      seenWorkers.add(w.id);
      const mc = miCarriereTask(w, c, today);
      if (mc) tasks.push(mc);
    }
  }
  // Two targets of one worker may propose the same ALD task: keep one per (rule, subject).
  const unique = new Map<string, TaskProposal>();
  for (const t of tasks) if (!unique.has(`${t.ruleId}|${t.subjectRef}`)) unique.set(`${t.ruleId}|${t.subjectRef}`, t);
  return { tasks: [...unique.values()], cancelledArretIds, repriseSubjects, incapacityHeads, absenceHeads };
}

// ---------------------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------------------

export const TASK_STATUSES = ['a_faire', 'fait', 'annule'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Readonly<Record<TaskStatus, string>> = { a_faire: 'À faire', fait: 'Faite', annule: 'Annulée' };
export const isTaskStatus = (s: string): s is TaskStatus => (TASK_STATUSES as readonly string[]).includes(s);

/** Label of a task kind (a rule id, or a kind set by another channel). */
export function taskKindLabel(kind: string): string {
  return (RULE_TASK_TITLES as Record<string, string>)[kind] ?? kind;
}
