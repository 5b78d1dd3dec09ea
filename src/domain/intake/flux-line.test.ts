import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testLine, testNir, testSiret, type TestLine } from './flux-test-lines';
import { contentHash, F, FLUX_FIELDS, isFluxDate, validateFluxLine, type RawLine } from './flux-line';
import { arretDurationDays, repriseDeadline, returnDate } from './rules';
import { DEFAULT_RULES_CONFIG } from './rules-config';

const FILE_DATE = '2026-02-01';
const raw = (l: TestLine): RawLine => FLUX_FIELDS.map((f) => l[f]);
const check = (over: TestLine, n = 1) => validateFluxLine(raw(testLine(n, over)), 7, FILE_DATE);
const code = (over: TestLine) => {
  const r = check(over);
  return r.ok ? 'OK' : `${r.rejection.code}:${r.rejection.field}`;
};

describe('validateFluxLine', () => {
  it('accepts a valid line and normalises it', () => {
    const r = check({ nir: testNir(1).replace(/(.{5})/g, '$1 '), siret_employeur: testSiret(), ald: '1', contact_service_medical: 'elsm@assurance-maladie.fr' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ line: 7, nir: testNir(1), sex: 1, ald: true, tpt: false, siret: testSiret(), type: 'initial', expectedEndDate: '2026-03-05', actualEndDate: null });
    expect(r.value.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('checks consent first: no consent → CONSENTEMENT_ABSENT whatever else is wrong', () => {
    expect(code({ consentement: 'non' })).toBe('CONSENTEMENT_ABSENT:consentement');
    expect(code({ consentement: '' })).toBe('CONSENTEMENT_ABSENT:consentement');
    expect(code({ consentement: 'non', nir: 'garbage', date_debut: '' })).toBe('CONSENTEMENT_ABSENT:consentement');
    expect(code({ consentement: 'OUI' })).toBe('OK');
    const r = check({ consentement: 'non' });
    // The rejection entry keeps the message identifiers only, never identity data.
    expect(r.ok ? null : Object.keys(r.rejection).sort()).toEqual(['code', 'emetteur', 'field', 'idMessage', 'line', 'message']);
  });

  it('CHAMP_MANQUANT for each required field, and per message type', () => {
    for (const f of ['emetteur', 'id_message', 'id_arret', 'type_message', 'nir', 'nom_naissance', 'prenoms', 'date_naissance', 'sexe', 'date_debut', 'nature', 'motif', 'date_consentement'] as const) {
      expect(code({ [f]: '' })).toBe(`CHAMP_MANQUANT:${f}`);
      expect(code({ [f]: '   ' })).toBe(`CHAMP_MANQUANT:${f}`);
    }
    expect(code({ date_fin_prevue: '' })).toBe('CHAMP_MANQUANT:date_fin_prevue');
    expect(code({ type_message: 'prolongation', date_fin_prevue: '' })).toBe('CHAMP_MANQUANT:date_fin_prevue');
    expect(code({ type_message: 'fin', date_fin_prevue: '', date_fin_effective: '' })).toBe('CHAMP_MANQUANT:date_fin_effective');
    expect(code({ type_message: 'fin', date_fin_prevue: '', date_fin_effective: '2026-01-20' })).toBe('OK');
    expect(code({ type_message: 'annulation', date_fin_prevue: '' })).toBe('OK');
  });

  it('identifier formats: emetteur ≤ 32 [A-Z0-9-], ids ≤ 64', () => {
    expect(code({ emetteur: 'A'.repeat(32) })).toBe('OK');
    expect(code({ emetteur: 'A'.repeat(33) })).toBe('FORMAT_INVALIDE:emetteur');
    expect(code({ emetteur: 'cpam-593' })).toBe('FORMAT_INVALIDE:emetteur');
    expect(code({ id_message: 'x'.repeat(64) })).toBe('OK');
    expect(code({ id_message: 'x'.repeat(65) })).toBe('FORMAT_INVALIDE:id_message');
    expect(code({ id_arret: 'x'.repeat(65) })).toBe('FORMAT_INVALIDE:id_arret');
  });

  it('TYPE_MESSAGE_INCONNU, NATURE_INCONNUE, MOTIF_INCONNU', () => {
    expect(code({ type_message: 'rectification' })).toBe('TYPE_MESSAGE_INCONNU:type_message');
    expect(code({ nature: 'maternite' })).toBe('NATURE_INCONNUE:nature');
    for (const n of ['maladie', 'accident_travail', 'maladie_professionnelle']) expect(code({ nature: n })).toBe('OK');
    expect(code({ motif: 'autre' })).toBe('MOTIF_INCONNU:motif');
    for (const m of ['duree', 'risque_desinsertion', 'orientation_vpr']) expect(code({ motif: m })).toBe('OK');
  });

  it('NIR_INVALIDE (shape), NIR_CLE (key, Corsica included), SEXE_INCOHERENT', () => {
    const nir = testNir(1);
    expect(code({ nir: nir.slice(0, 14) })).toBe('NIR_INVALIDE:nir');
    expect(code({ nir: `9${nir.slice(1)}` })).toBe('NIR_INVALIDE:nir');
    const badKey = nir.slice(0, 13) + String((Number(nir.slice(13)) % 97) + 1).padStart(2, '0');
    expect(code({ nir: badKey })).toBe('NIR_CLE:nir');
    // Corsica: 2A → 19 before the modulo (1 80 05 2A 004 001 + key).
    const first13 = '18005' + '2A' + '004001';
    const key = String(97 - Number(BigInt('18005' + '19' + '004001') % 97n)).padStart(2, '0');
    expect(code({ nir: first13 + key })).toBe('OK');
    expect(code({ nir: first13 + String((Number(key) % 97) + 1).padStart(2, '0') })).toBe('NIR_CLE:nir');
    expect(code({ sexe: '2' })).toBe('SEXE_INCOHERENT:sexe');
    expect(code({ sexe: '3' })).toBe('SEXE_INCOHERENT:sexe');
    expect(code({ nir: testNir(1, 2), sexe: '2' })).toBe('OK');
  });

  it('DATE_INVALIDE: real calendar dates only', () => {
    expect(code({ date_naissance: '1981-02-29' })).toBe('DATE_INVALIDE:date_naissance');
    expect(code({ date_naissance: '1980-02-29' })).toBe('OK');
    expect(code({ date_debut: '2026-02-30' })).toBe('DATE_INVALIDE:date_debut');
    expect(code({ date_debut: '05/01/2026' })).toBe('DATE_INVALIDE:date_debut');
    expect(code({ date_fin_prevue: '2026-13-01' })).toBe('DATE_INVALIDE:date_fin_prevue');
    expect(code({ date_consentement: '2026-1-10' })).toBe('DATE_INVALIDE:date_consentement');
    expect(isFluxDate('2000-02-29')).toBe(true);
    expect(isFluxDate('1900-02-29')).toBe(false);
  });

  it('DATES_INCOHERENTES at the boundaries: end equal to start is fine, one day before is not', () => {
    expect(code({ date_debut: '2026-01-05', date_fin_prevue: '2026-01-05' })).toBe('OK');
    expect(code({ date_debut: '2026-01-05', date_fin_prevue: '2026-01-04' })).toBe('DATES_INCOHERENTES:date_fin_prevue');
    expect(code({ type_message: 'fin', date_fin_prevue: '', date_fin_effective: '2026-01-05' })).toBe('OK');
    expect(code({ type_message: 'fin', date_fin_prevue: '', date_fin_effective: '2026-01-04' })).toBe('DATES_INCOHERENTES:date_fin_effective');
  });

  it('date_consentement ≤ date of the file: equal is fine, one day after is not', () => {
    expect(code({ date_consentement: FILE_DATE })).toBe('OK');
    expect(code({ date_consentement: '2026-02-02' })).toBe('DATES_INCOHERENTES:date_consentement');
    expect(code({ date_consentement: '2026-01-31' })).toBe('OK');
  });

  it('SIRET_INVALIDE: shape and Luhn, with the La Poste exception', () => {
    expect(code({ siret_employeur: testSiret() })).toBe('OK');
    expect(code({ siret_employeur: '7328293200007' })).toBe('SIRET_INVALIDE:siret_employeur');
    const s = testSiret();
    expect(code({ siret_employeur: s.slice(0, 13) + String((Number(s[13]) + 1) % 10) })).toBe('SIRET_INVALIDE:siret_employeur');
    // La Poste (SIREN 356000000): digit sum multiple of 5, not Luhn.
    expect(code({ siret_employeur: '35600000049837' })).toBe('OK');
    expect(code({ siret_employeur: '35600000049838' })).toBe('SIRET_INVALIDE:siret_employeur');
  });

  it('0/1 flags, contact e-mail, NUL characters', () => {
    expect(code({ ald: 'oui' })).toBe('FORMAT_INVALIDE:ald');
    expect(code({ temps_partiel_therapeutique: '2' })).toBe('FORMAT_INVALIDE:temps_partiel_therapeutique');
    expect(code({ contact_service_medical: 'pas-une-adresse' })).toBe('FORMAT_INVALIDE:contact_service_medical');
    expect(code({ prenoms: 'Je\u0000an' })).toBe('CARACTERE_INTERDIT:prenoms');
  });

  it('the content hash ignores the line number and spacing, and changes with any field', () => {
    const a = check({});
    const b = validateFluxLine(raw(testLine(1, { nom_naissance: '  NOM1 ', nir: testNir(1).replace(/(.{3})/g, '$1 ') })), 99, FILE_DATE);
    const c = check({ date_fin_prevue: '2026-03-06' });
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (a.ok && b.ok && c.ok) {
      expect(a.value.hash).toBe(b.value.hash);
      expect(a.value.hash).not.toBe(c.value.hash);
    }
    const { hash: _h, ...rest } = a.ok ? a.value : ({} as never);
    expect(contentHash(rest)).toBe(a.ok ? a.value.hash : '');
  });

  it('property: any raw line gives exactly one result and never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), { minLength: 0, maxLength: 25 }), (values) => {
        const r = validateFluxLine(values, 1, FILE_DATE);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.rejection.code).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 1000 },
    );
    // Mutating one field of a valid line: accepted or rejected on a code, never a throw.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: FLUX_FIELDS.length - 1 }), fc.string({ maxLength: 20 }), (i, v) => {
        const r0 = raw(testLine(1));
        r0[i] = v;
        const r = validateFluxLine(r0, 1, FILE_DATE);
        if (!r.ok) expect(r.rejection.line).toBe(1);
        if (r.ok) expect(r.value.consentDate <= FILE_DATE).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(F.nir).toBe(4);
  });
});

describe('date_fin_effective is the last day of arrêt (issue 13 item 10)', () => {
  it.each([
    ['2026-01-04', 'DATES_INCOHERENTES:date_fin_effective'], // the day before the start
    ['2026-01-05', 'OK'], // the start itself: an arrêt of one day
    ['2026-01-06', 'OK'],
  ])('date_debut 2026-01-05, date_fin_effective %s → %s', (end, expected) => {
    expect(code({ type_message: 'fin', date_debut: '2026-01-05', date_fin_prevue: '', date_fin_effective: end })).toBe(expected);
  });
  it('the rules put the return on the next day and the reprise deadline 8 days after it', () => {
    const r = check({ type_message: 'fin', date_debut: '2026-01-05', date_fin_prevue: '', date_fin_effective: '2026-01-05' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.actualEndDate).toBe('2026-01-05');
    const back = returnDate(r.value);
    expect(back).toBe('2026-01-06');
    expect(repriseDeadline(back!, DEFAULT_RULES_CONFIG)).toBe('2026-01-14');
    expect(arretDurationDays(r.value, '2026-02-01')).toBe(1);
  });
});
