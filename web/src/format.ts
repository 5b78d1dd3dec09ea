/**
 * French formats: dates JJ/MM/AAAA, « le 25/11/2026 à 14:05 », numbers with fr-FR separators.
 * Calendar dates (YYYY-MM-DD) are formatted without any time zone shift; timestamps are shown
 * in the user's local time (Europe/Paris for the users of a French service).
 */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDate(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const m = DATE_ONLY.exec(value);
  if (m) return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' or an ISO timestamp → 'JJ/MM/AAAA' ('' when absent). */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value);
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  }
  const d = toDate(value);
  if (!d) return '';
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** ISO timestamp → '14:05'. */
export function formatTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = toDate(value);
  if (!d) return '';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** ISO timestamp → 'le 25/11/2026 à 14:05'. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = toDate(value);
  if (!d) return '';
  return `le ${formatDate(d)} à ${formatTime(d)}`;
}

/** ISO timestamp → '25/11/2026 14:05' (for table cells). */
export function formatDateTimeShort(value: string | Date | null | undefined): string {
  if (!value) return '';
  const d = toDate(value);
  if (!d) return '';
  return `${formatDate(d)} ${formatTime(d)}`;
}

/** 'JJ/MM/AAAA' typed by a user → 'YYYY-MM-DD', or null when it is not a real date. */
export function parseFrenchDate(input: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(input);
  if (!m) {
    const iso = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(input);
    if (!iso) return null;
    return parseFrenchDate(`${iso[3]}/${iso[2]}/${iso[1]}`);
  }
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  const d = new Date(year, month - 1, day);
  if (d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Today as 'YYYY-MM-DD' in local time. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const numberFormat = new Intl.NumberFormat('fr-FR');

/** 1234 → '1 234' (fr-FR separators). */
export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '';
  return numberFormat.format(n);
}

/** '3 dossiers', '1 dossier', '0 dossier' (French: singular for 0 and 1). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(n)} ${Math.abs(n) < 2 ? singular : pluralForm}`;
}

/** Groups a 15-character NIR as '1 84 12 76 451 089 46'; other strings are returned as is. */
export function formatNir(nir: string | null | undefined): string {
  if (!nir) return '';
  const s = nir.replace(/\s+/g, '');
  if (s.length !== 15 && s.length !== 13) return nir;
  const parts = [s.slice(0, 1), s.slice(1, 3), s.slice(3, 5), s.slice(5, 7), s.slice(7, 10), s.slice(10, 13)];
  if (s.length === 15) parts.push(s.slice(13, 15));
  return parts.join(' ');
}

/** Groups a SIRET as '123 456 789 00012' (one definition, in the domain). */
export { formatSiret } from '@contract';

/** Sex code (1 / 2, as in the NIR) → French label. */
export function formatSex(sex: number | string | null | undefined): string {
  if (sex === 1 || sex === '1') return 'Homme';
  if (sex === 2 || sex === '2') return 'Femme';
  return '';
}
