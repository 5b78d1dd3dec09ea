import { describe, expect, it } from 'vitest';
import { MaintienError } from '../../domain/errors';
import { CsvReader, readCsvStream, readCsvText } from './reader';
import { decodeUtf8, firstInvalidUtf8, refuseReplacementCharacters, Utf8Checker } from './utf8';

const fields = (text: string, opts = {}) => readCsvText(text, opts).records.map((r) => r.fields ?? r.error!.code);

describe('CSV reader: framing', () => {
  it('keeps a quote inside an unquoted field as text (DUR"AND) and reads the next lines', () => {
    expect(fields('a;b\n1;DUR"AND\n2;x\n3;Jean"Marc\n4;y\n')).toEqual([['a', 'b'], ['1', 'DUR"AND'], ['2', 'x'], ['3', 'Jean"Marc'], ['4', 'y']]);
  });

  it('reads RFC 4180 quoting: separators, doubled quotes and line breaks inside quotes', () => {
    const { records, layout } = readCsvText('a;b\n"x;y";"dit ""le"" grand"\n"LE\nGRAND";z\n', { columns: () => 2 });
    expect(records.map((r) => [r.line, r.lastLine, r.fields])).toEqual([
      [1, 1, ['a', 'b']],
      [2, 2, ['x;y', 'dit "le" grand']],
      [3, 4, ['LE\nGRAND', 'z']],
    ]);
    expect(layout).toMatchObject({ physicalLines: 4, records: 3, blankLines: 0, continuationLines: 1, multiLineRecords: [3] });
  });

  it('rejects only the line that opens a quote it never closes properly, then reads on', () => {
    const { records, layout } = readCsvText('a;b\n1;"open\n2;x\n3;"q"z\n4;y\n', { columns: () => 2 });
    expect(records.map((r) => [r.line, r.fields ?? r.error!.code])).toEqual([
      [1, ['a', 'b']],
      [2, 'LIGNE_ILLISIBLE'],
      [3, ['2', 'x']],
      [4, ['3', '"q"z']],
      [5, ['4', 'y']],
    ]);
    expect(layout.continuationLines).toBe(0);
  });

  it('refuses a multi-line record whose number of fields is not the header’s', () => {
    // The quote opened on line 2 closes properly on line 4, but the record would have 3 fields:
    // line 2 alone is rejected, lines 3 and 4 are read as they are.
    expect(fields('a;b\n1;"x\n2;y\n3";z;w\n', { columns: () => 2 })).toEqual([['a', 'b'], 'LIGNE_ILLISIBLE', ['2', 'y'], ['3"', 'z', 'w']]);
  });

  it('detects LF, CRLF and CR line ends', () => {
    for (const [sep, ending] of [['\n', 'lf'], ['\r\n', 'crlf'], ['\r', 'cr']] as const) {
      const { records, layout } = readCsvText(['a;b', '1;2', '"3', '4";5', ''].join(sep), { columns: () => 2 });
      expect(layout.ending).toBe(ending);
      expect(records.map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2'], [`3${sep}4`, '5']]);
    }
  });

  it('rejects a line holding a NUL or a lone surrogate (CARACTERE_INTERDIT), keeps a valid pair', () => {
    expect(fields('a;b\n1;x\u0000\n2;\uD800\n3;\uDC00z\n4;😀\n')).toEqual([['a', 'b'], 'CARACTERE_INTERDIT', 'CARACTERE_INTERDIT', 'CARACTERE_INTERDIT', ['4', '😀']]);
  });

  it('skips and counts blank lines; reads a last line without line end', () => {
    const { records, layout } = readCsvText('\na;b\n\n  \n1;2');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [2, ['a', 'b']],
      [5, ['1', '2']],
    ]);
    expect(layout).toMatchObject({ physicalLines: 5, records: 2, blankLines: 3, continuationLines: 0 });
  });

  it('chooses the separator from the first line when asked (auto)', () => {
    expect(fields('a,b,c\n1,2,3\n', { delimiter: 'auto' })).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(fields('a;b,c\n1;2,3\n', { delimiter: 'auto' })).toEqual([['a', 'b,c'], ['1', '2,3']]);
  });

  it('rejects an over-long line without buffering it, then reads on', () => {
    const reader = new CsvReader({ maxRecordChars: 100 });
    const out = [...reader.push('a;b\n'), ...reader.push('x'.repeat(80)), ...reader.push('y'.repeat(80)), ...reader.push('z\n1;2\n'), ...reader.end()];
    expect(out.map((r) => [r.line, r.fields ?? r.error!.code])).toEqual([
      [1, ['a', 'b']],
      [2, 'LIGNE_ILLISIBLE'],
      [3, ['1', '2']],
    ]);
    expect(reader.layout.physicalLines).toBe(3);
  });

  it('gives the same records whatever the chunk boundaries (CR, CRLF and quotes cut in two)', async () => {
    for (const sep of ['\n', '\r\n', '\r']) {
      const text = ['a;b', 'é;"x', 'y"', 'DUR"AND;z', '', '"q"";";w', ''].join(sep);
      const whole = readCsvText(text, { columns: () => 2 });
      const bytes = Buffer.from(text);
      for (const size of [1, 2, 3, 5]) {
        const chunks: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
        const reader = new CsvReader({ columns: () => 2 });
        const got = [];
        for await (const recs of readCsvStream((async function* () { yield* chunks; })(), reader)) got.push(...recs);
        expect(got).toEqual(whole.records);
        expect(reader.layout).toEqual(whole.layout);
      }
    }
  });
});

describe('UTF-8', () => {
  const latin1 = Buffer.concat([Buffer.from('nom\nDUPONT\n'), Buffer.from('LEF\u00c8VRE\n', 'latin1')]);

  it('refuses bytes that are not UTF-8, naming the first bad line and how to re-export', async () => {
    expect(() => decodeUtf8(latin1)).toThrowError(expect.objectContaining({ code: 'ENCODAGE_INVALIDE', details: { line: 3 } }));
    const err = (() => {
      try {
        decodeUtf8(latin1);
      } catch (e) {
        return e as MaintienError;
      }
    })()!;
    expect(err.message).toContain('ligne 3');
    expect(err.message).toContain('UTF-8');
    const reader = new CsvReader();
    await expect((async () => {
      for await (const _ of readCsvStream((async function* () { yield latin1.subarray(0, 12); yield latin1.subarray(12); })(), reader)) void _;
    })()).rejects.toMatchObject({ code: 'ENCODAGE_INVALIDE', details: { line: 3 } });
  });

  it('counts lines with CR line ends and across chunks; accepts a BOM and characters cut between chunks', () => {
    const c = new Utf8Checker();
    const b = Buffer.from('\uFEFFa\rÉ\r', 'utf8');
    for (const byte of b) c.push(Buffer.from([byte]));
    expect(() => c.push(Buffer.from([0xff]))).toThrowError(expect.objectContaining({ details: { line: 3 } }));
    expect(decodeUtf8(Buffer.from('\uFEFFnom\nÉlodie\n'))).toBe('nom\nÉlodie\n');
  });

  it('refuses a file that ends inside a character, overlong forms and encoded surrogates', () => {
    expect(() => decodeUtf8(Buffer.from([0x61, 0xc3]))).toThrow(MaintienError);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from('aé😀'))).toBe(-1);
  });

  it('refuses a text already decoded with replacement characters (a browser read a Latin-1 file)', () => {
    expect(() => refuseReplacementCharacters('nom\nDUPONT\nLEF\uFFFDVRE')).toThrowError(expect.objectContaining({ code: 'ENCODAGE_INVALIDE', details: { line: 3 } }));
    expect(() => refuseReplacementCharacters('nom\nLEFÈVRE')).not.toThrow();
  });
});
