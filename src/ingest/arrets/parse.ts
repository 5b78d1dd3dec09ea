/**
 * Streaming parser of the « arrêts de travail » flux (docs/formats/flux-arrets.md): CSV
 * (UTF-8, optional BOM, `;`, header in any order, quoting read by csv-parse through the shared
 * reader src/ingest/csv/reader.ts, LF, CRLF or CR line ends) and JSON Lines. It reads an async
 * iterable of chunks and yields the records of each chunk as they complete, so memory stays
 * bounded whatever the file size. It never throws on a bad line: a line it cannot read becomes a
 * record carrying an error. Only a file that cannot be processed at all (not UTF-8, no header,
 * missing required columns, a forbidden character in the header) throws a MaintienError — the
 * header's errors before any record.
 */
import { FLUX_FIELDS, REQUIRED_COLUMNS, type RawLine } from '../../domain/intake/flux-line';
import { invalid } from '../../domain/errors';
import { CsvReader, decodeUtf8Stream, hasForbiddenCharacter, LineSplitter, MAX_RECORD_CHARS, READ_ERRORS, readCsvStream, type CsvLayout, type CsvRecord } from '../csv/reader';

export type FluxFormat = 'csv' | 'jsonl';
export const FLUX_FORMATS: readonly FluxFormat[] = ['csv', 'jsonl'];

/** A line the parser could not read at all (the pipeline turns it into a rejection). */
export interface RecordError {
  code: string;
  field: string | null;
  message: string;
}

export interface ParsedRecord {
  /** Data line number, from 1 (the CSV header is line 0; blank lines are not counted). */
  line: number;
  /** Its first physical line in the file, from 1 (what a text editor shows). */
  fileLine: number;
  raw: RawLine | null;
  error?: RecordError;
}

export interface ParseHooks {
  /** A file-level warning (unknown columns…), reported once. */
  onWarning?(message: string): void;
  /** At the end of a file read whole: where every physical line went (CSV: header, records, blank and continuation lines). */
  onLayout?(layout: CsvLayout): void;
}

export { MAX_RECORD_CHARS };

const FIELD_INDEX = new Map<string, number>(FLUX_FIELDS.map((f, i) => [f, i]));

/** The format from `--format` or the file name's extension; throws a French error otherwise. */
export function detectFormat(fileName: string, explicit?: string | null): FluxFormat {
  if (explicit) {
    const f = explicit.toLowerCase();
    if (f === 'csv' || f === 'jsonl') return f;
    if (f === 'ndjson') return 'jsonl';
    throw invalid('FORMAT_INCONNU', `Format inconnu : « ${explicit} » (attendu csv ou jsonl).`, 'format');
  }
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  throw invalid('FORMAT_INCONNU', 'Impossible de déduire le format du nom du fichier (.csv, .jsonl ou .ndjson) : précisez le format (csv ou jsonl).', 'format');
}

const BAD_HEADER = "Le fichier ne peut pas être traité : la ligne d'en-tête est illisible";

/**
 * Yields the records of a CSV flux, chunk by chunk. Throws ENTETE_ABSENTE / ENTETE_ILLISIBLE /
 * COLONNES_MANQUANTES (before any record) when the file cannot be processed, ENCODAGE_INVALIDE
 * when it is not UTF-8.
 */
export async function* parseCsv(source: AsyncIterable<Buffer | Uint8Array | string>, hooks: ParseHooks = {}): AsyncGenerator<ParsedRecord[]> {
  let header: Int16Array | null = null;
  let line = 0;
  const reader = new CsvReader({ delimiter: ';', columns: () => header?.length ?? null });

  const toRaw = (fields: string[]): RawLine => {
    const raw: RawLine = new Array(FLUX_FIELDS.length);
    const h = header!;
    const m = Math.min(fields.length, h.length);
    for (let j = 0; j < m; j++) {
      const idx = h[j];
      if (idx >= 0) raw[idx] = fields[j];
    }
    return raw;
  };

  const readHeader = (rec: CsvRecord) => {
    if (!rec.fields) {
      const why = rec.error?.code === 'CARACTERE_INTERDIT' ? ' : elle contient un caractère interdit (caractère nul ou caractère Unicode isolé).' : ` (ligne ${rec.line} du fichier).`;
      throw invalid('ENTETE_ILLISIBLE', `${BAD_HEADER}${why}`, 'header', { line: rec.line });
    }
    const fields = rec.fields;
    const map = new Int16Array(fields.length).fill(-1);
    const unknown: string[] = [];
    const seen = new Set<number>();
    fields.forEach((name, j) => {
      const key = name.trim().toLowerCase();
      const idx = FIELD_INDEX.get(key);
      if (idx === undefined) unknown.push(name.trim().slice(0, 64) || `(colonne ${j + 1} sans nom)`);
      else if (!seen.has(idx)) {
        seen.add(idx);
        map[j] = idx;
      }
    });
    const missing = REQUIRED_COLUMNS.filter((f) => !seen.has(FIELD_INDEX.get(f)!));
    if (missing.length > 0) {
      throw invalid(
        'COLONNES_MANQUANTES',
        `Le fichier ne peut pas être traité : colonne(s) obligatoire(s) absente(s) de l'en-tête : ${missing.join(', ')}.`,
        'header',
        { missing },
      );
    }
    if (unknown.length > 0) hooks.onWarning?.(`Colonne(s) inconnue(s) ignorée(s) : ${unknown.slice(0, 20).join(', ')}${unknown.length > 20 ? '…' : ''}.`);
    header = map;
  };

  const take = (recs: CsvRecord[]): ParsedRecord[] => {
    const out: ParsedRecord[] = [];
    for (const rec of recs) {
      if (!header) {
        readHeader(rec);
        continue;
      }
      if (rec.error || !rec.fields) out.push({ line: ++line, fileLine: rec.line, raw: null, error: { code: rec.error!.code, field: null, message: rec.error!.message } });
      else out.push({ line: ++line, fileLine: rec.line, raw: toRaw(rec.fields) });
    }
    return out;
  };

  for await (const recs of readCsvStream(source, reader)) {
    const out = take(recs);
    if (out.length > 0) yield out;
  }
  if (!header) throw invalid('ENTETE_ABSENTE', "Le fichier ne peut pas être traité : il est vide ou n'a pas de ligne d'en-tête.", 'header');
  hooks.onLayout?.(reader.layout);
}

const jsonlError = (message: string, code = 'LIGNE_ILLISIBLE', field: string | null = null): RecordError => ({ code, field, message });

/** Yields the records of a JSON Lines flux, chunk by chunk. */
export async function* parseJsonl(source: AsyncIterable<Buffer | Uint8Array | string>, hooks: ParseHooks = {}): AsyncGenerator<ParsedRecord[]> {
  let line = 0;
  const unknown = new Set<string>();
  const splitter = new LineSplitter(MAX_RECORD_CHARS);
  const layout: CsvLayout = { physicalLines: 0, records: 0, blankLines: 0, continuationLines: 0, multiLineRecords: [], ending: null, delimiter: null };

  const record = (text: string | null, fileLine: number): ParsedRecord | null => {
    if (text === null) {
      layout.records++;
      return { line: ++line, fileLine, raw: null, error: jsonlError('Ligne illisible : ligne trop longue.') };
    }
    const t = text.trim();
    if (t === '') {
      layout.blankLines++;
      return null;
    }
    layout.records++;
    const n = ++line;
    if (hasForbiddenCharacter(t)) return { line: n, fileLine, raw: null, error: { ...READ_ERRORS.forbidden, field: null } };
    let obj: unknown;
    try {
      obj = JSON.parse(t);
    } catch {
      return { line: n, fileLine, raw: null, error: jsonlError("La ligne n'est pas un objet JSON valide.") };
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      return { line: n, fileLine, raw: null, error: jsonlError("La ligne n'est pas un objet JSON.") };
    }
    const raw: RawLine = new Array(FLUX_FIELDS.length);
    const lineUnknown: string[] = [];
    for (const key of Object.keys(obj)) {
      // JSON escapes (\u0000, \uD800) reach here: a key or a value PostgreSQL cannot store rejects the line.
      if (hasForbiddenCharacter(key)) return { line: n, fileLine, raw: null, error: { ...READ_ERRORS.forbidden, field: null } };
      const idx = FIELD_INDEX.get(key);
      if (idx === undefined) {
        lineUnknown.push(key);
        continue;
      }
      const val = (obj as Record<string, unknown>)[key];
      if (val === null || val === undefined) continue;
      if (typeof val === 'string') {
        if (hasForbiddenCharacter(val)) return { line: n, fileLine, raw: null, error: { ...READ_ERRORS.forbidden, field: key } };
        raw[idx] = val;
      } else if (typeof val === 'number' && Number.isFinite(val)) raw[idx] = String(val);
      else if (typeof val === 'boolean') raw[idx] = val ? '1' : '0';
      else {
        return { line: n, fileLine, raw: null, error: jsonlError(`Le champ « ${key.slice(0, 40)} » doit être un texte, un nombre ou un booléen.`, "FORMAT_INVALIDE", key.slice(0, 40)) };
      }
    }
    for (const key of lineUnknown) if (unknown.size < 50) unknown.add(key.slice(0, 64));
    return { line: n, fileLine, raw };
  };

  const texts: (string | null)[] = [];
  const ends: string[] = [];
  let physical = 0;
  const drain = (): ParsedRecord[] => {
    const out: ParsedRecord[] = [];
    for (const text of texts) {
      const r = record(text, ++physical);
      if (r) out.push(r);
    }
    texts.length = 0;
    ends.length = 0;
    return out;
  };

  for await (const text of decodeUtf8Stream(source)) {
    splitter.push(text, texts, ends);
    const out = drain();
    if (out.length > 0) yield out;
  }
  splitter.push('', texts, ends, true);
  const out = drain();
  if (unknown.size > 0) hooks.onWarning?.(`Champ(s) inconnu(s) ignoré(s) : ${[...unknown].slice(0, 20).join(', ')}${unknown.size > 20 ? '…' : ''}.`);
  if (out.length > 0) yield out;
  layout.physicalLines = splitter.count;
  layout.ending = splitter.ending;
  hooks.onLayout?.(layout);
}

export function parseFlux(source: AsyncIterable<Buffer | Uint8Array | string>, format: FluxFormat, hooks: ParseHooks = {}): AsyncGenerator<ParsedRecord[]> {
  return format === 'csv' ? parseCsv(source, hooks) : parseJsonl(source, hooks);
}
