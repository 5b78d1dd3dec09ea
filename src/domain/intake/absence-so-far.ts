/**
 * The worker's absence « à ce jour », as the triage « À qualifier » shows it (issue 14 item 1):
 * the same absence the intake rules measure (`absences` in rules.ts — contiguous or overlapping
 * arrêts not cancelled form one absence; `date_fin_effective` is its last day), seen from today:
 * how long it has lasted so far, whether it is still running, its nature and whether a temps
 * partiel thérapeutique is running. The triage list computes the same in SQL (sort and filter
 * over the whole list, triage.repository.ts); test/integration/triage-absence.int.test.ts proves
 * on random arrêt sets that both agree.
 */
import { daysBetween } from '../calendar/dates';
import { absences, arretEnd, type RuleArret } from './rules';

export interface AbsenceArret extends RuleArret {
  /** The arrêt is (or includes) a temps partiel thérapeutique (flux `temps_partiel_therapeutique`). */
  tpt: boolean;
}

export interface AbsenceSoFar {
  startDate: string;
  /** Last day of the absence (actual end, else expected end, of its arrêt ending last); null while an arrêt has no end at all. */
  endDate: string | null;
  /**
   * Days of absence up to today, both ends included: start … min(last day, today). An absence
   * over before today counts its whole length; one starting after today counts 0.
   */
  days: number;
  /** Today is a day of the absence (it started and its last day is today or later). */
  ongoing: boolean;
  /** The natures of its arrêts, the most protective first (`NATURE_PRECEDENCE`). */
  natures: string[];
  /** An arrêt of the absence flagged TPT covers today. */
  tpt: boolean;
}

/**
 * Natures, the most protective first: the reading the rules take for an absence mixing natures
 * (docs/intake-rules.md « Absence mixing natures »): MP, then AT, then maternité, then maladie.
 */
export const NATURE_PRECEDENCE = ['maladie_professionnelle', 'accident_travail', 'maternite', 'maladie'] as const;

/** The natures in precedence order, each once (unknown natures last, alphabetically). */
export function orderNatures(natures: Iterable<string>): string[] {
  const rank = (n: string) => {
    const i = (NATURE_PRECEDENCE as readonly string[]).indexOf(n);
    return i < 0 ? NATURE_PRECEDENCE.length : i;
  };
  return [...new Set(natures)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The label of an absence's nature: the main nature, and the others in brackets
 * (« Accident du travail (avec maladie) »).
 */
export function absenceNatureLabel(natures: readonly string[], labels: Readonly<Record<string, string>>): string {
  const [main, ...others] = orderNatures(natures);
  if (main === undefined) return '';
  const label = (n: string) => labels[n] ?? n;
  return others.length === 0 ? label(main) : `${label(main)} (avec ${others.map((n) => label(n).toLowerCase()).join(', ')})`;
}

/**
 * The absence shown « à ce jour »: the latest absence started on or before today; when every
 * arrêt starts later, the first absence to come (0 days). Null without any arrêt not cancelled.
 */
export function absenceSoFar(arrets: readonly AbsenceArret[], today: string): AbsenceSoFar | null {
  const list = absences(arrets, today);
  if (list.length === 0) return null;
  const started = list.filter((x) => x.startDate <= today);
  const x = started.length > 0 ? started[started.length - 1] : list[0];
  const lastCounted = x.endDate < today ? x.endDate : today;
  const kept = x.arrets as AbsenceArret[];
  return {
    startDate: x.startDate,
    endDate: x.openEnded ? null : x.endDate,
    days: Math.max(daysBetween(x.startDate, lastCounted) + 1, 0),
    ongoing: x.startDate <= today && x.endDate >= today,
    natures: orderNatures(kept.map((a) => a.nature)),
    tpt: kept.some((a) => a.tpt && a.startDate <= today && arretEnd(a, today) >= today),
  };
}
