/**
 * Turning signals into work (domain §4): pure rules over an arrêt, its worker and the worker's
 * other arrêts, answering which tasks the cell should have and when they are due. No I/O: the
 * applier (services/intake/arret-rules-applier.ts) loads the facts and writes the tasks.
 *
 * Durations are counted in calendar days, both ends included: an arrêt from the 1st to the
 * 30th lasts 30 days. A task is identified by its rule and its subject, so evaluating the same
 * facts again proposes the same (rule, subject) pairs and never a duplicate.
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

// ---------------------------------------------------------------------------------------------
// Pré-reprise and rendez-vous de liaison (arrêt of more than 30 days)
// ---------------------------------------------------------------------------------------------

/** C. trav. R4624-29: a visite de pré-reprise may be organised for an arrêt of more than 30 days. */
export function preRepriseApplies(a: RuleArret, c: IntakeRulesConfig, today: string): boolean {
  return !a.cancelled && arretDurationDays(a, today) > c.preRepriseAfterDays;
}

/** C. trav. L1226-1-3, D1226-8-1: rendez-vous de liaison for an absence of more than 30 days. */
export function liaisonApplies(a: RuleArret, c: IntakeRulesConfig, today: string): boolean {
  return !a.cancelled && arretDurationDays(a, today) > c.liaisonAfterDays;
}

// ---------------------------------------------------------------------------------------------
// Visite de reprise (R4624-31)
// ---------------------------------------------------------------------------------------------

/** C. trav. R4624-31: after maternité, MP of any length, AT ≥ 30 days, non-occupational ≥ 60 days. */
export function repriseRequired(a: RuleArret, c: IntakeRulesConfig, today: string): boolean {
  if (a.cancelled) return false;
  const days = arretDurationDays(a, today);
  switch (a.nature) {
    case 'maternite':
    case 'maladie_professionnelle':
      return true;
    case 'accident_travail':
      return days >= c.repriseAccidentTravailMinDays;
    case 'maladie':
      // Décret 2022-372: 60 days for arrêts from 31/03/2022, 30 before.
      return days >= (a.startDate >= c.repriseMaladieFromDate ? c.repriseMaladieMinDays : c.repriseMaladieLegacyMinDays);
    default:
      return false;
  }
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

/** The mi-carrière task of a worker if his visit falls in the current year (due 31/12). */
export function miCarriereTask(w: RuleWorker, c: IntakeRulesConfig, today: string): TaskProposal | null {
  const year = miCarriereYear(w.birthDate, c);
  if (year !== Number(today.slice(0, 4))) return null;
  return miCarriereProposal(w.id, w.dossierId, year);
}

export function miCarriereProposal(workerId: string, dossierId: string | null, year: number): TaskProposal {
  return { workerId, dossierId, ruleId: 'mi_carriere', title: RULE_TASK_TITLES.mi_carriere, dueDate: `${year}-12-31`, subjectRef: miCarriereSubject(workerId, year) };
}

export const miCarriereSubject = (workerId: string, year: number) => `worker:${workerId}:${year}`;

// ---------------------------------------------------------------------------------------------
// IJ limit (R323-1 CSS): 360 IJ maladie (non-ALD) over any 3 rolling years
// ---------------------------------------------------------------------------------------------

const countsForIj = (a: RuleArret) => !a.cancelled && a.nature === 'maladie' && !a.ald;

/** First day of the rolling window ending on `windowEnd` (date to date: 3 years back, + 1 day). */
export function ijWindowStart(windowEnd: string, c: IntakeRulesConfig): string {
  return addDays(addYears(windowEnd, -c.ijWindowYears), 1);
}

/** Days (as day numbers) covered by the arrêts that count for the IJ limit, merged: overlaps count once. */
export function ijSpans(arrets: readonly RuleArret[], today: string): Array<[number, number]> {
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
  return merged;
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
 * overlapping arrêts are counted once. Open arrêts count until today.
 */
export function ijDaysInWindow(arrets: readonly RuleArret[], windowEnd: string, c: IntakeRulesConfig, today: string, spans = ijSpans(arrets, today)): number {
  return countSpans(spans, toDay(ijWindowStart(windowEnd, c)), toDay(windowEnd));
}

/**
 * The IJ alarm for arrêt `a`: fires on the arrêt during which the worker's count reaches the
 * alarm threshold (the count before it is below, the count at its end is at or above), so each
 * crossing gives one task. Within one arrêt the count never decreases (each day adds one and
 * the sliding window drops at most one), so the crossing day is found by bisection.
 */
export function ijAlert(
  a: RuleArret,
  all: readonly RuleArret[],
  c: IntakeRulesConfig,
  today: string,
  spans = ijSpans(all, today),
): { crossingDate: string; days: number } | null {
  if (!countsForIj(a)) return null;
  const end = arretEnd(a, today);
  const count = (day: string) => ijDaysInWindow(all, day, c, today, spans);
  const atEnd = count(end);
  if (atEnd < c.ijAlertDays) return null;
  if (count(addDays(a.startDate, -1)) >= c.ijAlertDays) return null;
  let lo = toDay(a.startDate);
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
 * ALD episodes: consecutive ALD arrêts (not cancelled) with fewer than `aldResetDays` days back
 * at work between them. At least one year back at work starts a new 3-year period.
 */
export function aldEpisodes(arrets: readonly RuleArret[], c: IntakeRulesConfig, today: string): AldEpisode[] {
  const ald = arrets.filter((a) => a.ald && !a.cancelled).sort((x, y) => (x.startDate < y.startDate ? -1 : x.startDate > y.startDate ? 1 : 0));
  const episodes: AldEpisode[] = [];
  for (const a of ald) {
    const end = arretEnd(a, today);
    const last = episodes[episodes.length - 1];
    // Days back at work between the two arrêts: from the day after the end to the day before the start.
    if (last && daysBetween(last.endDate, a.startDate) - 1 < c.aldResetDays) {
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

/** Does a prescription of `days` exceed the LFSS 2026 length (without justification)? */
export function prescriptionExceedsLimit(kind: 'initial' | 'prolongation', startDate: string, days: number, c: IntakeRulesConfig): boolean {
  if (startDate < c.prescriptionFromDate) return false;
  return days > (kind === 'initial' ? c.prescriptionInitialMaxDays : c.prescriptionProlongationMaxDays);
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

/** Due date of a detection task: a few days after the detection, never before the arrêt starts. */
function detectionDue(a: RuleArret, c: IntakeRulesConfig, today: string): string {
  return addDays(maxDate(today, a.startDate), c.detectionTaskDelayDays);
}

export interface Evaluation {
  tasks: TaskProposal[];
  /** Arrêts cancelled: every open task of an arrêt-scoped rule about them is cancelled. */
  cancelledArretIds: string[];
  /** The reprise subject each evaluated (not cancelled) arrêt should have, or null: other open reprise tasks of the arrêt are stale. */
  repriseSubjects: Map<string, string | null>;
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
): Evaluation {
  const tasks: TaskProposal[] = [];
  const cancelledArretIds: string[] = [];
  const repriseSubjects = new Map<string, string | null>();
  const seenWorkers = new Set<string>();
  // Per worker, computed once: the IJ spans and the ALD episodes.
  const history = new Map<string, { spans: Array<[number, number]>; episodes: AldEpisode[] | null }>();
  for (const a of targets) {
    const w = workers.get(a.workerId);
    if (!w) continue;
    const all = arretsByWorker.get(a.workerId) ?? [a];
    const base = { workerId: w.id, dossierId: w.dossierId };
    if (a.cancelled) {
      cancelledArretIds.push(a.id);
      continue;
    }
    // Proposing a pré-reprise or informing of the liaison only makes sense while the arrêt runs.
    const running = arretEnd(a, today) >= today;
    if (running && preRepriseApplies(a, c, today)) {
      tasks.push({ ...base, ruleId: 'pre_reprise', title: RULE_TASK_TITLES.pre_reprise, dueDate: detectionDue(a, c, today), subjectRef: arretSubject(a.id) });
    }
    if (running && liaisonApplies(a, c, today)) {
      tasks.push({ ...base, ruleId: 'rdv_liaison', title: RULE_TASK_TITLES.rdv_liaison, dueDate: detectionDue(a, c, today), subjectRef: arretSubject(a.id) });
    }
    const back = returnDate(a);
    let reprise: string | null = null;
    if (back && repriseRequired(a, c, today)) {
      const due = repriseDeadline(back, c);
      if (due >= addDays(today, -c.repriseHistoryDays)) {
        reprise = repriseSubject(a.id, back);
        tasks.push({ ...base, ruleId: 'visite_reprise', title: RULE_TASK_TITLES.visite_reprise, dueDate: due, subjectRef: reprise });
      }
    }
    repriseSubjects.set(a.id, reprise);
    let h = history.get(w.id);
    if (!h) {
      h = { spans: ijSpans(all, today), episodes: null };
      history.set(w.id, h);
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
  return { tasks: [...unique.values()], cancelledArretIds, repriseSubjects };
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
