import { describe, expect, it } from 'vitest';
import { validateNewService } from './service';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'OK';
};

describe('validateNewService', () => {
  it('accepts a slug of lowercase letters, digits and inner hyphens; trims the name; compacts the SIRET', () => {
    expect(validateNewService({ slug: 'sante-travail-59', name: '  Santé Travail Nord ', siret: '732 829 320 00074' })).toEqual({
      slug: 'sante-travail-59',
      name: 'Santé Travail Nord',
      siret: '73282932000074',
    });
    expect(validateNewService({ slug: 'a', name: 'A' }).siret).toBeNull();
    // La Poste's establishments: digit sum multiple of 5, not Luhn (domain/identity/siret).
    expect(validateNewService({ slug: 'poste', name: 'P', siret: '35600000012341' }).siret).toBe('35600000012341');
  });

  it('refuses bad slugs, an empty name and bad SIRETs with stable codes', () => {
    for (const slug of ['Acme', 'acme!', '-acme', 'acme-', 'ac--me', 'santé', 'a b', '', 'x'.repeat(41)]) {
      expect(code(() => validateNewService({ slug, name: 'X' })), slug).toBe('SLUG_INVALIDE');
    }
    expect(code(() => validateNewService({ slug: 'acme', name: '  ' }))).toBe('CHAMP_MANQUANT');
    expect(code(() => validateNewService({ slug: 'acme', name: 'x'.repeat(201) }))).toBe('NOM_TROP_LONG');
    expect(code(() => validateNewService({ slug: 'acme', name: 'A', siret: '73282932000075' }))).toBe('SIRET_CLE');
    expect(code(() => validateNewService({ slug: 'acme', name: 'A', siret: '1234' }))).toBe('SIRET_INVALIDE');
  });

  it('boundaries: a slug of 40 characters and a name of 200 are accepted, 41 and 201 refused', () => {
    expect(code(() => validateNewService({ slug: 'x'.repeat(40), name: 'A' }))).toBe('OK');
    expect(code(() => validateNewService({ slug: 'x'.repeat(41), name: 'A' }))).toBe('SLUG_INVALIDE');
    expect(code(() => validateNewService({ slug: 'acme', name: 'x'.repeat(200) }))).toBe('OK');
    expect(code(() => validateNewService({ slug: 'acme', name: 'x'.repeat(201) }))).toBe('NOM_TROP_LONG');
  });
});
