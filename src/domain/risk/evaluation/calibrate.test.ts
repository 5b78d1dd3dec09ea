import { describe, expect, it } from 'vitest';
import { MaintienError } from '../../errors';
import { HEALTH_FEATURE_NAMES, parseHealthModel } from '../health-model';
import { calibrateHealthModel, MIN_CALIBRATION_ROWS } from './calibrate';
import type { CohortRow } from './cohort';

/** n workers; the first `withF` have cim_f; events: `eventsF` among them, `eventsOther` among the rest. */
function cohort(n: number, withF: number, eventsF: number, eventsOther: number): CohortRow[] {
  return Array.from({ length: n }, (_, i) => {
    const f = Object.fromEntries(HEALTH_FEATURE_NAMES.map((k) => [k, 0]));
    const isF = i < withF;
    if (isF) f.cim_f = 1;
    const issue = isF ? (i < eventsF ? 1 : 0) : i - withF < eventsOther ? 1 : 0;
    return { line: i + 2, features: f, wai: null, employeur: null, niveauFinal: null, issue: issue as 0 | 1 };
  });
}

const opts = { id: 'dossier-sante', version: 'test', cohortName: 'c.csv', at: '2026-11-25', thresholds: [0.1, 0.25, 0.5] as [number, number, number] };

describe('calibrateHealthModel', () => {
  it('recovers the log-odds ratio of a feature and writes a valid, unvalidated model', () => {
    // 50 % events with CIM F, 20 % without: log OR = ln(1 × 4) = 1.386; small penalty shrinks a little.
    const r = calibrateHealthModel(cohort(200, 100, 50, 20), { ...opts, l2: 0.01 });
    expect(r.model.coefficients.cim_f).toBeCloseTo(Math.log(4), 1);
    expect(r.model.intercept).toBeCloseTo(Math.log(0.25), 1);
    expect(r.model.validated).toBe(false);
    expect(r.model.calibratedOn).toEqual({ cohort: 'c.csv', n: 200, events: 70, at: '2026-11-25' });
    expect(parseHealthModel(JSON.parse(JSON.stringify(r.model)))).toEqual(r.model);
    expect(r.terms.find((t) => t.name === 'cim_f')!.oddsRatio).toBeGreaterThan(3);
    expect(r.warnings.some((w) => w.includes('événements'))).toBe(true);
    expect(r.warnings.some((w) => w.includes('ALD'))).toBe(true);
  });

  it('marks the model validated only when asked', () => {
    expect(calibrateHealthModel(cohort(60, 30, 10, 5), { ...opts, validated: true }).model.validated).toBe(true);
  });

  it(`needs ${MIN_CALIBRATION_ROWS} workers (both sides) and both outcomes`, () => {
    const code = (rows: CohortRow[]) => {
      try {
        calibrateHealthModel(rows, opts);
        return 'OK';
      } catch (e) {
        return (e as MaintienError).code;
      }
    };
    expect(code(cohort(MIN_CALIBRATION_ROWS - 1, 10, 5, 5))).toBe('COHORTE_TROP_PETITE');
    expect(code(cohort(MIN_CALIBRATION_ROWS, 10, 5, 5))).toBe('OK');
    expect(code(cohort(40, 10, 0, 0))).toBe('COHORTE_SANS_CONTRASTE');
    expect(code(cohort(40, 10, 10, 30))).toBe('COHORTE_SANS_CONTRASTE');
  });
});
