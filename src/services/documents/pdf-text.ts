/**
 * Extracts the text of a PDF produced by `renderPdf` (standard fonts, WinAnsi hex strings in
 * TJ arrays, Flate streams): used by the tests to check what a document says (French words,
 * no health data in employer documents), and by nothing else. Not a general PDF parser.
 */
import { inflateSync } from 'node:zlib';

/** WinAnsi (CP1252) bytes 0x80–0x9F that differ from Latin-1. */
const CP1252: Record<number, string> = {
  0x80: '€', 0x85: '…', 0x8c: 'Œ', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x9c: 'œ',
};

function decodeHex(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const c = Number.parseInt(hex.slice(i, i + 2), 16);
    out += CP1252[c] ?? String.fromCharCode(c);
  }
  return out;
}

/** The text of each page's content stream, one line per text object. */
export function pdfPagesText(pdf: Buffer): string[] {
  const s = pdf.toString('latin1');
  const pages: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(raw).toString('latin1');
    } catch {
      content = raw.toString('latin1');
    }
    if (!content.includes('BT')) continue;
    const lines: string[] = [];
    for (const t of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?\d+(?:\.\d+)?)*)\]\s*TJ/g)) {
      lines.push([...t[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => decodeHex(h[1])).join(''));
    }
    pages.push(lines.join('\n'));
  }
  return pages;
}

/** All the text of a PDF, pages joined. */
export function pdfText(pdf: Buffer): string {
  return pdfPagesText(pdf).join('\n');
}
