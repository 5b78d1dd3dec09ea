import { describe, expect, it } from 'vitest';
import { maskNir, nirKey, nirSexMatches, normaliseNir, validateNir } from './nir';

// Keys below were computed independently (97 − n mod 97 with BigInt, 2A→19, 2B→18).
const VALID_MALE = '184127510812347';
const VALID_FEMALE = '290016912304593';
const VALID_2A = '285052A00412306';
const VALID_2B = '185112B05012063';
// 1841275108073 is a multiple of 97, hence key 97 rather than 00.
const KEY_97 = '184127510807397';

function code(raw: string): string | undefined {
  const r = validateNir(raw);
  return r.ok ? undefined : r.code;
}

describe('normaliseNir', () => {
  it('removes spaces and uppercases', () => {
    expect(normaliseNir(' 2 85 05 2a 004 123 06 ')).toBe('285052A00412306');
  });
});

describe('validateNir', () => {
  it('accepts a valid male NIR and decomposes it', () => {
    expect(validateNir(VALID_MALE)).toEqual({
      ok: true,
      value: { nir: VALID_MALE, sex: 1, birthYear2: '84', birthMonth: '12', department: '75' },
    });
  });

  it('accepts a valid female NIR', () => {
    const r = validateNir(VALID_FEMALE);
    expect(r.ok && r.value.sex).toBe(2);
  });

  it('accepts spaces and returns the normalised form', () => {
    const r = validateNir('1 84 12 75 108 123 47');
    expect(r).toMatchObject({ ok: true, value: { nir: VALID_MALE } });
  });

  it('refuses a key off by one with NIR_CLE on field nir', () => {
    expect(validateNir('184127510812346')).toEqual({
      ok: false,
      code: 'NIR_CLE',
      message: 'La clé du NIR ne correspond pas au numéro.',
      field: 'nir',
    });
    expect(code('184127510812348')).toBe('NIR_CLE');
  });

  it('handles the key 97 edge (number mod 97 = 0)', () => {
    expect(nirKey('1841275108073')).toBe('97');
    expect(validateNir(KEY_97).ok).toBe(true);
    expect(code('184127510807300')).toBe('NIR_CLE');
  });

  it('zero-pads small keys', () => {
    expect(nirKey('1780399999001')).toBe('04');
    expect(validateNir('178039999900104').ok).toBe(true);
  });

  describe('Corsica', () => {
    it('accepts 2A and 2B with the substituted key', () => {
      expect(validateNir(VALID_2A)).toMatchObject({ ok: true, value: { department: '2A', sex: 2 } });
      expect(validateNir(VALID_2B)).toMatchObject({ ok: true, value: { department: '2B', sex: 1 } });
    });

    it('accepts lowercase 2a / 2b', () => {
      expect(validateNir('2 85 05 2a 004 123 06')).toMatchObject({ ok: true, value: { nir: VALID_2A } });
      expect(validateNir('185112b05012063').ok).toBe(true);
    });

    it('refuses wrong keys', () => {
      expect(code('285052A00412307')).toBe('NIR_CLE');
      expect(code('185112B05012062')).toBe('NIR_CLE');
      // 2A and 2B do not share keys: swapping the letter must break the key.
      expect(code('285052B00412306')).toBe('NIR_CLE');
      expect(validateNir('285052B00412333').ok).toBe(true);
      // A key computed without the 19/18 substitution is wrong.
      expect(code('285052A00412376')).toBe('NIR_CLE');
    });

    it('refuses other letters in the department', () => {
      expect(code('285052C00412306')).toBe('NIR_INVALIDE');
      expect(code('28505A200412306')).toBe('NIR_INVALIDE');
      // 2A in the month position is not a department.
      expect(code('2852A0500412306')).toBe('NIR_INVALIDE');
    });
  });

  it('refuses wrong lengths with the format message', () => {
    expect(validateNir('18412751081234')).toEqual({
      ok: false,
      code: 'NIR_INVALIDE',
      message: "Le NIR doit comporter 13 caractères suivis d'une clé de 2 chiffres.",
      field: 'nir',
    });
    expect(code('1841275108123470')).toBe('NIR_INVALIDE');
    expect(code('1841275108123')).toBe('NIR_INVALIDE');
    expect(code('')).toBe('NIR_INVALIDE');
  });

  it('refuses letters outside the department', () => {
    expect(code('A84127510812347')).toBe('NIR_INVALIDE');
    expect(code('18412751081234A')).toBe('NIR_INVALIDE');
    expect(code('184127510O12347')).toBe('NIR_INVALIDE');
    expect(code('1841275-0812347')).toBe('NIR_INVALIDE');
  });

  it('accepts sex digits 1-4, 7, 8 only, and derives the sex from parity', () => {
    for (const [first, sex] of [['1', 1], ['2', 2], ['3', 1], ['4', 2], ['7', 1], ['8', 2]] as const) {
      const first13 = `${first}841275108123`;
      const r = validateNir(first13 + nirKey(first13));
      expect(r.ok && r.value.sex).toBe(sex);
    }
    for (const first of ['0', '5', '6', '9']) {
      expect(code(`${first}84127510812347`)).toBe('NIR_INVALIDE');
    }
  });

  it.each([
    ['00', false],
    ['01', true],
    ['12', true],
    ['13', false],
    ['19', false],
    ['20', true],
    ['42', true],
    ['43', false],
    ['49', false],
    ['50', true],
    ['99', true],
  ])('month %s accepted: %s', (month, accepted) => {
    const first13 = `184${month}75108123`;
    // Build the key by hand so that refused months are refused for the month, not the key.
    const key = (97n - (BigInt(first13) % 97n)).toString().padStart(2, '0');
    const r = validateNir(first13 + key);
    expect(r.ok).toBe(accepted);
    if (!r.ok) expect(r.code).toBe('NIR_INVALIDE');
  });
});

describe('nirKey', () => {
  it('computes keys, including Corsica substitution', () => {
    expect(nirKey('1841275108123')).toBe('47');
    expect(nirKey('285052A004123')).toBe('06');
    expect(nirKey('185112b050120')).toBe('63');
  });

  it('throws on malformed input', () => {
    expect(() => nirKey('184127510812')).toThrow();
    expect(() => nirKey('1840075108123')).toThrow();
  });
});

describe('maskNir', () => {
  it('shows only sex, year and month', () => {
    expect(maskNir(VALID_MALE)).toBe('1 84 12 •• ••• ••• ••');
    expect(maskNir('2 85 05 2a 004 123 06')).toBe('2 85 05 •• ••• ••• ••');
  });

  it('masks everything when the value is not NIR-shaped', () => {
    expect(maskNir('12345')).toBe('• •• •• •• ••• ••• ••');
  });
});

describe('nirSexMatches', () => {
  it('compares the sex digit of a valid NIR', () => {
    expect(nirSexMatches(VALID_MALE, 1)).toBe(true);
    expect(nirSexMatches(VALID_MALE, 2)).toBe(false);
    expect(nirSexMatches(VALID_FEMALE, 2)).toBe(true);
  });

  it('is false for an invalid NIR', () => {
    expect(nirSexMatches('184127510812346', 1)).toBe(false);
  });
});
