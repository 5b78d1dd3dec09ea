import { describe, expect, it } from 'vitest';
import { csvCell, csvCellValue, csvLine } from './csv';

describe('csvCell', () => {
  it.each(['=HYPERLINK("http://x")', '+cmd', '-2+3+cmd|\' /C calc\'!A0', '@SUM(A1)', '\tx', '\rx'])('neutralises %j with a leading apostrophe', (v) => {
    const cell = csvCell(v);
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
    expect(unquoted).toBe(`'${v}`);
    expect(csvCellValue(unquoted)).toBe(v);
  });

  it('leaves numbers, plain decimal texts, dates, codes and ordinary text as they are', () => {
    expect(csvCell(-12)).toBe('-12');
    expect(csvCell(3.5)).toBe('3.5');
    expect(csvCell('-12')).toBe('-12');
    expect(csvCell('+3,5')).toBe('+3,5');
    expect(csvCell('2026-11-05')).toBe('2026-11-05');
    expect(csvCell('2026-11-05T09:12:44.000Z')).toBe('2026-11-05T09:12:44.000Z');
    expect(csvCell('CPAM-593')).toBe('CPAM-593');
    expect(csvCell('Visite réalisée — a=b')).toBe('Visite réalisée — a=b');
    expect(csvCell('')).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('is reversible for a text that already begins with an apostrophe before a formula character', () => {
    expect(csvCell("'=x")).toBe("''=x");
    expect(csvCellValue("''=x")).toBe("'=x");
    expect(csvCell("'ordinaire")).toBe("'ordinaire");
    expect(csvCellValue("'ordinaire")).toBe("'ordinaire");
  });

  it('quotes RFC 4180 style after neutralising', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('dit "non"')).toBe('"dit ""non"""');
    expect(csvCell('=A1;"x"')).toBe('"\'=A1;""x"""');
    expect(csvCell('\rx')).toBe('"\'\rx"');
  });
});

describe('csvLine', () => {
  it('joins neutralised cells with ;', () => {
    expect(csvLine([1, '=1+1', null, 'a;b', -4])).toBe("1;'=1+1;;\"a;b\";-4");
  });
});
