import { describe, expect, it } from 'vitest';
import { calibrateHealthModel } from '../../../domain/risk/evaluation/calibrate';
import { cohortCsv, parseCohortCsv } from '../../../domain/risk/evaluation/cohort';
import { DEFAULT_HEALTH_MODEL, HEALTH_FEATURE_NAMES } from '../../../domain/risk/health-model';
import { generateCohort, HIDDEN_COEFFICIENTS } from './cohort-generator';
import { readHealthModel, runEvaluation } from './evaluation-runner';

describe('generateCohort', () => {
  it('is deterministic, one-hot where it must be, and within the file format', () => {
    const a = generateCohort({ workers: 300, seed: 5 });
    expect(generateCohort({ workers: 300, seed: 5 })).toEqual(a);
    expect(generateCohort({ workers: 300, seed: 6 })).not.toEqual(a);
    for (const r of a) {
      expect(r.features.age_moins_30 + r.features.age_45_54 + r.features.age_55_plus).toBeLessThanOrEqual(1);
      expect(r.features.arret_90_179j + r.features.arret_180j_plus).toBeLessThanOrEqual(1);
      expect(r.features.cim_f + r.features.cim_m + r.features.cim_autre).toBeLessThanOrEqual(1);
    }
    const parsed = parseCohortCsv(cohortCsv(a));
    expect(parsed.rejectedLines).toBe(0);
    expect(parsed.rows).toEqual(a);
  });

  it('hides a relation that calibration finds: the strongest features come out on top', () => {
    const rows = generateCohort({ workers: 3000, seed: 11 });
    const prevalence = rows.reduce((s, r) => s + r.issue, 0) / rows.length;
    expect(prevalence).toBeGreaterThan(0.15);
    expect(prevalence).toBeLessThan(0.4);
    const { model } = calibrateHealthModel(rows, { id: 'x', version: 't', cohortName: 'g', at: '2026-11-25', thresholds: [0.1, 0.25, 0.5] });
    // Hidden: arrêt ≥ 180 j (1.4) and CIM F (1.2) are the strongest; sexe has no effect.
    expect(HIDDEN_COEFFICIENTS.arret_180j_plus).toBeGreaterThan(HIDDEN_COEFFICIENTS.cim_m);
    expect(model.coefficients.arret_180j_plus).toBeGreaterThan(model.coefficients.arret_90_179j);
    expect(model.coefficients.cim_f).toBeGreaterThan(0.6);
    expect(Math.abs(model.coefficients.sexe_femme)).toBeLessThan(0.3);
    for (const n of HEALTH_FEATURE_NAMES) expect(Number.isFinite(model.coefficients[n])).toBe(true);
  });
});

describe('runEvaluation', () => {
  it('renders a self-contained French report that escapes what the user typed', () => {
    const text = cohortCsv(generateCohort({ workers: 400, seed: 2 }));
    const run = runEvaluation(text + 'pas;une;ligne\n', { cohortName: '<script>alert(1)</script>.csv', now: new Date('2026-11-25T10:00:00Z') });
    expect(run.rejectedLines).toBe(1);
    expect(run.errors[0].line).toBe(402);
    expect(run.html).toMatch(/^<!doctype html><html lang="fr">/);
    expect(run.html).not.toContain('<script');
    expect(run.html).toContain('&lt;script&gt;');
    expect(run.html).not.toMatch(/(src|href)="https?:/);
    expect(run.html).toContain('<svg');
    expect(run.html).toContain('modèle non validé');
    expect(run.html).toContain('Hosmer–Lemeshow');
    expect(run.report.components.find((c) => c.key === 'combine')!.auc).not.toBeNull();
  });

  it('refuses a file without any good line, and a model that is not JSON, with codes', () => {
    expect(() => runEvaluation(cohortCsv([]) + 'x\n', { cohortName: 'c', now: new Date() })).toThrow(/Aucune ligne valide/);
    expect(() => readHealthModel('{ pas du json')).toThrow(/JSON valide/);
    expect(readHealthModel(JSON.stringify(DEFAULT_HEALTH_MODEL))).toEqual(DEFAULT_HEALTH_MODEL);
  });
});
