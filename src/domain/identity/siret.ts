import type { Checked } from '../errors';

/**
 * SIREN (9 digits, company) and SIRET (14 digits = SIREN + 5-digit NIC, establishment).
 * INSEE: both end with a Luhn check digit, except establishments of La Poste
 * (SIREN 356000000), whose NIC are numbered so that the sum of the 14 digits is a
 * multiple of 5 instead.
 */

export interface ValidSiret {
  siret: string;
  siren: string;
}

const LA_POSTE_SIREN = '356000000';

function compact(raw: string): string {
  return raw.replace(/\s+/g, '');
}

// Luhn weight: doubled digits are those at odd positions counted from the right (0-based).
function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

function isLuhnValid(digits: string): boolean {
  return luhnSum(digits) % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (const c of digits) sum += c.charCodeAt(0) - 48;
  return sum;
}

/**
 * Returns the Luhn check digit to append to `partial` (digits only), e.g.
 * `luhnCheckDigit('73282932') === '0'`. Throws on non-digits (programming error).
 */
export function luhnCheckDigit(partial: string): string {
  if (!/^\d+$/.test(partial)) {
    throw new Error(`luhnCheckDigit: expected digits, got "${partial}"`);
  }
  // Appending '0' puts partial's digits in their final weight positions.
  return String((10 - (luhnSum(partial + '0') % 10)) % 10);
}

/**
 * Validates a SIREN (spaces tolerated): 9 digits, Luhn.
 * Refusals: `SIREN_INVALIDE`, `SIREN_CLE`, field `siren`.
 */
export function validateSiren(raw: string): Checked<{ siren: string }> {
  const siren = compact(raw);
  if (!/^\d{9}$/.test(siren)) {
    return { ok: false, code: 'SIREN_INVALIDE', message: 'Le SIREN doit comporter 9 chiffres.', field: 'siren' };
  }
  if (!isLuhnValid(siren)) {
    return { ok: false, code: 'SIREN_CLE', message: "Le SIREN n'est pas valide (chiffre de contrôle erroné).", field: 'siren' };
  }
  return { ok: true, value: { siren } };
}

/**
 * Validates a SIRET (spaces tolerated): 14 digits, Luhn on the 14 digits; for
 * SIREN 356000000 (La Poste), a digit sum multiple of 5 is accepted instead.
 * Luhn-valid La Poste SIRETs (e.g. the head office 35600000000048) stay accepted.
 * Refusals: `SIRET_INVALIDE`, `SIRET_CLE`, field `siret`.
 */
export function validateSiret(raw: string): Checked<ValidSiret> {
  const siret = compact(raw);
  if (!/^\d{14}$/.test(siret)) {
    return { ok: false, code: 'SIRET_INVALIDE', message: 'Le SIRET doit comporter 14 chiffres.', field: 'siret' };
  }
  const siren = siret.slice(0, 9);
  const valid = isLuhnValid(siret) || (siren === LA_POSTE_SIREN && digitSum(siret) % 5 === 0);
  if (!valid) {
    return { ok: false, code: 'SIRET_CLE', message: "Le SIRET n'est pas valide (chiffre de contrôle erroné).", field: 'siret' };
  }
  return { ok: true, value: { siret, siren } };
}

/**
 * Builds a valid SIRET for generated data.
 * - `siren`: 8 digits (its Luhn check digit is appended) or 9 digits (must be a valid SIREN);
 * - `nic4`: 1 to 4 digits, left-padded with zeros; the NIC's 5th digit is the Luhn
 *   check digit of the whole SIRET, so the result always passes `validateSiret`.
 * Throws on malformed arguments (programming error).
 */
export function makeSiret(siren: string, nic4: string): string {
  let siren9: string;
  if (/^\d{8}$/.test(siren)) {
    siren9 = siren + luhnCheckDigit(siren);
  } else if (/^\d{9}$/.test(siren) && isLuhnValid(siren)) {
    siren9 = siren;
  } else {
    throw new Error(`makeSiret: expected 8 digits or a valid 9-digit SIREN, got "${siren}"`);
  }
  if (!/^\d{1,4}$/.test(nic4)) {
    throw new Error(`makeSiret: expected 1 to 4 NIC digits, got "${nic4}"`);
  }
  const first13 = siren9 + nic4.padStart(4, '0');
  return first13 + luhnCheckDigit(first13);
}

/** Groups a SIRET as « 123 456 789 00012 » (anything else is returned as it is; null → ''). */
export function formatSiret(siret: string | null | undefined): string {
  if (!siret) return '';
  const s = siret.replace(/\s+/g, '');
  if (s.length !== 14) return siret;
  return `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6, 9)} ${s.slice(9)}`;
}
