/**
 * Calendar of the catalogue's durations: jours ouvrables (every day but Sunday and public
 * holidays, C. trav. L3133-1 for the holidays), calendar days, and months date to date.
 * Pure integer arithmetic on YYYY-MM-DD civil dates.
 */
import { addDays, daysBetween } from '../../calendar/dates';

/** Easter Sunday of `year` (anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidayCache = new Map<number, ReadonlySet<string>>();

/** The eleven French public holidays of `year` (C. trav. L3133-1), metropolitan calendar. */
export function publicHolidays(year: number): ReadonlySet<string> {
  let set = holidayCache.get(year);
  if (!set) {
    const easter = easterSunday(year);
    const fixed = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((md) => `${year}-${md}`);
    set = new Set([...fixed, addDays(easter, 1), addDays(easter, 39), addDays(easter, 50)]);
    holidayCache.set(year, set);
  }
  return set;
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(iso: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((daysBetween('1970-01-01', iso) + 4) % 7) + 7) % 7;
}

/** Is `iso` a jour ouvrable (not a Sunday, not a public holiday)? */
export function isJourOuvrable(iso: string): boolean {
  return dayOfWeek(iso) !== 0 && !publicHolidays(Number(iso.slice(0, 4))).has(iso);
}

/** Jours ouvrables from `start` to `end`, both included (0 when end < start). */
export function joursOuvrables(start: string, end: string): number {
  let n = 0;
  for (let d = start; d <= end; d = addDays(d, 1)) if (isJourOuvrable(d)) n += 1;
  return n;
}

/** Date to date: the same day `months` later; a missing day (31 →) becomes the month's last day. */
export function addMonths(iso: string, months: number): string {
  const y0 = Number(iso.slice(0, 4));
  const m0 = Number(iso.slice(5, 7)) - 1 + months;
  const y = y0 + Math.floor(m0 / 12);
  const m = ((m0 % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const d = Math.min(Number(iso.slice(8, 10)), last);
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Last day of a period of `months` months starting on `start` (date to date, minus one day). */
export function lastDayOfMonths(start: string, months: number): string {
  return addDays(addMonths(start, months), -1);
}
