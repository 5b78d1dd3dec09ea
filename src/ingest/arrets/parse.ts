/**
 * Streaming parser of the « arrêts de travail » flux (docs/formats/flux-arrets.md): CSV
 * (UTF-8, optional BOM, `;`, header in any order, RFC 4180 quoting, LF or CRLF) and JSON
 * Lines. It reads an async iterable of chunks and yields the records of each chunk as they
 * complete, so memory stays bounded whatever the file size (a record is capped at
 * MAX_RECORD_CHARS). It never throws on a bad line: a line it cannot read becomes a record
 * carrying an error. Only a file that cannot be processed at all (no header, missing
 * required columns) throws a MaintienError before any record.
 */
import { FLUX_FIELDS, REQUIRED_COLUMNS, type RawLine } from '../../domain/intake/flux-line';
import { invalid } from '../../domain/errors';

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
  raw: RawLine | null;
  error?: RecordError;
}

export interface ParseHooks {
  /** A file-level warning (unknown columns…), reported once. */
  onWarning?(message: string): void;
}

/** A record longer than this (unclosed quote, binary garbage) is rejected, not buffered. */
export const MAX_RECORD_CHARS = 64 * 1024;

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

/** Decodes a stream of Buffers or strings into text chunks (UTF-8; a leading BOM is dropped). */
async function* decode(source: AsyncIterable<Buffer | Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  for await (const chunk of source) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const tail = decoder.decode();
  if (tail.length > 0) yield tail;
}

/**
 * Splits decoded text into physical records. For CSV a record may span several lines inside
 * quotes; `splitRecord` tells where the record at `pos` ends (or that more text is needed).
 */
type Scan = { kind: 'record'; fields: string[] | null; next: number } | { kind: 'more' };

/** Scans one CSV record starting at `pos` of `buf`. */
function scanCsv(buf: string, pos: number, final: boolean): Scan {
  const nl = buf.indexOf('\n', pos);
  if (nl >= 0) {
    // Fast path: a line without quotes is split directly.
    const end = nl > pos && buf.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const text = buf.slice(pos, end);
    if (text.indexOf('"') < 0) return { kind: 'record', fields: end === pos ? [] : text.split(';'), next: nl + 1 };
  } else if (!final) {
    return { kind: 'more' };
  } else if (buf.indexOf('"', pos) < 0) {
    let end = buf.length;
    if (end > pos && buf.charCodeAt(end - 1) === 13) end--;
    return { kind: 'record', fields: end === pos ? [] : buf.slice(pos, end).split(';'), next: buf.length };
  }
  // Quote-aware scan (RFC 4180): "" inside quotes is one quote; newlines inside quotes are data.
  const fields: string[] = [];
  let field = '';
  let i = pos;
  const n = buf.length;
  for (;;) {
    if (i >= n) {
      if (!final) return { kind: 'more' };
      fields.push(field);
      return { kind: 'record', fields, next: n };
    }
    let c = buf.charCodeAt(i);
    if (c === 34 /* " */) {
      i++;
      for (;;) {
        if (i >= n) {
          if (!final) return { kind: 'more' };
          return { kind: 'record', fields: null, next: n }; // unclosed quote at end of file
        }
        c = buf.charCodeAt(i);
        if (c === 34) {
          if (i + 1 < n && buf.charCodeAt(i + 1) === 34) {
            field += '"';
            i += 2;
            continue;
          }
          if (i + 1 >= n && !final) return { kind: 'more' };
          i++;
          break;
        }
        field += buf[i];
        i++;
      }
      continue;
    }
    if (c === 59 /* ; */) {
      fields.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === 10 /* \n */) {
      fields.push(field);
      return { kind: 'record', fields, next: i + 1 };
    }
    if (c === 13) {
      if (i + 1 < n && buf.charCodeAt(i + 1) === 10) {
        i++; // CRLF: the LF ends the record
        continue;
      }
      if (i + 1 >= n) {
        if (!final) return { kind: 'more' };
        fields.push(field);
        return { kind: 'record', fields, next: n };
      }
    }
    field += buf[i];
    i++;
  }
}

const isBlank = (fields: string[]) => fields.length === 0 || (fields.length === 1 && fields[0].trim() === '');

const BAD_CSV: RecordError = {
  code: 'LIGNE_ILLISIBLE',
  field: null,
  message: 'Ligne illisible : guillemet non fermé ou ligne trop longue.',
};

/**
 * Yields the records of a CSV flux, chunk by chunk. Throws ENTETE_ABSENTE / COLONNES_MANQUANTES
 * (before any record) when the file cannot be processed.
 */
export async function* parseCsv(source: AsyncIterable<Buffer | Uint8Array | string>, hooks: ParseHooks = {}): AsyncGenerator<ParsedRecord[]> {
  let buf = '';
  let header: Int16Array | null = null;
  let line = 0;
  let skipping = false; // inside an over-long record: discard up to the next newline

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

  const readHeader = (fields: string[]) => {
    const map = new Int16Array(fields.length).fill(-1);
    const unknown: string[] = [];
    const seen = new Set<number>();
    fields.forEach((name, j) => {
      const key = name.trim().toLowerCase();
      const idx = FIELD_INDEX.get(key);
      if (idx === undefined) unknown.push(name.trim() || `(colonne ${j + 1} sans nom)`);
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

  const drain = (final: boolean): ParsedRecord[] => {
    const out: ParsedRecord[] = [];
    let pos = 0;
    for (;;) {
      if (skipping) {
        const nl = buf.indexOf('\n', pos);
        if (nl < 0) {
          pos = buf.length;
          if (final) skipping = false;
          break;
        }
        pos = nl + 1;
        skipping = false;
      }
      if (pos >= buf.length) break;
      const s = scanCsv(buf, pos, final);
      if (s.kind === 'more') {
        if (buf.length - pos > MAX_RECORD_CHARS) {
          // Too long to be a line of this format: reject it and resynchronise on the next newline.
          if (header) out.push({ line: ++line, raw: null, error: BAD_CSV });
          else throw invalid('ENTETE_ILLISIBLE', "Le fichier ne peut pas être traité : la ligne d'en-tête est illisible.", 'header');
          const nl = buf.indexOf('\n', pos);
          if (nl >= 0) {
            pos = nl + 1;
            continue;
          }
          skipping = true;
          pos = buf.length;
        }
        break;
      }
      pos = s.next;
      if (s.fields === null) {
        if (header) out.push({ line: ++line, raw: null, error: BAD_CSV });
        continue;
      }
      if (isBlank(s.fields)) continue;
      if (!header) {
        readHeader(s.fields);
        continue;
      }
      out.push({ line: ++line, raw: toRaw(s.fields) });
    }
    buf = pos >= buf.length ? '' : buf.slice(pos);
    return out;
  };

  for await (const text of decode(source)) {
    buf = buf.length === 0 ? text : buf + text;
    const out = drain(false);
    if (out.length > 0) yield out;
  }
  const out = drain(true);
  if (!header) throw invalid('ENTETE_ABSENTE', "Le fichier ne peut pas être traité : il est vide ou n'a pas de ligne d'en-tête.", 'header');
  if (out.length > 0) yield out;
}

/** Yields the records of a JSON Lines flux, chunk by chunk. */
export async function* parseJsonl(source: AsyncIterable<Buffer | Uint8Array | string>, hooks: ParseHooks = {}): AsyncGenerator<ParsedRecord[]> {
  let buf = '';
  let line = 0;
  let skipping = false;
  const unknown = new Set<string>();

  const record = (text: string): ParsedRecord | null => {
    const t = text.trim();
    if (t === '') return null;
    const n = ++line;
    let obj: unknown;
    try {
      obj = JSON.parse(t);
    } catch {
      return { line: n, raw: null, error: { code: 'LIGNE_ILLISIBLE', field: null, message: "La ligne n'est pas un objet JSON valide." } };
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      return { line: n, raw: null, error: { code: 'LIGNE_ILLISIBLE', field: null, message: "La ligne n'est pas un objet JSON." } };
    }
    const raw: RawLine = new Array(FLUX_FIELDS.length);
    for (const key of Object.keys(obj)) {
      const idx = FIELD_INDEX.get(key);
      if (idx === undefined) {
        if (unknown.size < 50) unknown.add(key);
        continue;
      }
      const val = (obj as Record<string, unknown>)[key];
      if (val === null || val === undefined) continue;
      if (typeof val === 'string') raw[idx] = val;
      else if (typeof val === 'number' && Number.isFinite(val)) raw[idx] = String(val);
      else if (typeof val === 'boolean') raw[idx] = val ? '1' : '0';
      else {
        return { line: n, raw: null, error: { code: 'FORMAT_INVALIDE', field: key.replace(/\u0000/g, '').slice(0, 40), message: `Le champ « ${key.replace(/\u0000/g, '').slice(0, 40)} » doit être un texte, un nombre ou un booléen.` } };
      }
    }
    return { line: n, raw };
  };

  const drain = (final: boolean): ParsedRecord[] => {
    const out: ParsedRecord[] = [];
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf('\n', pos);
      if (nl < 0) {
        if (final && pos < buf.length) {
          if (!skipping) {
            const r = record(buf.slice(pos));
            if (r) out.push(r);
          }
          pos = buf.length;
        } else if (!skipping && buf.length - pos > MAX_RECORD_CHARS) {
          out.push({ line: ++line, raw: null, error: { code: 'LIGNE_ILLISIBLE', field: null, message: 'Ligne illisible : ligne trop longue.' } });
          skipping = true;
          pos = buf.length;
        } else if (skipping) {
          pos = buf.length;
        }
        break;
      }
      if (skipping) skipping = false;
      else {
        const r = record(buf.slice(pos, nl));
        if (r) out.push(r);
      }
      pos = nl + 1;
    }
    buf = pos >= buf.length ? '' : buf.slice(pos);
    return out;
  };

  for await (const text of decode(source)) {
    buf = buf.length === 0 ? text : buf + text;
    const out = drain(false);
    if (out.length > 0) yield out;
  }
  const out = drain(true);
  if (unknown.size > 0) hooks.onWarning?.(`Champ(s) inconnu(s) ignoré(s) : ${[...unknown].slice(0, 20).join(', ')}${unknown.size > 20 ? '…' : ''}.`);
  if (out.length > 0) yield out;
}

export function parseFlux(source: AsyncIterable<Buffer | Uint8Array | string>, format: FluxFormat, hooks: ParseHooks = {}): AsyncGenerator<ParsedRecord[]> {
  return format === 'csv' ? parseCsv(source, hooks) : parseJsonl(source, hooks);
}
