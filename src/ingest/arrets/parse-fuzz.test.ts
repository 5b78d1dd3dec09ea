/**
 * Fuzzing of the flux parser (issue 12): arbitrary files — valid lines, stray and doubled quotes,
 * NUL, lone surrogates, blank lines, LF / CRLF / CR line ends, arbitrary bytes — never throw an
 * unexpected exception, and every physical line is accounted for: header + data lines (accepted
 * or rejected) + blank lines + continuation lines of quoted fields = physical lines. Seeded and
 * small enough for CI.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MaintienError } from '../../domain/errors';
import { FLUX_FIELDS } from '../../domain/intake/flux-line';
import { testLine, toCsv, toJsonl } from '../../domain/intake/flux-test-lines';
import type { CsvLayout } from '../csv/reader';
import { parseFlux, type FluxFormat, type ParsedRecord } from './parse';

const HEADER = FLUX_FIELDS.join(';');
const FILE_ERRORS = ['ENTETE_ABSENTE', 'ENTETE_ILLISIBLE', 'COLONNES_MANQUANTES', 'ENCODAGE_INVALIDE'];

async function run(chunks: (string | Buffer)[], format: FluxFormat) {
  const records: ParsedRecord[] = [];
  let layout: CsvLayout | undefined;
  for await (const batch of parseFlux((async function* () { yield* chunks; })(), format, { onLayout: (l) => (layout = l) })) records.push(...batch);
  return { records, layout: layout! };
}

/** Physical lines of a text, counted independently of the reader: the first line end decides. */
function physicalLines(text: string): number {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lf = body.indexOf('\n');
  const cr = body.indexOf('\r');
  const sep = cr >= 0 && (lf < 0 || cr < lf) && body[cr + 1] !== '\n' ? '\r' : '\n';
  const parts = body.split(sep);
  return parts.length - (parts[parts.length - 1] === '' ? 1 : 0);
}

const goodLine = fc.integer({ min: 1, max: 9999 }).map((n) => toCsv([testLine(n)]).split('\n')[1]);
const noise = fc.oneof(
  fc.constantFrom('"', '""', '";', ';"', '"x"y', 'DUR"AND', '\u0000', '\uD800', '\uDC00', '😀', 'É', ';', ' ', '\t', '\uFEFF'),
  fc.string({ maxLength: 12 }),
);
/** A line: a good one, a good one with noise inserted somewhere, pure noise, or blank. */
const line = fc.oneof(
  { weight: 4, arbitrary: goodLine },
  {
    weight: 4,
    arbitrary: fc.tuple(goodLine, fc.array(fc.tuple(fc.nat(), noise), { minLength: 1, maxLength: 3 })).map(([l, ins]) =>
      ins.reduce((acc, [at, s]) => acc.slice(0, at % (acc.length + 1)) + s + acc.slice(at % (acc.length + 1)), l),
    ),
  },
  { weight: 1, arbitrary: fc.array(noise, { maxLength: 6 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('', '  ') },
);
const ending = fc.constantFrom('\n', '\r\n', '\r');

/** Cuts text into byte chunks of `size` (multi-byte characters and CRLF cut too). */
const chunked = (text: string, size: number) => {
  const b = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return out;
};

function expectAccounted(text: string, records: ParsedRecord[], layout: CsvLayout, format: FluxFormat) {
  const header = format === 'csv' ? 1 : 0;
  expect(layout.physicalLines).toBe(physicalLines(text));
  expect(layout.records + layout.blankLines + layout.continuationLines).toBe(layout.physicalLines);
  expect(records.length).toBe(layout.records - header);
  records.forEach((r, i) => {
    expect(r.line).toBe(i + 1);
    expect(r.raw !== null || r.error !== undefined).toBe(true);
    if (i > 0) expect(r.fileLine).toBeGreaterThan(records[i - 1].fileLine);
  });
}

describe('flux parser fuzzing: no crash, every physical line accounted for', () => {
  it('CSV: arbitrary mixes of lines, quotes, NUL, surrogates and line ends, in arbitrary chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 25 }), ending, fc.boolean(), fc.integer({ min: 1, max: 64 }), async (lines, sep, lastEnd, size) => {
        // Lone surrogates cannot travel as UTF-8 bytes: the text is given as one string chunk then.
        const text = [HEADER, ...lines].join(sep) + (lastEnd ? sep : '');
        const chunks = Buffer.from(text).toString() === text ? chunked(text, size) : [text];
        const { records, layout } = await run(chunks, 'csv');
        expectAccounted(text, records, layout, 'csv');
        // A line holding NUL is never accepted as data.
        for (const r of records) if (r.raw) expect(r.raw.some((v) => v?.includes('\u0000'))).toBe(false);
      }),
      { numRuns: 300, seed: 20_260_212 },
    );
  });

  it('JSON Lines: arbitrary mixes of objects, garbage, escapes and line ends', async () => {
    const jsonLine = fc.oneof(
      fc.integer({ min: 1, max: 9999 }).map((n) => toJsonl([testLine(n)]).trim()),
      fc.constantFrom('{"a\\u0000":1}', '{"nom_naissance":"\\ud800"}', '{"x":"\\udc00y"}', '{', '[]', 'null', '"s"'),
      fc.json(),
      fc.string({ maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(jsonLine, { maxLength: 20 }), ending, fc.integer({ min: 1, max: 64 }), async (lines, sep, size) => {
        const text = lines.join(sep);
        const chunks = Buffer.from(text).toString() === text ? chunked(text, size) : [text];
        const { records, layout } = await run(chunks, 'jsonl');
        expectAccounted(text, records, layout, 'jsonl');
      }),
      { numRuns: 300, seed: 20_260_212 },
    );
  });

  it('arbitrary bytes after a valid header: refused as a whole (not UTF-8) or every line accounted for', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), ending, fc.integer({ min: 1, max: 50 }), async (bytes, sep, size) => {
        const data = Buffer.concat([Buffer.from(HEADER + sep), Buffer.from(bytes)]);
        const chunks: Buffer[] = [];
        for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
        try {
          const { records, layout } = await run(chunks, 'csv');
          expectAccounted(data.toString('utf8'), records, layout, 'csv');
        } catch (e) {
          expect(e).toBeInstanceOf(MaintienError);
          expect(FILE_ERRORS).toContain((e as MaintienError).code);
        }
      }),
      { numRuns: 300, seed: 20_260_212 },
    );
  });
});
