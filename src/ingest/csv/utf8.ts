/**
 * UTF-8 checking of imported files (issue 12, item 11). A file that is not valid UTF-8 (a
 * Latin-1 / Windows-1252 export: `LEF\xC8VRE`) is refused with a French message naming its first
 * bad line and saying how to re-export it — never silently turned into U+FFFD.
 *
 * `Utf8Checker` follows a byte stream chunk by chunk (a multi-byte character may be cut between
 * chunks) and counts the physical lines on the way, so that a caller can check a whole file
 * before writing anything (the flux command line and HTTP upload do it while hashing the file).
 */
import { isUtf8 } from 'node:buffer';
import { invalid, type MaintienError } from '../../domain/errors';

/** How the lines of a file end: the first line end found decides (LF, CRLF or CR alone). */
export type LineEnding = 'lf' | 'crlf' | 'cr';

export const LINE_ENDING_LABELS: Readonly<Record<LineEnding, string>> = { lf: 'LF', crlf: 'CRLF', cr: 'CR' };

/** The French error of a file that is not UTF-8; `line` is its first bad physical line (from 1). */
export function notUtf8(line: number): MaintienError {
  return invalid(
    'ENCODAGE_INVALIDE',
    `Le fichier n'est pas encodé en UTF-8 (premier caractère illisible à la ligne ${line}) : rien n'a été importé. ` +
      'Ré-exportez-le en UTF-8 — dans Excel « Enregistrer sous » → « CSV UTF-8 (délimité par des points-virgules) », ' +
      'dans LibreOffice « Enregistrer sous » → CSV, « Jeu de caractères : Unicode (UTF-8) » — puis déposez-le à nouveau.',
    'file',
    { line },
  );
}

/** Offset of the first byte of `b` that does not belong to a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array, from = 0, end = b.length): number {
  let i = from;
  while (i < end) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) (n = 1), (min = 0x80);
    else if (c >= 0xe0 && c <= 0xef) (n = 2), (min = 0x800);
    else if (c >= 0xf0 && c <= 0xf4) (n = 3), (min = 0x10000);
    else return i;
    if (i + n >= end) return i; // cut by the end of the input
    let cp = c & (n === 1 ? 0x1f : n === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/** Length of the incomplete UTF-8 sequence at the end of `b` (0 to 3 bytes), to carry over. */
function incompleteTail(b: Uint8Array): number {
  const n = b.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const c = b[n - k];
    if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
    if (c >= 0xc2 && c <= 0xf4) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      return need > k ? k : 0;
    }
    return 0;
  }
  return 0;
}

/**
 * Checks a byte stream for UTF-8, chunk by chunk, and counts its physical lines (according to
 * the line ending of its first line end). `push` throws ENCODAGE_INVALIDE at the first bad byte.
 */
export class Utf8Checker {
  #carry: Buffer = Buffer.alloc(0);
  #lines = 0; // line ends seen so far
  #ending: LineEnding | null = null;
  #pendingCr = false; // the previous chunk ended with CR (CRLF cut in two?)

  get ending(): LineEnding | null {
    return this.#ending;
  }

  /** Physical lines seen so far (a last line without line end counts once `end()` is called). */
  get lineEnds(): number {
    return this.#lines;
  }

  push(chunk: Uint8Array): void {
    const b: Buffer = this.#carry.length > 0 ? Buffer.concat([this.#carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const tail = incompleteTail(b);
    const whole = tail > 0 ? b.subarray(0, b.length - tail) : b;
    if (!isUtf8(whole)) {
      const bad = firstInvalidUtf8(whole);
      this.#count(whole.subarray(0, Math.max(0, bad)));
      throw notUtf8(this.#lines + 1);
    }
    this.#count(whole);
    this.#carry = tail > 0 ? Buffer.from(b.subarray(b.length - tail)) : Buffer.alloc(0);
  }

  end(): void {
    if (this.#carry.length > 0) throw notUtf8(this.#lines + 1); // file ends inside a character
    if (this.#pendingCr) {
      this.#pendingCr = false;
      this.#ending = 'cr';
      this.#lines++;
    }
  }

  #count(b: Uint8Array): void {
    const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    if (buf.length === 0) return;
    if (this.#ending === null) {
      if (this.#pendingCr) {
        this.#pendingCr = false;
        this.#ending = buf[0] === 10 ? 'crlf' : 'cr';
        if (this.#ending === 'cr') this.#lines++; // the CR that ended the previous chunk
      } else {
        const lf = buf.indexOf(10);
        const cr = buf.indexOf(13);
        if (cr >= 0 && (lf < 0 || cr < lf)) {
          if (cr + 1 >= buf.length) {
            this.#pendingCr = true; // CR or CRLF: the next chunk tells
            return;
          }
          this.#ending = buf[cr + 1] === 10 ? 'crlf' : 'cr';
        } else if (lf >= 0) this.#ending = 'lf';
        else return;
      }
    }
    const sep = this.#ending === 'cr' ? 13 : 10;
    let i = buf.indexOf(sep);
    while (i >= 0) {
      this.#lines++;
      i = buf.indexOf(sep, i + 1);
    }
  }
}

/** Decodes a whole file's bytes as UTF-8 (BOM dropped), or throws ENCODAGE_INVALIDE naming the line. */
export function decodeUtf8(bytes: Uint8Array): string {
  const checker = new Utf8Checker();
  checker.push(bytes);
  checker.end();
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * For a text already decoded by someone else (a JSON body holding a file's content, a browser's
 * FileReader): a U+FFFD replacement character is what is left of bytes that were not UTF-8.
 * Throws ENCODAGE_INVALIDE naming the first line that holds one.
 */
export function refuseReplacementCharacters(text: string): void {
  const at = text.indexOf('\uFFFD');
  if (at < 0) return;
  const before = text.slice(0, at);
  const lf = before.split('\n').length;
  const cr = before.includes('\n') ? lf : before.split('\r').length;
  throw notUtf8(Math.max(lf, cr));
}
