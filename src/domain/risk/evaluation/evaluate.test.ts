import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../random/prng';
import { DEFAULT_HEALTH_MODEL, HEALTH_FEATURE_NAMES } from '../health-model';
import type { CohortRow } from './cohort';
import { evaluateCohort, evaluateComponent, MIN_COMPONENT_ROWS, MIN_CROSS_VALIDATION_ROWS, WAI_BANDS } from './evaluate';

/** Workers whose outcome follows CIM F and a low WAI; a third without WAI. */
function cohort(n: number, seed = 1): CohortRow[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const f = Object.fromEntries(HEALTH_FEATURE_NAMES.map((k) => [k, 0]));
    f.cim_f = rng.chance(0.3) ? 1 : 0;
    const wai = 7 + Math.round(rng.next() * 42);
    const p = 0.1 + 0.4 * f.cim_f + (wai < 28 ? 0.3 : 0);
    return { line: i + 2, features: f, wai: i % 3 === 0 ? null : wai, employeur: null, niveauFinal: i % 2 ? ((i % 4) as 0 | 1 | 2 | 3) : null, issue: rng.chance(p) ? 1 : 0 };
  });
}

const opts = { cohortName: 'test.csv', generatedAt: '2026-11-25T10:00:00.000Z' };

describe('evaluateCohort', () => {
  const r = evaluateCohort(cohort(300), DEFAULT_HEALTH_MODEL, opts);
  const byKey = Object.fromEntries(r.components.map((c) => [c.key, c]));

  it('evaluates each component on the workers that have it', () => {
    expect(r.cohort).toMatchObject({ n: 300, withWai: 200, withEmployer: 0, withLevel: 150 });
    expect(byKey.sante.n).toBe(300);
    expect(byKey.wai.n).toBe(200);
    expect(byKey.niveau_final.n).toBe(150);
    expect(byKey.sante.auc!.estimate).toBeGreaterThan(0.6);
  });

  it('turns the WAI around: a low WAI is the risk, and rules read « WAI ≤ … »', () => {
    expect(byKey.wai.direction).toBe('lower');
    expect(byKey.wai.auc!.estimate).toBeGreaterThan(0.6);
    expect(byKey.wai.thresholds.some((t) => t.rule === 'WAI ≤ 27,5')).toBe(true);
    // From the most inclusive rule to the strictest: sensitivity never rises.
    const sens = byKey.wai.thresholds.map((t) => t.sensitivity.estimate!);
    for (let i = 1; i < sens.length; i++) expect(sens[i]).toBeLessThanOrEqual(sens[i - 1]);
    expect(byKey.wai.bands.map((b) => b.label)).toEqual(WAI_BANDS.map((b) => b.label));
    expect(byKey.wai.bands.reduce((s, b) => s + b.observed.total, 0)).toBe(200);
  });

  it('does not evaluate a component with fewer than the minimum, and says why', () => {
    expect(byKey.employeur.auc).toBeNull();
    expect(byKey.employeur.notes[0]).toContain(`au moins ${MIN_COMPONENT_ROWS}`);
  });

  it('cross-validates the combined index and gives calibration for probabilities only', () => {
    expect(r.combined!.crossValidated).toBe(true);
    expect(r.combined!.terms.map((t) => t.name)).toEqual(['logit_sante', 'wai_10pts', 'wai_absent']);
    expect(byKey.combine.calibration!.groups.length).toBeGreaterThan(5);
    expect(byKey.sante.calibration).not.toBeNull();
    expect(byKey.wai.calibration).toBeNull();
    expect(byKey.sante.thresholds.some((t) => t.rule === 'probabilité ≥ 0,25 (niveau 2)')).toBe(true);
  });

  it('warns that the default model is not validated, and survives JSON (no Infinity, no NaN)', () => {
    expect(r.warnings[0]).toContain("n'est pas validé");
    const json = JSON.stringify(r);
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(json)).toEqual(r);
  });

  it(`judges the combined index on its own fit below ${MIN_CROSS_VALIDATION_ROWS} workers, and says so`, () => {
    const small = evaluateCohort(cohort(MIN_CROSS_VALIDATION_ROWS - 1, 3), DEFAULT_HEALTH_MODEL, opts);
    expect(small.combined?.crossValidated).toBe(false);
    expect(small.warnings.some((w) => w.includes('optimistes'))).toBe(true);
    const enough = evaluateCohort(cohort(MIN_CROSS_VALIDATION_ROWS, 3), DEFAULT_HEALTH_MODEL, opts);
    expect(enough.combined?.crossValidated).toBe(true);
  });

  it('warns when the model was calibrated on the same cohort', () => {
    const model = { ...DEFAULT_HEALTH_MODEL, calibratedOn: { cohort: 'test.csv', n: 300, events: 90, at: '2026-11-25' } };
    expect(evaluateCohort(cohort(100), model, opts).warnings.some((w) => w.includes('même cohorte'))).toBe(true);
  });
});

describe('evaluateComponent', () => {
  it(`needs ${MIN_COMPONENT_ROWS} workers with both outcomes (both sides)`, () => {
    const base = { key: 'employeur' as const, label: 'x', description: 'x', direction: 'higher' as const, probabilities: false, thresholds: [], rule: String, bands: [] };
    const values = (n: number) => Array.from({ length: n }, (_, i) => i);
    const outcomes = (n: number) => Array.from({ length: n }, (_, i) => (i % 2) as 0 | 1);
    expect(evaluateComponent({ ...base, values: values(MIN_COMPONENT_ROWS - 1), outcomes: outcomes(MIN_COMPONENT_ROWS - 1) }).auc).toBeNull();
    expect(evaluateComponent({ ...base, values: values(MIN_COMPONENT_ROWS), outcomes: outcomes(MIN_COMPONENT_ROWS) }).auc).not.toBeNull();
    expect(evaluateComponent({ ...base, values: values(20), outcomes: values(20).map(() => 1 as const) }).auc).toBeNull();
  });
});
