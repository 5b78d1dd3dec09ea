/**
 * Calendar helpers. Legal deadlines are counted in French civil days, so "today" is the date
 * in Europe/Paris, whatever the server's time zone.
 */
export const SERVICE_TIME_ZONE = 'Europe/Paris';

/** The civil date (YYYY-MM-DD) of `instant` in the service's time zone. */
export function civilDate(instant: Date, timeZone = SERVICE_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is `s` a real calendar date written YYYY-MM-DD (no 31/02)? */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Parses a French date JJ/MM/AAAA into YYYY-MM-DD, or null. */
export function parseFrenchDate(s: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** A deadline is overdue when its date is strictly before today (due today is not late). */
export function isOverdue(dueDate: string | null, today: string): boolean {
  return dueDate !== null && dueDate < today;
}
