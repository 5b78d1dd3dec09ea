/**
 * The one way the product writes a CSV cell (every export: AM returns, flux rejection reports,
 * synthetic cohorts). Separator `;`, RFC 4180 quoting (a cell holding `;`, `"`, CR or LF is
 * double-quoted, `"` doubled).
 *
 * Formula injection: a spreadsheet runs a cell that begins with `=`, `+`, `-`, `@`, a tab or a
 * carriage return. Such a text cell is written with a leading `'`, so that it is shown, never run.
 * Not corrupted by the rule:
 * - numbers (a `number`, or a text that is a plain decimal number such as `-12` or `+3,5`) are
 *   written as they are: a spreadsheet reads them as numbers, never as formulas;
 * - dates (`2026-11-05`, `2026-11-05T09:12:44.000Z`) and codes begin with a digit or a letter.
 * Reversible: a text already beginning with `'`s followed by one of those characters gets one more
 * `'` too, so a reader recovers the exact value by removing one leading `'` from any cell matching
 * `^'+[=+\-@\t\r]`.
 */

const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+([.,]\d+)?$/;
const NEEDS_QUOTES = /[;"\r\n]/;

/** One cell: `null`/`undefined` → empty; text neutralised (see above) then quoted if needed. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One line (without its line end): the cells through `csvCell`, separated by `;`. */
export function csvLine(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(';');
}

/** The exact value of a cell written by `csvCell` (after RFC 4180 unquoting): the `'` removed. */
export function csvCellValue(cell: string): string {
  return /^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
