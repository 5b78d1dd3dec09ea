import { describe, expect, it } from 'vitest';
import { formatSiret, luhnCheckDigit, makeSiret, validateSiren, validateSiret } from './siret';

function code(raw: string): string | undefined {
  const r = validateSiret(raw);
  return r.ok ? undefined : r.code;
}

describe('validateSiret', () => {
  it('accepts Luhn-valid SIRETs and extracts the SIREN', () => {
    expect(validateSiret('73282932000074')).toEqual({
      ok: true,
      value: { siret: '73282932000074', siren: '732829320' },
    });
    expect(validateSiret('552 081 317 66522').ok).toBe(true);
    expect(validateSiret('44306184100047').ok).toBe(true);
  });

  it('refuses a Luhn off by one with SIRET_CLE on field siret', () => {
    expect(validateSiret('73282932000075')).toEqual({
      ok: false,
      code: 'SIRET_CLE',
      message: "Le SIRET n'est pas valide (chiffre de contrôle erroné).",
      field: 'siret',
    });
    expect(code('73282932000073')).toBe('SIRET_CLE');
  });

  it('does not apply the La Poste rule to other SIRENs', () => {
    // Digit sum 45 (multiple of 5) but Luhn-invalid.
    expect(code('73282932000072')).toBe('SIRET_CLE');
  });

  describe('La Poste (SIREN 356000000)', () => {
    it('accepts a digit sum multiple of 5 without Luhn', () => {
      // Sum 25, Luhn sum ends in 1.
      expect(validateSiret('35600000012341')).toEqual({
        ok: true,
        value: { siret: '35600000012341', siren: '356000000' },
      });
    });

    it('keeps accepting the head office, which is Luhn-valid (digit sum 26)', () => {
      expect(validateSiret('35600000000048').ok).toBe(true);
    });

    it('refuses when neither rule holds', () => {
      expect(code('35600000012342')).toBe('SIRET_CLE');
      expect(code('35600000000049')).toBe('SIRET_CLE');
    });

    it('applies only when the first 9 digits are exactly 356000000', () => {
      // 356000001 + digits summing to 25, Luhn-invalid.
      expect(code('35600000112331')).toBe('SIRET_CLE');
    });
  });

  it('refuses wrong lengths and letters with SIRET_INVALIDE', () => {
    expect(validateSiret('7328293200007')).toEqual({
      ok: false,
      code: 'SIRET_INVALIDE',
      message: 'Le SIRET doit comporter 14 chiffres.',
      field: 'siret',
    });
    expect(code('732829320000740')).toBe('SIRET_INVALIDE');
    expect(code('7328293200007A')).toBe('SIRET_INVALIDE');
    expect(code('73282932O00074')).toBe('SIRET_INVALIDE');
    expect(code('732-829-320-00074')).toBe('SIRET_INVALIDE');
    expect(code('')).toBe('SIRET_INVALIDE');
  });
});

describe('validateSiren', () => {
  it('accepts a Luhn-valid SIREN, spaces tolerated', () => {
    expect(validateSiren('732 829 320')).toEqual({ ok: true, value: { siren: '732829320' } });
    expect(validateSiren('356000000').ok).toBe(true);
  });

  it('refuses a wrong check digit', () => {
    expect(validateSiren('732829321')).toMatchObject({ ok: false, code: 'SIREN_CLE', field: 'siren' });
  });

  it('refuses wrong formats', () => {
    for (const raw of ['73282932', '7328293200', '73282932A', '']) {
      expect(validateSiren(raw)).toMatchObject({ ok: false, code: 'SIREN_INVALIDE', field: 'siren' });
    }
  });
});

describe('luhnCheckDigit', () => {
  it('completes SIRENs and SIRETs', () => {
    expect(luhnCheckDigit('73282932')).toBe('0');
    expect(luhnCheckDigit('7328293200007')).toBe('4');
    expect(luhnCheckDigit('3560000000004')).toBe('8');
  });

  it('throws on non-digits', () => {
    expect(() => luhnCheckDigit('12a')).toThrow();
    expect(() => luhnCheckDigit('')).toThrow();
  });
});

describe('makeSiret', () => {
  it('builds valid SIRETs from an 8- or 9-digit SIREN', () => {
    expect(makeSiret('73282932', '0007')).toBe('73282932000074');
    expect(makeSiret('732829320', '7')).toBe('73282932000074');
    for (let i = 0; i < 200; i++) {
      const siren8 = String(10_000_000 + i * 431_977).slice(0, 8);
      const siret = makeSiret(siren8, String(i));
      expect(validateSiret(siret).ok, siret).toBe(true);
    }
  });

  it('throws on an invalid SIREN or NIC', () => {
    expect(() => makeSiret('732829321', '0001')).toThrow();
    expect(() => makeSiret('7328293', '0001')).toThrow();
    expect(() => makeSiret('73282932', '12345')).toThrow();
    expect(() => makeSiret('73282932', '')).toThrow();
  });
});

describe('formatSiret', () => {
  it('groups 14 digits 3-3-3-5 and leaves anything else as it is', () => {
    expect(formatSiret('73282932000074')).toBe('732 829 320 00074');
    expect(formatSiret('732 829 320 00074')).toBe('732 829 320 00074');
    expect(formatSiret('1234')).toBe('1234');
    expect(formatSiret(null)).toBe('');
  });
});
