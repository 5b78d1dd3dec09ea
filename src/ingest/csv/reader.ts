/**
 * The one CSV reader of every import (the AM « arrêts » flux, the employer declarations, the
 * risk cohort): UTF-8 only, BOM accepted, line ending detected (LF, CRLF or CR alone), quoting
 * read by csv-parse with relaxed quotes. Decision and rules: docs/decisions.md (issue 12).
 *
 * Framing — what a record is (issue 12, item 9):
 * - every physical line is one record, read by csv-parse with `relax_quotes` (a `"` inside an
 *   unquoted field, `DUR"AND`, is plain text);
 * - except a line that opens a quoted field it does not close: that record goes on over the next
 *   lines only if the whole is properly quoted (RFC 4180: csv-parse without relaxation), has the
 *   expected number of fields (`columns`) and stays under MAX_RECORD_LINES / MAX_RECORD_CHARS.
 *   Otherwise only that line is rejected and reading starts again at the next one — a stray
 *   quote can cost its own line, never the lines after it;
 * - blank lines are skipped;
 * - a line holding a NUL character or a lone UTF-16 surrogate (PostgreSQL cannot store either)
 *   is rejected CARACTERE_INTERDIT (issue 12, item 8).
 *
 * Every physical line is accounted for in `layout`: records + blank + continuation lines =
 * physical lines. Streaming: memory stays bounded by one record's lookahead whatever the file.
 */
import { parse as csvParse, CsvError, type Options as CsvParseOptions } from 'csv-parse/sync';
import { Utf8Checker, type LineEnding } from './utf8';

export type { LineEnding } from './utf8';

/** A line longer than this (binary garbage, a missing line end) is rejected, not buffered. */
export const MAX_RECORD_CHARS = 64 * 1024;
/** A quoted field may hold line breaks, but a record spans at most this many physical lines. */
export const MAX_RECORD_LINES = 20;

export interface CsvRecordError {
  code: 'LIGNE_ILLISIBLE' | 'CARACTERE_INTERDIT';
  message: string;
}

export interface CsvRecord {
  /** First physical line of the record in the file, from 1 (the header is usually line 1). */
  line: number;
  /** Last physical line: greater than `line` for a quoted field over several lines. */
  lastLine: number;
  /** The fields, or null when the record could not be read (`error`). */
  fields: string[] | null;
  error?: CsvRecordError;
}

/** Where every physical line of the file went: records + blankLines + continuationLines = physicalLines. */
export interface CsvLayout {
  physicalLines: number;
  /** Records read or rejected (the header included). */
  records: number;
  blankLines: number;
  /** Lines that are the continuation of a record begun on an earlier line (quoted line breaks). */
  continuationLines: number;
  /** Records spanning several lines: their first line (the first 20). */
  multiLineRecords: number[];
  ending: LineEnding | null;
  delimiter: string | null;
}

export interface CsvReaderOptions {
  /** `;` (default), `,`, or `auto`: the one more frequent in the first non-blank line (`;` on a tie). */
  delimiter?: ';' | ',' | 'auto';
  /** The number of fields a record spanning several lines must have (the header's); null: any. */
  columns?: () => number | null;
  maxRecordChars?: number;
  maxRecordLines?: number;
}

export const FORBIDDEN_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const MAYBE_FORBIDDEN = /[\u0000\uD800-\uDFFF]/;

/** True when a text holds a character PostgreSQL cannot store (NUL) or a lone surrogate. */
export const hasForbiddenCharacter = (text: string) => MAYBE_FORBIDDEN.test(text) && FORBIDDEN_CHARACTER.test(text);

/** A text made safe for storage: NUL and lone surrogates become U+FFFD (for messages quoting input). */
export const withoutForbiddenCharacters = (text: string) => text.replace(new RegExp(FORBIDDEN_CHARACTER.source, 'g'), '\uFFFD');

export const READ_ERRORS = {
  tooLong: { code: 'LIGNE_ILLISIBLE', message: 'Ligne illisible : ligne trop longue (fin de ligne manquante ou contenu binaire).' },
  unclosed: {
    code: 'LIGNE_ILLISIBLE',
    message: 'Ligne illisible : un champ ouvre un guillemet qui n’est pas refermé correctement (seule cette ligne est écartée, la lecture reprend à la ligne suivante).',
  },
  quoting: { code: 'LIGNE_ILLISIBLE', message: 'Ligne illisible : guillemets mal placés.' },
  forbidden: {
    code: 'CARACTERE_INTERDIT',
    message: 'La ligne contient un caractère interdit (caractère nul ou caractère Unicode isolé) : corrigez l’export et renvoyez cette ligne.',
  },
} as const satisfies Record<string, CsvRecordError>;

/**
 * Splits text into physical lines, chunk by chunk. The first line end found fixes the line
 * ending: LF or CRLF (a CR before the LF is dropped) or CR alone (old Mac, some exports).
 * A line longer than `maxChars` is given as `null` and skipped up to its end.
 */
export class LineSplitter {
  #buf = '';
  #skipping = false;
  ending: LineEnding | null = null;
  /** Physical lines given so far. */
  count = 0;
  constructor(private readonly maxChars = MAX_RECORD_CHARS) {}

  /** Appends text; pushes each complete line and its line end (`\n`, `\r\n` or `\r`) to `out`. */
  push(text: string, texts: (string | null)[], ends: string[], final = false): void {
    let buf = this.#buf.length === 0 ? text : this.#buf + text;
    let pos = 0;
    if (this.ending === null) {
      const lf = buf.indexOf('\n');
      const cr = buf.indexOf('\r');
      if (cr >= 0 && (lf < 0 || cr < lf)) {
        if (cr + 1 < buf.length) this.ending = buf.charCodeAt(cr + 1) === 10 ? 'crlf' : 'cr';
        else if (final) this.ending = 'cr';
      } else if (lf >= 0) this.ending = 'lf';
    }
    if (this.ending !== null) {
      const sep = this.ending === 'cr' ? '\r' : '\n';
      for (;;) {
        const at = buf.indexOf(sep, pos);
        if (at < 0) break;
        let end = at;
        let term = sep;
        if (sep === '\n' && at > pos && buf.charCodeAt(at - 1) === 13) {
          end = at - 1;
          term = '\r\n';
        }
        if (this.#skipping) this.#skipping = false;
        else {
          this.count++;
          texts.push(end - pos > this.maxChars ? null : buf.slice(pos, end));
          ends.push(term);
        }
        pos = at + 1;
      }
    }
    if (pos > 0) buf = buf.slice(pos);
    if (final) {
      if (buf.length > 0 && !this.#skipping) {
        this.count++;
        texts.push(buf.length > this.maxChars ? null : buf);
        ends.push('');
      }
      buf = '';
      this.#skipping = false;
    } else if (buf.length > this.maxChars + 1) {
      // No line end in sight: the line is too long; drop it now and skip to its end.
      if (!this.#skipping) {
        this.count++;
        texts.push(null);
        ends.push('');
      }
      this.#skipping = true;
      buf = '';
    }
    this.#buf = buf;
  }
}

const isBlank = (t: string) => t.length === 0 || (t.charCodeAt(0) <= 32 && t.trim() === '') || (t.charCodeAt(0) === 0xa0 && t.trim() === '');

type Parsed = { ok: true; fields: string[] } | { ok: false; code: string };

/**
 * Streaming CSV reader: `push` text chunks, then `end`; each call returns the records completed.
 * `layout` holds the accounting of every physical line.
 */
export class CsvReader {
  readonly layout: CsvLayout = { physicalLines: 0, records: 0, blankLines: 0, continuationLines: 0, multiLineRecords: [], ending: null, delimiter: null };
  readonly #splitter: LineSplitter;
  readonly #opts: Required<Omit<CsvReaderOptions, 'columns'>> & Pick<CsvReaderOptions, 'columns'>;
  #texts: (string | null)[] = [];
  #ends: string[] = [];
  /** Physical line number of #texts[0]. */
  #base = 1;
  #delimiter: string | null;
  #relaxed: CsvParseOptions | null = null;
  #strict: CsvParseOptions | null = null;

  constructor(opts: CsvReaderOptions = {}) {
    this.#opts = { delimiter: ';', maxRecordChars: MAX_RECORD_CHARS, maxRecordLines: MAX_RECORD_LINES, ...opts };
    this.#splitter = new LineSplitter(this.#opts.maxRecordChars);
    this.#delimiter = this.#opts.delimiter === 'auto' ? null : this.#opts.delimiter;
  }

  push(text: string): CsvRecord[] {
    this.#splitter.push(text, this.#texts, this.#ends);
    return this.#frame(false);
  }

  end(): CsvRecord[] {
    this.#splitter.push('', this.#texts, this.#ends, true);
    const out = this.#frame(true);
    this.layout.physicalLines = this.#splitter.count;
    return out;
  }

  #parse(text: string, strict: boolean): Parsed {
    if (!this.#relaxed) {
      const base: CsvParseOptions = {
        delimiter: this.#delimiter!,
        quote: '"',
        escape: '"',
        record_delimiter: this.#splitter.ending === 'cr' ? '\r' : '\n',
        relax_column_count: true,
        skip_empty_lines: false,
        bom: false,
      };
      this.#relaxed = { ...base, relax_quotes: true };
      this.#strict = { ...base, relax_quotes: false };
    }
    try {
      const rows = csvParse(text, strict ? this.#strict! : this.#relaxed!) as string[][];
      if (rows.length !== 1) return { ok: false, code: 'RECORDS' };
      return { ok: true, fields: rows[0] };
    } catch (err) {
      if (err instanceof CsvError) return { ok: false, code: err.code };
      throw err;
    }
  }

  #frame(final: boolean): CsvRecord[] {
    const out: CsvRecord[] = [];
    const texts = this.#texts;
    const ends = this.#ends;
    const layout = this.layout;
    const { maxRecordChars, maxRecordLines } = this.#opts;
    let i = 0;
    const bad = (error: CsvRecordError) => {
      const line = this.#base + i;
      out.push({ line, lastLine: line, fields: null, error });
      layout.records++;
      i++;
    };
    outer: while (i < texts.length) {
      const t = texts[i];
      if (t === null) {
        bad(READ_ERRORS.tooLong);
        continue;
      }
      if (isBlank(t)) {
        layout.blankLines++;
        i++;
        continue;
      }
      if (this.#delimiter === null) {
        const semi = t.split(';').length;
        const comma = t.split(',').length;
        this.#delimiter = comma > semi ? ',' : ';';
      }
      if (hasForbiddenCharacter(t)) {
        bad(READ_ERRORS.forbidden);
        continue;
      }
      const line = this.#base + i;
      if (t.indexOf('"') < 0) {
        out.push({ line, lastLine: line, fields: t.split(this.#delimiter) });
        layout.records++;
        i++;
        continue;
      }
      const single = this.#parse(t, false);
      if (single.ok) {
        out.push({ line, lastLine: line, fields: single.fields });
        layout.records++;
        i++;
        continue;
      }
      if (single.code !== 'CSV_QUOTE_NOT_CLOSED') {
        bad(READ_ERRORS.quoting);
        continue;
      }
      // The line opens a quoted field it does not close: look for its properly quoted end.
      let text = t;
      let j = i;
      let fields: string[] | null = null;
      for (;;) {
        if (j + 1 >= texts.length) {
          if (!final) break outer; // wait for more lines
          break;
        }
        const next = texts[j + 1];
        if (next === null || hasForbiddenCharacter(next)) break;
        text = text + ends[j] + next;
        j++;
        if (text.length > maxRecordChars || j - i + 1 > maxRecordLines) break;
        if (next.indexOf('"') < 0) continue;
        const r = this.#parse(text, true);
        if (r.ok) {
          fields = r.fields;
          break;
        }
        if (r.code !== 'CSV_QUOTE_NOT_CLOSED') break; // improperly quoted
      }
      const expected = this.#opts.columns?.() ?? null;
      if (fields && (expected === null || fields.length === expected)) {
        out.push({ line, lastLine: this.#base + j, fields });
        layout.records++;
        layout.continuationLines += j - i;
        if (layout.multiLineRecords.length < 20) layout.multiLineRecords.push(line);
        i = j + 1;
      } else bad(READ_ERRORS.unclosed);
    }
    if (i > 0) {
      this.#texts = texts.slice(i);
      this.#ends = ends.slice(i);
      this.#base += i;
    }
    layout.ending = this.#splitter.ending;
    layout.delimiter = this.#delimiter;
    return out;
  }
}

/**
 * Decodes a byte stream as UTF-8 (a leading BOM dropped), checking it on the way: a byte that is
 * not UTF-8 throws ENCODAGE_INVALIDE naming its line. Strings pass through (BOM dropped).
 */
export async function* decodeUtf8Stream(source: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<string> {
  const checker = new Utf8Checker();
  const decoder = new TextDecoder('utf-8');
  let first = true;
  for await (const chunk of source) {
    let text: string;
    if (typeof chunk === 'string') text = chunk;
    else {
      checker.push(chunk);
      text = decoder.decode(chunk, { stream: true });
    }
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  checker.end();
  const tail = decoder.decode();
  if (tail.length > 0) yield tail;
}

/** Reads a CSV stream: yields the records of each chunk as they complete; `reader.layout` afterwards. */
export async function* readCsvStream(source: AsyncIterable<Buffer | Uint8Array | string>, reader: CsvReader): AsyncGenerator<CsvRecord[]> {
  for await (const text of decodeUtf8Stream(source)) {
    const out = reader.push(text);
    if (out.length > 0) yield out;
  }
  const out = reader.end();
  if (out.length > 0) yield out;
}

/** Reads a whole CSV text (a small file already in memory): its records and layout. */
export function readCsvText(text: string, opts: CsvReaderOptions = {}): { records: CsvRecord[]; layout: CsvLayout } {
  const reader = new CsvReader(opts);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records = [...reader.push(body), ...reader.end()];
  return { records, layout: reader.layout };
}

/** A French sentence saying where the lines of a file went, when it is not plain (for the report). */
export function layoutNotice(layout: CsvLayout): string | null {
  const parts: string[] = [];
  if (layout.continuationLines > 0) {
    const at = layout.multiLineRecords.join(', ');
    parts.push(
      `${layout.continuationLines} ligne(s) du fichier continuent un champ entre guillemets commencé à la ligne précédente (enregistrements sur plusieurs lignes, commençant aux lignes ${at}${layout.multiLineRecords.length >= 20 ? '…' : ''})`,
    );
  }
  if (layout.blankLines > 0) parts.push(`${layout.blankLines} ligne(s) vide(s) ignorée(s)`);
  if (parts.length === 0) return null;
  return `Le fichier compte ${layout.physicalLines} ligne(s) physique(s) : ${parts.join(' ; ')}.`;
}
