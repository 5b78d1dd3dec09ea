import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MaintienError } from '../errors';
import { addDays } from '../calendar/dates';
import {
  AGE_MIDDLE_FROM,
  AGE_SENIOR_FROM,
  AGE_YOUNG_BELOW,
  ARRET_LONG_FROM_DAYS,
  ARRET_VERY_LONG_FROM_DAYS,
  ARRETS_REPEATED_MIN,
  ARRETS_REPEATED_WINDOW_DAYS,
  DEFAULT_HEALTH_MODEL,
  HEALTH_FEATURES,
  ageAt,
  healthFeatures,
  levelOfProbability,
  parseHealthModel,
  scoreHealthRecord,
  type HealthArretFact,
  type HealthRecordInput,
} from './health-model';

const AS_OF = '2026-11-25';
const base = (p: Partial<HealthRecordInput> = {}): HealthRecordInput => ({
  sex: 1,
  birthDate: '1986-06-01',
  asOf: AS_OF,
  csp: 'cadre',
  cimChapters: [],
  exposures: [],
  arrets: [],
  ...p,
});
const arret = (startDate: string, p: Partial<HealthArretFact> = {}): HealthArretFact => ({
  startDate,
  expectedEndDate: null,
  actualEndDate: null,
  nature: 'maladie',
  ald: false,
  ...p,
});
/** Birth date giving exactly `age` full years at AS_OF (birthday today). */
const bornAged = (age: number) => `${2026 - age}-11-25`;
/** An arrêt ending today and lasting exactly `days` days (both days counted). */
const lasting = (days: number) => arret(addDays(AS_OF, -(days - 1)), { actualEndDate: AS_OF });

describe('health-record features (contract C3)', () => {
  it('the reference worker (man, 30–44, cadre, no pathology, no arrêt) has every feature at 0', () => {
    const f = healthFeatures(base());
    expect(Object.keys(f).sort()).toEqual(HEALTH_FEATURES.map((x) => x.name).sort());
    expect(Object.values(f).every((v) => v === 0)).toBe(true);
  });

  it('age bands at their boundaries', () => {
    const band = (age: number) => {
      const f = healthFeatures(base({ birthDate: bornAged(age) }));
      return (['age_moins_30', 'age_45_54', 'age_55_plus'] as const).filter((n) => f[n] === 1);
    };
    expect(band(AGE_YOUNG_BELOW - 1)).toEqual(['age_moins_30']);
    expect(band(AGE_YOUNG_BELOW)).toEqual([]);
    expect(band(AGE_MIDDLE_FROM - 1)).toEqual([]);
    expect(band(AGE_MIDDLE_FROM)).toEqual(['age_45_54']);
    expect(band(AGE_SENIOR_FROM - 1)).toEqual(['age_45_54']);
    expect(band(AGE_SENIOR_FROM)).toEqual(['age_55_plus']);
  });

  it('age counts full years (birthday tomorrow = still the younger age)', () => {
    expect(ageAt('1981-11-26', AS_OF)).toBe(44);
    expect(ageAt('1981-11-25', AS_OF)).toBe(45);
  });

  it('arrêt duration bands at 89/90 and 179/180 days', () => {
    const dur = (days: number) => {
      const f = healthFeatures(base({ arrets: [lasting(days)] }));
      return [f.arret_90_179j, f.arret_180j_plus];
    };
    expect(dur(ARRET_LONG_FROM_DAYS - 1)).toEqual([0, 0]);
    expect(dur(ARRET_LONG_FROM_DAYS)).toEqual([1, 0]);
    expect(dur(ARRET_VERY_LONG_FROM_DAYS - 1)).toEqual([1, 0]);
    expect(dur(ARRET_VERY_LONG_FROM_DAYS)).toEqual([0, 1]);
  });

  it('an open arrêt counts until the reading date, and only the latest arrêt sets the duration', () => {
    const open = arret(addDays(AS_OF, -200), { expectedEndDate: addDays(AS_OF, 30) });
    expect(healthFeatures(base({ arrets: [open] })).arret_180j_plus).toBe(1);
    const old = arret('2024-01-01', { actualEndDate: '2024-12-31' });
    const recent = arret(addDays(AS_OF, -10), { actualEndDate: AS_OF });
    const f = healthFeatures(base({ arrets: [old, recent] }));
    expect(f.arret_180j_plus + f.arret_90_179j).toBe(0);
  });

  it('repeated arrêts: 3 in the 12-month window, not 2, and not one starting 365 days ago', () => {
    const inWindow = (k: number) => arret(addDays(AS_OF, -(ARRETS_REPEATED_WINDOW_DAYS - 1) + k), { actualEndDate: addDays(AS_OF, -(ARRETS_REPEATED_WINDOW_DAYS - 1) + k) });
    const three = Array.from({ length: ARRETS_REPEATED_MIN }, (_, k) => inWindow(k * 10));
    expect(healthFeatures(base({ arrets: three })).arrets_repetes).toBe(1);
    expect(healthFeatures(base({ arrets: three.slice(1) })).arrets_repetes).toBe(0);
    const outside = arret(addDays(AS_OF, -ARRETS_REPEATED_WINDOW_DAYS), { actualEndDate: addDays(AS_OF, -ARRETS_REPEATED_WINDOW_DAYS) });
    expect(healthFeatures(base({ arrets: [outside, ...three.slice(1)] })).arrets_repetes).toBe(0);
  });

  it('AT/MP origin, ALD, sex, CSP, CIM chapters and exposures', () => {
    const f = healthFeatures(
      base({
        sex: 2,
        csp: 'ouvrier',
        cimChapters: ['F', 'M'],
        exposures: ['nuit', 'port_charges'],
        arrets: [lasting(20)].map((a) => ({ ...a, nature: 'accident_travail', ald: true })),
      }),
    );
    expect(f).toMatchObject({ sexe_femme: 1, csp_ouvrier: 1, csp_employe: 0, cim_f: 1, cim_m: 1, cim_autre: 0, exposition_nuit: 1, exposition_port_charges: 1, exposition_postures: 0, at_mp: 1, ald: 1 });
    expect(healthFeatures(base({ csp: 'employe', ald: true })).csp_employe).toBe(1);
    expect(healthFeatures(base({ ald: true })).ald).toBe(1);
    expect(healthFeatures(base({ arrets: [{ ...lasting(200), nature: 'maternite' }] })).arret_180j_plus).toBe(0);
  });
});

describe('scoring', () => {
  it('levels at the thresholds: a cut-off belongs to the upper level', () => {
    const t: [number, number, number] = [0.1, 0.25, 0.5];
    expect(levelOfProbability(0.0999, t)).toBe(0);
    expect(levelOfProbability(0.1, t)).toBe(1);
    expect(levelOfProbability(0.2499, t)).toBe(1);
    expect(levelOfProbability(0.25, t)).toBe(2);
    expect(levelOfProbability(0.4999, t)).toBe(2);
    expect(levelOfProbability(0.5, t)).toBe(3);
  });

  it('the default model is the unvalidated expert model and scores a reference worker at level 0', () => {
    expect(DEFAULT_HEALTH_MODEL.validated).toBe(false);
    expect(Object.keys(DEFAULT_HEALTH_MODEL.coefficients).sort()).toEqual(HEALTH_FEATURES.map((x) => x.name).sort());
    const s = scoreHealthRecord(DEFAULT_HEALTH_MODEL, healthFeatures(base()));
    expect(s.level).toBe(0);
    expect(s.probability).toBeCloseTo(1 / (1 + Math.exp(-DEFAULT_HEALTH_MODEL.intercept)), 10);
  });

  it('a worker with a long arrêt and a musculoskeletal pathology scores higher', () => {
    const low = scoreHealthRecord(DEFAULT_HEALTH_MODEL, healthFeatures(base()));
    const high = scoreHealthRecord(DEFAULT_HEALTH_MODEL, healthFeatures(base({ csp: 'ouvrier', cimChapters: ['M'], arrets: [lasting(200)] })));
    expect(high.probability).toBeGreaterThan(low.probability);
    expect(high.level).toBeGreaterThanOrEqual(2);
    const c = high.contributions.find((x) => x.name === 'arret_180j_plus');
    expect(c).toMatchObject({ value: 1, weight: DEFAULT_HEALTH_MODEL.coefficients.arret_180j_plus, label: 'Arrêt de 180 jours ou plus' });
  });

  it('property: probability stays in (0, 1) and the level in 0..3 for any binary features', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: HEALTH_FEATURES.length, maxLength: HEALTH_FEATURES.length }), (bits) => {
        const f = Object.fromEntries(HEALTH_FEATURES.map((x, i) => [x.name, bits[i] ? 1 : 0]));
        const s = scoreHealthRecord(DEFAULT_HEALTH_MODEL, f);
        return s.probability > 0 && s.probability < 1 && [0, 1, 2, 3].includes(s.level);
      }),
    );
  });

  it('property: adding a feature with a positive weight never lowers the probability', () => {
    fc.assert(
      fc.property(fc.constantFrom(...HEALTH_FEATURES.map((x) => x.name)), fc.array(fc.boolean(), { minLength: 18, maxLength: 18 }), (name, bits) => {
        const f = Object.fromEntries(HEALTH_FEATURES.map((x, i) => [x.name, bits[i] ? 1 : 0]));
        const off = scoreHealthRecord(DEFAULT_HEALTH_MODEL, { ...f, [name]: 0 }).probability;
        const on = scoreHealthRecord(DEFAULT_HEALTH_MODEL, { ...f, [name]: 1 }).probability;
        return DEFAULT_HEALTH_MODEL.coefficients[name] >= 0 ? on >= off : on <= off;
      }),
    );
  });
});

describe('parseHealthModel', () => {
  const good = () => JSON.parse(JSON.stringify(DEFAULT_HEALTH_MODEL));
  const refuses = (mutate: (m: Record<string, unknown>) => void) => {
    const m = good();
    mutate(m);
    try {
      parseHealthModel(m);
    } catch (e) {
      expect(e).toBeInstanceOf(MaintienError);
      expect((e as MaintienError).code).toBe('MODELE_SANTE_INVALIDE');
      return (e as MaintienError).message;
    }
    throw new Error('accepted');
  };

  it('accepts the default model and a calibrated one', () => {
    expect(parseHealthModel(good())).toEqual(DEFAULT_HEALTH_MODEL);
    const cal = { ...good(), validated: true, calibratedOn: { cohort: 'SPSTI test', n: 1000, events: 120, at: '2026-11-01' } };
    expect(parseHealthModel(cal).calibratedOn?.n).toBe(1000);
  });

  it('refuses malformed models with a French message', () => {
    expect(refuses((m) => delete m.id)).toMatch(/id/);
    expect(refuses((m) => (m.validated = 'non'))).toMatch(/validated/);
    expect(refuses((m) => (m.intercept = 'x'))).toMatch(/intercept/);
    expect(refuses((m) => ((m.coefficients as Record<string, unknown>).age_numeric = 0.1))).toMatch(/inconnue/);
    expect(refuses((m) => ((m.coefficients as Record<string, unknown>).ald = null))).toMatch(/nombre/);
    expect(refuses((m) => (m.thresholds = [0.1, 0.2]))).toMatch(/trois/);
    expect(refuses((m) => (m.thresholds = [0.3, 0.2, 0.5]))).toMatch(/croissants/);
    expect(refuses((m) => (m.thresholds = [0, 0.2, 0.5]))).toMatch(/croissants/);
    expect(refuses((m) => (m.thresholds = [0.1, 0.2, 1]))).toMatch(/croissants/);
    expect(refuses((m) => (m.calibratedOn = { cohort: 'x' }))).toMatch(/calibratedOn/);
    expect(() => parseHealthModel(null)).toThrow(MaintienError);
  });
});
