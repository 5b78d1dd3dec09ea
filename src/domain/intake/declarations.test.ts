import { describe, expect, it } from 'vitest';
import { nirKey } from '../identity/nir';
import {
  arretLengthDays,
  checkDeclaration,
  checkFicheConsent,
  checkIdentity,
  checkReason,
  checkVprAnswer,
  declarationSettings,
  declarationStatus,
  DECLARATION_DEFAULTS,
  identityKey,
  identityMatches,
  isLongArret,
  parseDeclarationCsv,
  parseDeclarationDate,
  saisineAuthorKind,
  splitCsvRecord,
} from './declarations';
import { DEFAULT_RULES_CONFIG, rulesConfigFrom } from './rules-config';
import { addDays } from '../calendar/dates';
import { preRepriseApplies, type RuleArret } from './rules';

const TODAY = '2026-11-25';
const NIR13 = '2850575108123';
const NIR = NIR13 + nirKey(NIR13);

describe('arrêt > 30 days (minArretDays, default 30)', () => {
  it('counts both ends', () => {
    expect(arretLengthDays('2026-03-01', '2026-03-01')).toBe(1);
    expect(arretLengthDays('2026-03-01', '2026-03-30')).toBe(30);
    expect(arretLengthDays('2026-03-29', '2026-03-30')).toBe(2); // DST change in Paris: still whole days
  });

  it('boundary 29 / 30 / 31 days', () => {
    expect(isLongArret('2026-03-01', '2026-03-29')).toBe(false); // 29
    expect(isLongArret('2026-03-01', '2026-03-30')).toBe(false); // 30: not "more than 30"
    expect(isLongArret('2026-03-01', '2026-03-31')).toBe(true); // 31
  });

  it('follows the rules\' preRepriseAfterDays: one setting for the declaration and the VPR task', () => {
    const s = declarationSettings(rulesConfigFrom({ preRepriseAfterDays: 45 }), null);
    expect(s.minArretDays).toBe(45);
    expect(isLongArret('2026-03-01', '2026-04-14', s)).toBe(false); // 45
    expect(isLongArret('2026-03-01', '2026-04-15', s)).toBe(true); // 46
    expect(declarationSettings(DEFAULT_RULES_CONFIG, null)).toEqual(DECLARATION_DEFAULTS);
    expect(DECLARATION_DEFAULTS.minArretDays).toBe(DEFAULT_RULES_CONFIG.preRepriseAfterDays);
  });

  it('the rules engine proposes the pré-reprise for exactly the arrêts the employer must declare', () => {
    for (const threshold of [30, 45]) {
      const config = rulesConfigFrom({ preRepriseAfterDays: threshold });
      const settings = declarationSettings(config, null);
      for (const length of [threshold - 1, threshold, threshold + 1]) {
        const end = addDays('2026-03-01', length - 1);
        const arret: RuleArret = { id: 'a', workerId: 'w', nature: 'maladie', startDate: '2026-03-01', expectedEndDate: end, actualEndDate: null, ald: false, cancelled: false };
        expect(preRepriseApplies(arret, config, '2026-03-02'), `${length} days, threshold ${threshold}`).toBe(isLongArret('2026-03-01', end, settings));
        expect(isLongArret('2026-03-01', end, settings)).toBe(length > threshold);
      }
    }
  });

  it('keeps a stored CSV limit, ignores invalid values and any old minArretDays', () => {
    expect(declarationSettings(DEFAULT_RULES_CONFIG, { maxCsvLines: 10 }).maxCsvLines).toBe(10);
    expect(declarationSettings(DEFAULT_RULES_CONFIG, { minArretDays: 45, maxCsvLines: 'x' })).toEqual(DECLARATION_DEFAULTS);
    expect(declarationSettings(DEFAULT_RULES_CONFIG, { maxCsvLines: 0 })).toEqual(DECLARATION_DEFAULTS);
  });

  it('refuses a 30-day arrêt with a French message, accepts 31', () => {
    const r30 = checkDeclaration({ startDate: '01/10/2026', expectedEndDate: '30/10/2026', nature: 'maladie' }, TODAY);
    expect(r30).toMatchObject({ ok: false, code: 'ARRET_TROP_COURT', field: 'expectedEndDate' });
    if (!r30.ok) expect(r30.message).toContain('plus de 30 jours');
    const r31 = checkDeclaration({ startDate: '01/10/2026', expectedEndDate: '31/10/2026', nature: 'maladie' }, TODAY);
    expect(r31).toEqual({ ok: true, value: { startDate: '2026-10-01', expectedEndDate: '2026-10-31', nature: 'maladie' } });
  });
});

describe('declaration checks', () => {
  it('accepts French and ISO dates, refuses impossible ones', () => {
    expect(parseDeclarationDate('05/01/2026')).toBe('2026-01-05');
    expect(parseDeclarationDate('5/1/2026')).toBe('2026-01-05');
    expect(parseDeclarationDate('2026-01-05')).toBe('2026-01-05');
    expect(parseDeclarationDate('31/02/2026')).toBeNull();
    expect(parseDeclarationDate('2026-02-31')).toBeNull();
    expect(parseDeclarationDate('demain')).toBeNull();
  });

  it('refuses each wrong field with its code', () => {
    const base = { startDate: '2026-10-01', expectedEndDate: '2026-12-01', nature: 'maladie' };
    expect(checkDeclaration({ ...base, startDate: '' }, TODAY)).toMatchObject({ code: 'CHAMP_MANQUANT', field: 'startDate' });
    expect(checkDeclaration({ ...base, startDate: '32/10/2026' }, TODAY)).toMatchObject({ code: 'DATE_INVALIDE', field: 'startDate' });
    expect(checkDeclaration({ ...base, startDate: '2026-11-26' }, TODAY)).toMatchObject({ code: 'DATE_FUTURE' });
    expect(checkDeclaration({ ...base, startDate: TODAY, expectedEndDate: '2027-01-01' }, TODAY).ok).toBe(true);
    expect(checkDeclaration({ ...base, expectedEndDate: '2026-09-30' }, TODAY)).toMatchObject({ code: 'DATES_INCOHERENTES' });
    expect(checkDeclaration({ ...base, nature: 'grippe' }, TODAY)).toMatchObject({ code: 'NATURE_INCONNUE', field: 'nature' });
    expect(checkDeclaration({ ...base, nature: 'Maternite' }, TODAY).ok).toBe(true);
  });

  it('checks the typed identity', () => {
    expect(checkIdentity({ birthName: 'Durand', firstNames: 'Marie', birthDate: '05/05/1985', nir: NIR.replace(/(\d{5})/, '$1 ') }, TODAY)).toEqual({
      ok: true,
      value: { birthName: 'Durand', firstNames: 'Marie', birthDate: '1985-05-05', nir: NIR },
    });
    expect(checkIdentity({ birthName: '', firstNames: 'Marie', birthDate: '05/05/1985' }, TODAY)).toMatchObject({ code: 'CHAMP_MANQUANT', field: 'birthName' });
    expect(checkIdentity({ birthName: 'Durand', firstNames: 'Marie', birthDate: '05/05/2030' }, TODAY)).toMatchObject({ code: 'DATE_INVALIDE' });
    expect(checkIdentity({ birthName: 'Durand', firstNames: 'Marie', birthDate: '05/05/1985', nir: NIR13 + '00' }, TODAY)).toMatchObject({ code: 'NIR_CLE' });
  });

  it('matches names across accents, case and usage name', () => {
    const w = { birth_name: 'LEFÈVRE', usage_name: 'Martin', first_names: 'Anne Marie', birth_date: '1985-05-05' };
    expect(identityMatches(w, { birthName: 'lefevre', firstNames: 'Anne', birthDate: '1985-05-05' })).toBe(true);
    expect(identityMatches(w, { birthName: 'MARTIN', firstNames: 'marie', birthDate: '1985-05-05' })).toBe(true);
    expect(identityMatches(w, { birthName: 'Lefevre', firstNames: 'Anne', birthDate: '1985-05-06' })).toBe(false);
    expect(identityMatches(w, { birthName: 'Dupont', firstNames: 'Anne', birthDate: '1985-05-05' })).toBe(false);
    expect(identityKey('Lefèvre', 'Anne, Marie', '1985-05-05')).toBe(identityKey('LEFEVRE', 'anne', '1985-05-05'));
  });

  it('status seen by the employer', () => {
    expect(declarationStatus('a_verifier', null)).toBe('a_verifier');
    expect(declarationStatus('recue', 'signale')).toBe('recue');
    expect(declarationStatus('recue', 'a_evaluer')).toBe('prise_en_charge');
    expect(declarationStatus('recue', 'clos')).toBe('prise_en_charge');
  });
});

describe('declarations CSV', () => {
  it('splits quoted fields', () => {
    expect(splitCsvRecord('a;"b;c";"d ""e"""')).toEqual(['a', 'b;c', 'd "e"']);
  });

  it('keeps good lines, reports bad ones with line, code, field and message (BOM, CRLF, French dates)', () => {
    const text =
      '\uFEFFnom;prenoms;date_naissance;nir;date_debut;date_fin_prevue;nature;service\r\n' +
      'Durand;Marie;05/05/1985;;01/10/2026;15/12/2026;maladie;X\r\n' +
      'Petit;Jean;1979-02-03;;2026-10-01;2026-10-30;accident_travail;Y\r\n' +
      '\r\n' +
      '"Le Goff";"Anne; Sophie";12/12/1990;' + NIR13 + '00;01/10/2026;01/12/2026;maladie;\r\n' +
      'Roux;Luc;12/12/1990;;01/10/2026;01/12/2026;grippe;\r\n' +
      'Roux;Luc;12/13/1990;;01/10/2026;01/12/2026;maladie;\r\n';
    const r = parseDeclarationCsv(text, TODAY);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual(['Colonnes ignorées : service.']);
    expect(r.lines.map((l) => [l.line, l.ok ? 'ok' : l.code, l.ok ? null : l.field])).toEqual([
      [1, 'ok', null],
      [2, 'ARRET_TROP_COURT', 'date_fin_prevue'],
      [3, 'NIR_CLE', 'nir'],
      [4, 'NATURE_INCONNUE', 'nature'],
      [5, 'DATE_INVALIDE', 'date_naissance'],
    ]);
    const first = r.lines[0];
    expect(first.ok && first.declaration).toEqual({ startDate: '2026-10-01', expectedEndDate: '2026-12-15', nature: 'maladie' });
  });

  it('refuses a file without the header columns or with too many lines', () => {
    expect(parseDeclarationCsv('nom,prenoms\nx,y', TODAY)).toMatchObject({ ok: false, code: 'COLONNES_MANQUANTES' });
    expect(parseDeclarationCsv('', TODAY)).toMatchObject({ ok: false, code: 'FICHIER_VIDE' });
    const line = 'Durand;Marie;05/05/1985;;01/10/2026;15/12/2026;maladie\n';
    const head = 'nom;prenoms;date_naissance;date_debut;date_fin_prevue;nature\n';
    expect(parseDeclarationCsv(head + line.replace(';;', ';').repeat(3), TODAY, { ...DECLARATION_DEFAULTS, maxCsvLines: 2 })).toMatchObject({ ok: false, code: 'FICHIER_TROP_LONG' });
  });
});

describe('fiche de liaison', () => {
  it('requires the consent, dated', () => {
    expect(checkFicheConsent(false, '2026-11-01', TODAY)).toMatchObject({ ok: false, code: 'CONSENTEMENT_ABSENT' });
    expect(checkFicheConsent(true, null, TODAY)).toMatchObject({ ok: false, code: 'DATE_INVALIDE' });
    expect(checkFicheConsent(true, '2026-11-26', TODAY)).toMatchObject({ ok: false, code: 'DATE_FUTURE' });
    expect(checkFicheConsent(true, '20/11/2026', TODAY)).toEqual({ ok: true, value: '2026-11-20' });
  });

  it('answer: recommendations only with the non-objection (R4624-30) and after a VPR', () => {
    expect(checkVprAnswer({ outcome: 'vpr_realisee', vprDate: '2026-11-20', recommendations: 'Aménagement' }, TODAY)).toMatchObject({ ok: false, code: 'NON_OPPOSITION_REQUISE' });
    expect(checkVprAnswer({ outcome: 'vpr_realisee', vprDate: '2026-11-20', nonObjection: true, recommendations: ' Aménagement ' }, TODAY)).toEqual({
      ok: true,
      value: { outcome: 'vpr_realisee', vprDate: '2026-11-20', nonObjection: true, recommendations: 'Aménagement' },
    });
    expect(checkVprAnswer({ outcome: 'vpr_realisee', vprDate: '2026-11-20', nonObjection: false, recommendations: '  ' }, TODAY)).toMatchObject({ ok: true, value: { recommendations: null } });
    expect(checkVprAnswer({ outcome: 'injoignable', nonObjection: true, recommendations: 'x' }, TODAY)).toMatchObject({ code: 'RECOMMANDATIONS_SANS_VPR' });
    expect(checkVprAnswer({ outcome: 'vpr_realisee' }, TODAY)).toMatchObject({ code: 'DATE_INVALIDE', field: 'vprDate' });
    expect(checkVprAnswer({ outcome: 'vpr_realisee', vprDate: '2026-11-26' }, TODAY)).toMatchObject({ code: 'DATE_FUTURE' });
    expect(checkVprAnswer({ outcome: 'peut-etre' }, TODAY)).toMatchObject({ code: 'SUITE_INCONNUE' });
    expect(checkVprAnswer({ outcome: 'refusee_salarie' }, TODAY)).toMatchObject({ ok: true, value: { vprDate: null } });
  });
});

describe('saisines', () => {
  it('maps the author role to the source', () => {
    expect(saisineAuthorKind('worker')).toBe('salarie');
    expect(saisineAuthorKind('employer')).toBe('employeur');
    expect(saisineAuthorKind('partner_agent')).toBe('partenaire');
    expect(saisineAuthorKind('charge_mission')).toBe('equipe');
    expect(saisineAuthorKind('admin')).toBeNull();
  });

  it('needs a reason', () => {
    expect(checkReason('  a ')).toMatchObject({ ok: false, code: 'MOTIF_REQUIS' });
    expect(checkReason('x'.repeat(2001))).toMatchObject({ ok: false, code: 'MOTIF_TROP_LONG' });
    expect(checkReason(' Difficultés au poste ')).toEqual({ ok: true, value: 'Difficultés au poste' });
  });
});

describe('date helpers', () => {
  it('formats French dates and finds the start of a Paris day', async () => {
    const { frenchDate, parisDayStart } = await import('./declarations');
    expect(frenchDate('2026-01-05')).toBe('05/01/2026');
    expect(parisDayStart('2026-01-05').toISOString()).toBe('2026-01-04T23:00:00.000Z'); // winter, UTC+1
    expect(parisDayStart('2026-07-05').toISOString()).toBe('2026-07-04T22:00:00.000Z'); // summer, UTC+2
  });
});
