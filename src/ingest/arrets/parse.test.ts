import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { F, FLUX_FIELDS } from '../../domain/intake/flux-line';
import { MaintienError } from '../../domain/errors';
import { detectFormat, parseFlux, type FluxFormat, type ParsedRecord } from './parse';
import { testLine, toCsv, toJsonl } from '../../domain/intake/flux-test-lines';

async function parse(chunks: (string | Buffer)[], format: FluxFormat = 'csv') {
  const warnings: string[] = [];
  const records: ParsedRecord[] = [];
  async function* src() {
    yield* chunks;
  }
  for await (const batch of parseFlux(src(), format, { onWarning: (w) => warnings.push(w) })) records.push(...batch);
  return { records, warnings };
}

/** Splits a text into chunks of `size` bytes (so multi-byte characters are cut too). */
const bytesIn = (text: string, size: number) => {
  const b = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return out;
};

describe('detectFormat', () => {
  it('uses --format first, then the extension', () => {
    expect(detectFormat('x.txt', 'csv')).toBe('csv');
    expect(detectFormat('x.csv', 'jsonl')).toBe('jsonl');
    expect(detectFormat('flux.CSV')).toBe('csv');
    expect(detectFormat('flux.jsonl')).toBe('jsonl');
    expect(detectFormat('flux.ndjson')).toBe('jsonl');
  });
  it('refuses an unknown format with a French message', () => {
    expect(() => detectFormat('flux.xlsx')).toThrow(/format/);
    expect(() => detectFormat('flux.csv', 'xml')).toThrowError(expect.objectContaining({ code: 'FORMAT_INCONNU' }));
  });
});

describe('CSV parser', () => {
  it('reads a header in any order, a BOM, CRLF line ends, and numbers data lines from 1', async () => {
    const cols = [...FLUX_FIELDS].reverse();
    const text = '\uFEFF' + toCsv([testLine(1), testLine(2)], cols, '\r\n');
    const { records, warnings } = await parse([text]);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.line)).toEqual([1, 2]);
    expect(records[0].raw![F.emetteur]).toBe('CPAM-593');
    expect(records[1].raw![F.id_message]).toBe('MSG-2');
    expect(records[1].raw![F.contact_service_medical]).toBe('');
  });

  it('handles RFC 4180 quoting: separators, doubled quotes and newlines inside quotes', async () => {
    const line = testLine(1, { nom_naissance: 'DU;PONT "dit" LE\nGRAND', prenoms: 'Jean\r\nMarc' });
    const { records } = await parse([toCsv([line, testLine(2)], FLUX_FIELDS, '\r\n')]);
    expect(records).toHaveLength(2);
    expect(records[0].raw![F.nom_naissance]).toBe('DU;PONT "dit" LE\nGRAND');
    expect(records[0].raw![F.prenoms]).toBe('Jean\r\nMarc');
    expect(records[1].raw![F.id_message]).toBe('MSG-2');
  });

  it('gives the same records whatever the chunk boundaries (even inside a UTF-8 character or a quote)', async () => {
    const lines = [testLine(1, { nom_naissance: 'ÉLÉONORE "É"', prenoms: 'a\nb' }), testLine(2, { prenoms: 'Zoé' }), testLine(3)];
    const text = '\uFEFF' + toCsv(lines, FLUX_FIELDS, '\r\n');
    const whole = await parse([text]);
    for (const size of [1, 2, 3, 7, 64]) {
      const split = await parse(bytesIn(text, size));
      expect(split.records).toEqual(whole.records);
    }
  });

  it('reports unknown columns once as a warning and ignores them', async () => {
    const cols = [...FLUX_FIELDS, 'commentaire', 'code_postal'];
    const { records, warnings } = await parse([toCsv([testLine(1), testLine(2)], cols)]);
    expect(records).toHaveLength(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('commentaire');
    expect(warnings[0]).toContain('code_postal');
  });

  it('accepts a file without the optional columns', async () => {
    const cols = FLUX_FIELDS.filter((f) => !['siret_employeur', 'contact_service_medical', 'ald', 'temps_partiel_therapeutique', 'date_fin_effective', 'date_fin_prevue'].includes(f));
    const { records } = await parse([toCsv([testLine(1)], cols)]);
    expect(records[0].raw![F.siret_employeur]).toBeUndefined();
  });

  it('refuses a file whose header lacks required columns, before any record', async () => {
    const cols = FLUX_FIELDS.filter((f) => f !== 'nir' && f !== 'consentement');
    const err = await parse([toCsv([testLine(1)], cols)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MaintienError);
    expect(err).toMatchObject({ code: 'COLONNES_MANQUANTES', kind: 'invalid' });
    expect((err as Error).message).toContain('nir');
    expect((err as Error).message).toContain('consentement');
  });

  it('refuses an empty file', async () => {
    await expect(parse([''])).rejects.toMatchObject({ code: 'ENTETE_ABSENTE' });
    await expect(parse(['\n\n'])).rejects.toMatchObject({ code: 'ENTETE_ABSENTE' });
  });

  it('skips blank lines, reads a last line without newline, and rejects an unclosed quote as one line', async () => {
    const head = FLUX_FIELDS.join(';');
    const good = toCsv([testLine(1)]).split('\n')[1];
    const { records } = await parse([`${head}\n\n${good}\n\r\n${good}\n"unclosed;${good}`]);
    expect(records.map((r) => [r.line, r.error?.code ?? 'ok'])).toEqual([
      [1, 'ok'],
      [2, 'ok'],
      [3, 'LIGNE_ILLISIBLE'],
    ]);
  });

  it('rejects an over-long line and goes on with the next one', async () => {
    const head = FLUX_FIELDS.join(';');
    const good = toCsv([testLine(1)]).split('\n')[1];
    const { records } = await parse([`${head}\n"${'x'.repeat(70_000)}\n`, `${good}\n`].flatMap((t) => bytesIn(t, 16_384)));
    expect(records.map((r) => r.error?.code ?? 'ok')).toEqual(['LIGNE_ILLISIBLE', 'ok']);
  });
});

describe('JSON Lines parser', () => {
  it('reads objects, numbers and booleans as text, ignores unknown keys with one warning', async () => {
    const text = toJsonl([testLine(1)]) + JSON.stringify({ ...testLine(2), sexe: 1, ald: true, extra: 'x', autre: 1 }) + '\n';
    const { records, warnings } = await parse([text], 'jsonl');
    expect(records).toHaveLength(2);
    expect(records[1].raw![F.sexe]).toBe('1');
    expect(records[1].raw![F.ald]).toBe('1');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('extra');
  });

  it('turns garbage into rejected lines, never a crash', async () => {
    const text = ['{"a":', '[1,2]', 'null', '"texte"', '42', JSON.stringify({ nir: { x: 1 } }), '', toJsonl([testLine(1)]).trim()].join('\n');
    const { records } = await parse([text], 'jsonl');
    expect(records.map((r) => r.error?.code ?? 'ok')).toEqual(['LIGNE_ILLISIBLE', 'LIGNE_ILLISIBLE', 'LIGNE_ILLISIBLE', 'LIGNE_ILLISIBLE', 'LIGNE_ILLISIBLE', 'FORMAT_INVALIDE', 'ok']);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('parser properties', () => {
  const header = FLUX_FIELDS.join(';') + '\n';

  it('never crashes on arbitrary bytes after a valid header (CSV), and numbers lines 1..n', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 1, max: 50 }), async (bytes, size) => {
        const data = Buffer.concat([Buffer.from(header), Buffer.from(bytes)]);
        const { records } = await parse(bytesIn(data.toString('latin1'), size).map((b) => Buffer.from(b)));
        records.forEach((r, i) => expect(r.line).toBe(i + 1));
        for (const r of records) expect(r.raw !== null || r.error !== undefined).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never crashes on arbitrary text (JSON Lines), and numbers lines 1..n', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.string(), fc.json(), fc.constant(JSON.stringify(testLine(1))))), async (lines) => {
        const { records } = await parse([lines.join('\n')], 'jsonl');
        records.forEach((r, i) => expect(r.line).toBe(i + 1));
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary bytes (no header guaranteed) either parses or refuses with a coded error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        try {
          await parse([Buffer.from(bytes)]);
        } catch (e) {
          expect(e).toBeInstanceOf(MaintienError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
