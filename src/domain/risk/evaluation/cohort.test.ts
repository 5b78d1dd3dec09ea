import { describe, expect, it } from 'vitest';
import { MaintienError } from '../../errors';
import { HEALTH_FEATURE_NAMES } from '../health-model';
import { COHORT_COLUMNS, cohortCsv, parseCohortCsv } from './cohort';

const zeros = HEALTH_FEATURE_NAMES.map(() => '0');
const line = (extra: Record<string, string>, sep = ';') =>
  COHORT_COLUMNS.map((c) => extra[c] ?? (HEALTH_FEATURE_NAMES.includes(c) ? '0' : c === 'issue' ? '0' : '')).join(sep);
const header = (sep = ';') => COHORT_COLUMNS.join(sep);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof MaintienError ? e.code : 'AUTRE';
  }
  return undefined;
}

describe('parseCohortCsv', () => {
  it('reads a « ; » file with a BOM and CRLF, keeps good lines and reports bad ones with their line number', () => {
    const text =
      '\uFEFF' +
      [header(), line({ cim_f: '1', wai: '24,5', employeur: '60', niveau_final: '2', issue: '1' }), line({ cim_f: '2' }), '', line({ wai: '50' }), line({ issue: 'oui' }), line({})].join('\r\n');
    const r = parseCohortCsv(text);
    expect(r.separator).toBe(';');
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toMatchObject({ line: 2, wai: 24.5, employeur: 60, niveauFinal: 2, issue: 1 });
    expect(r.rows[0].features.cim_f).toBe(1);
    expect(r.rows[1]).toMatchObject({ line: 7, wai: null, employeur: null, niveauFinal: null, issue: 0 });
    expect(r.rejectedLines).toBe(3);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'cim_f'],
      [5, 'wai'],
      [6, 'issue'],
    ]);
    expect(r.errors[0].message).toContain('0 ou 1');
  });

  it('reads a « , » file, columns in any order, and ignores unknown columns with a warning', () => {
    const cols = ['id', 'issue', ...HEALTH_FEATURE_NAMES];
    const text = [cols.join(','), ['A1', '1', ...zeros].join(','), ['A2', '0', ...zeros].join(',')].join('\n');
    const r = parseCohortCsv(text);
    expect(r.separator).toBe(',');
    expect(r.rows.map((x) => x.issue)).toEqual([1, 0]);
    expect(r.warnings[0]).toContain('id');
  });

  it('checks every bound of the scores on both sides', () => {
    const ok = (extra: Record<string, string>) => parseCohortCsv([header(), line(extra)].join('\n')).rows.length === 1;
    expect(ok({ wai: '7' })).toBe(true);
    expect(ok({ wai: '6.5' })).toBe(false);
    expect(ok({ wai: '49' })).toBe(true);
    expect(ok({ wai: '49.5' })).toBe(false);
    expect(ok({ employeur: '0' })).toBe(true);
    expect(ok({ employeur: '-1' })).toBe(false);
    expect(ok({ employeur: '100' })).toBe(true);
    expect(ok({ employeur: '100.5' })).toBe(false);
    expect(ok({ niveau_final: '0' })).toBe(true);
    expect(ok({ niveau_final: '3' })).toBe(true);
    expect(ok({ niveau_final: '4' })).toBe(false);
    expect(ok({ niveau_final: '1.5' })).toBe(false);
    expect(ok({ wai: 'abc' })).toBe(false);
  });

  it('reports a line with the wrong number of cells', () => {
    const r = parseCohortCsv([header(), '1;0;1'].join('\n'));
    expect(r.errors[0]).toMatchObject({ line: 2, column: null });
  });

  it('refuses a file it cannot read at all, with a code', () => {
    expect(codeOf(() => parseCohortCsv(''))).toBe('COHORTE_VIDE');
    expect(codeOf(() => parseCohortCsv(header()))).toBe('COHORTE_VIDE');
    expect(codeOf(() => parseCohortCsv('issue;cim_f\n1;0'))).toBe('COHORTE_COLONNES_MANQUANTES');
    expect(codeOf(() => parseCohortCsv(`${header()};issue\n${line({})};0`))).toBe('COHORTE_COLONNES_EN_DOUBLE');
  });

  it('reads back what cohortCsv writes', () => {
    const rows = parseCohortCsv([header(), line({ ald: '1', wai: '30', issue: '1' }), line({ niveau_final: '0' })].join('\n')).rows;
    const again = parseCohortCsv(cohortCsv(rows)).rows;
    expect(again).toEqual(rows);
  });
});
