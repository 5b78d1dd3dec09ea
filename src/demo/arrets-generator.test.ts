import { describe, expect, it } from 'vitest';
import { validateFluxLine, FLUX_FIELDS } from '../domain/intake/flux-line';
import { validateNir } from '../domain/identity/nir';
import { CSV_HEADER, FLUX_COLUMNS, generateArretChunks, generateArretLines, generateArretStream, type GeneratedLine } from './arrets-generator';
import { parseFlux } from '../ingest/arrets/parse';

const FILE_DATE = '2026-11-25';
const lines = (n: number, seed = 11, extra = {}) => [...generateArretLines({ lines: n, seed, fileDate: FILE_DATE, ...extra })];
const raw = (l: GeneratedLine) => FLUX_FIELDS.map((f) => l.record[f] ?? '');

describe('synthetic AM flux generator', () => {
  it('uses the columns of the format, in its order', () => {
    expect([...FLUX_COLUMNS]).toEqual([...FLUX_FIELDS]);
    expect(CSV_HEADER.split(';')).toEqual([...FLUX_FIELDS]);
  });

  it('is deterministic for a seed and a file date, and differs across seeds', () => {
    const a = [...generateArretChunks({ lines: 3000, seed: 5, fileDate: FILE_DATE })].join('');
    const b = [...generateArretChunks({ lines: 3000, seed: 5, fileDate: FILE_DATE })].join('');
    const c = [...generateArretChunks({ lines: 3000, seed: 6, fileDate: FILE_DATE })].join('');
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a.split('\n')).toHaveLength(3000 + 2);
  });

  it('has realistic proportions: mostly initial, then prolongation/fin, a few annulations; 2–4 % wrong lines; a few divergent identities', () => {
    const all = lines(20_000);
    const count = (p: (l: GeneratedLine) => boolean) => all.filter(p).length / all.length;
    const wrong = count((l) => l.intent.outcome === 'rejected' || l.intent.outcome === 'duplicate');
    expect(wrong).toBeGreaterThanOrEqual(0.02);
    expect(wrong).toBeLessThanOrEqual(0.04);
    const type = (t: string) => count((l) => l.intent.outcome === 'accepted' && l.intent.type === t);
    expect(type('initial')).toBeGreaterThan(0.6);
    expect(type('prolongation')).toBeGreaterThan(0.1);
    expect(type('fin')).toBeGreaterThan(0.05);
    expect(type('annulation')).toBeGreaterThan(0.005);
    expect(type('annulation')).toBeLessThan(0.05);
    expect(count((l) => l.intent.outcome === 'quarantined')).toBeGreaterThan(0.001);
    expect(count((l) => l.intent.outcome === 'quarantined')).toBeLessThan(0.01);
    // Every kind of defect shows up.
    const codes = new Set(all.flatMap((l) => (l.intent.outcome === 'rejected' ? [l.intent.code] : [])));
    for (const code of ['NIR_CLE', 'NIR_INVALIDE', 'CHAMP_MANQUANT', 'DATE_INVALIDE', 'DATES_INCOHERENTES', 'SEXE_INCOHERENT', 'SIRET_INVALIDE', 'TYPE_MESSAGE_INCONNU', 'NATURE_INCONNUE', 'MOTIF_INCONNU', 'CONSENTEMENT_ABSENT', 'CONFLIT']) {
      expect(codes, code).toContain(code);
    }
    expect(count((l) => l.intent.outcome === 'duplicate')).toBeGreaterThan(0);
    const issuers = new Set(all.map((l) => l.record.emetteur));
    expect(issuers.size).toBe(1);
    expect([...issuers][0]).toMatch(/^(CPAM|ELSM)-\d{2,3}$/);
    const natures = new Set(all.map((l) => l.record.nature));
    expect([...natures]).toEqual(expect.arrayContaining(['maladie', 'accident_travail', 'maladie_professionnelle']));
  });

  it('valid lines pass the validation of the format; wrong lines fail with the intended code', () => {
    for (const l of lines(10_000, 23)) {
      const r = validateFluxLine(raw(l), 1, FILE_DATE);
      if (l.intent.outcome === 'rejected' && l.intent.kind !== 'conflit') {
        expect(r.ok, JSON.stringify(l)).toBe(false);
        if (!r.ok) expect(r.rejection.code, JSON.stringify(l.record)).toBe(l.intent.code);
      } else {
        expect(r.ok, JSON.stringify(l.record) + (r.ok ? '' : r.rejection.message)).toBe(true);
      }
    }
  });

  it('NIRs are consistent with sex and birth date', () => {
    for (const l of lines(5000, 31)) {
      if (l.intent.outcome !== 'accepted') continue;
      const nir = validateNir(l.record.nir!);
      expect(nir.ok).toBe(true);
      if (!nir.ok) continue;
      expect(String(nir.value.sex)).toBe(l.record.sexe);
      expect(nir.value.birthYear2).toBe(l.record.date_naissance!.slice(2, 4));
      expect(nir.value.birthMonth).toBe(l.record.date_naissance!.slice(5, 7));
    }
  });

  it('prolongations and ends refer to earlier episodes of the same person; conflicts reuse an earlier id_message', () => {
    const all = lines(10_000, 41);
    const firstSeen = new Map<string, GeneratedLine>();
    const ids = new Set<string>();
    let known = 0;
    for (const l of all) {
      const opens = l.intent.outcome === 'accepted' && (l.intent.type === 'initial' || l.intent.unknownEpisode);
      if (opens && !firstSeen.has(l.record.id_arret!)) firstSeen.set(l.record.id_arret!, l);
      if (l.intent.outcome === 'accepted' && l.intent.type !== 'initial' && !l.intent.unknownEpisode) {
        const first = firstSeen.get(l.record.id_arret!);
        expect(first, l.record.id_arret).toBeDefined();
        expect(first!.record.nir).toBe(l.record.nir);
        expect(first!.record.date_debut).toBe(l.record.date_debut);
        known++;
      }
      if (l.intent.outcome === 'rejected' && l.intent.kind === 'conflit') expect(ids.has(l.record.id_message!)).toBe(true);
      if (l.intent.outcome === 'duplicate') expect(ids.has(l.record.id_message!)).toBe(true);
      ids.add(l.record.id_message!);
    }
    expect(known).toBeGreaterThan(1000);
  });

  it('with a tenant pool, reuses its SIRETs and workers, and makes some lines diverge from them', () => {
    const pool = {
      sirets: ['73282932000074'],
      workers: [{ nir: '184127645108946', birthName: 'DUPONT', firstNames: 'Jean', birthDate: '1984-12-10', sex: 1 }],
    };
    const all = lines(20_000, 3, { pool, divergentRate: 0.01 });
    expect(all.filter((l) => l.record.siret_employeur && l.record.siret_employeur !== '73282932000074' && l.intent.outcome === 'accepted')).toHaveLength(0);
    const same = all.filter((l) => l.record.nir === '184127645108946');
    expect(same.some((l) => l.intent.outcome === 'accepted' && l.record.date_naissance === '1984-12-10' && l.record.nom_naissance === 'DUPONT')).toBe(true);
    expect(same.some((l) => l.intent.outcome === 'quarantined' && l.record.date_naissance !== '1984-12-10' && l.record.date_naissance!.startsWith('1984-12-'))).toBe(true);
  });

  it('the CSV and JSON Lines outputs parse back to the same records', async () => {
    const expected = lines(500, 8).map(raw);
    for (const format of ['csv', 'jsonl'] as const) {
      const got: string[][] = [];
      for await (const chunk of parseFlux(generateArretStream({ lines: 500, seed: 8, fileDate: FILE_DATE, format }), format)) {
        for (const r of chunk) got.push(FLUX_FIELDS.map((_, i) => r.raw?.[i] ?? ''));
      }
      expect(got, format).toEqual(expected);
    }
  });

});
