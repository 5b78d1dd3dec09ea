import type { Checked } from '../errors';

/**
 * NIR (numéro d'inscription au répertoire, « numéro de sécurité sociale »).
 *
 * Layout after removing spaces (INSEE): 13 characters + 2-digit key.
 *   1      sex / kind: 1|2 ordinary, 3|4 historical registration of persons born
 *          abroad, 7|8 provisional number (NIA) — odd = male, even = female
 *   2-3    year of birth (2 digits)
 *   4-5    month of birth: 01-12, or the pseudo-months 20-42 and 50-99 that INSEE
 *          assigns when the month is unknown
 *   6-7    department of birth: 2 digits, or 2A / 2B for Corsica
 *   8-10   commune (or country for persons born abroad)
 *   11-13  order number
 *   14-15  key = 97 − (13-digit number mod 97), with 2A → 19 and 2B → 18
 */

export type NirSex = 1 | 2;

export interface ValidNir {
  /** Normalised form: 15 characters, no spaces, uppercase. */
  nir: string;
  sex: NirSex;
  birthYear2: string;
  birthMonth: string;
  department: string;
}

const NIR_SHAPE = /^([123478])(\d{2})(\d{2})(\d{2}|2A|2B)(\d{3})(\d{3})(\d{2})$/;
const FIRST13_SHAPE = /^[123478]\d{4}(?:\d{2}|2A|2B)\d{6}$/;

const FORMAT_MESSAGE = "Le NIR doit comporter 13 caractères suivis d'une clé de 2 chiffres.";

/**
 * Removes every whitespace character and uppercases, so that `2a` and `2A` compare
 * equal and a NIR typed in groups (« 1 84 12 75 108 123 47 ») is accepted.
 */
export function normaliseNir(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

// INSEE: 01-12 real months; 20-42 and 50-99 pseudo-months for unknown birth month.
function isAcceptedMonth(mm: string): boolean {
  const m = Number(mm);
  return (m >= 1 && m <= 12) || (m >= 20 && m <= 42) || (m >= 50 && m <= 99);
}

// INSEE rule: Corsican departments are replaced by 19 (2A) and 18 (2B) before the modulo.
function keyOf(first13: string): string {
  const numeric = first13.slice(0, 5) + corsicaToDigits(first13.slice(5, 7)) + first13.slice(7);
  const key = 97n - (BigInt(numeric) % 97n);
  return key.toString().padStart(2, '0');
}

function corsicaToDigits(department: string): string {
  if (department === '2A') return '19';
  if (department === '2B') return '18';
  return department;
}

/**
 * Computes the 2-digit control key of the first 13 characters of a NIR
 * (zero-padded, between "01" and "97").
 *
 * Meant for the demo data generator; throws on a malformed argument because that
 * is a programming error, not a user input.
 */
export function nirKey(first13: string): string {
  const n = normaliseNir(first13);
  if (!FIRST13_SHAPE.test(n) || !isAcceptedMonth(n.slice(3, 5))) {
    throw new Error(`nirKey: expected the 13 first characters of a NIR, got "${first13}"`);
  }
  return keyOf(n);
}

/**
 * Validates a NIR typed by a user (spaces and lowercase `2a`/`2b` tolerated).
 *
 * Refusals: `NIR_INVALIDE` (shape, sex digit, month) and `NIR_CLE` (key mismatch),
 * both on field `nir`.
 */
export function validateNir(raw: string): Checked<ValidNir> {
  const nir = normaliseNir(raw);
  const m = NIR_SHAPE.exec(nir);
  if (!m || !isAcceptedMonth(m[3])) {
    return { ok: false, code: 'NIR_INVALIDE', message: FORMAT_MESSAGE, field: 'nir' };
  }
  if (keyOf(nir.slice(0, 13)) !== m[7]) {
    return { ok: false, code: 'NIR_CLE', message: 'La clé du NIR ne correspond pas au numéro.', field: 'nir' };
  }
  const sex: NirSex = Number(m[1]) % 2 === 1 ? 1 : 2;
  return { ok: true, value: { nir, sex, birthYear2: m[2], birthMonth: m[3], department: m[4] } };
}

/**
 * Display form that keeps only sex, year and month of birth, e.g.
 * `1 84 12 •• ••• ••• ••`. A value that does not look like a NIR is fully masked
 * rather than echoed, since it may still be a real number mistyped.
 */
export function maskNir(nir: string): string {
  const n = normaliseNir(nir);
  const hidden = '•• ••• ••• ••';
  if (n.length !== 15) return `• •• •• ${hidden}`;
  return `${n[0]} ${n.slice(1, 3)} ${n.slice(3, 5)} ${hidden}`;
}

/**
 * True when the NIR is valid and its sex digit matches `sex` (1 = homme, 2 = femme);
 * false for an invalid NIR.
 */
export function nirSexMatches(nir: string, sex: NirSex): boolean {
  const checked = validateNir(nir);
  return checked.ok && checked.value.sex === sex;
}
