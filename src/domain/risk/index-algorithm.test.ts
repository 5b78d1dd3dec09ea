import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_MODEL, HEALTH_FEATURES, type HealthModel } from './health-model';
import {
  EMPLOYER_SCORE_CUTS,
  LEVEL_CUTS,
  OUTLOOK_ALARM,
  OUTLOOK_UNSURE,
  QUESTIONNAIRE_ALARM_FLOOR,
  SHORT_CAPACITY_ALARM_MAX,
  SHORT_CAPACITY_WATCH_MAX,
  WAI_GOOD_MAX,
  WAI_MODERATE_MAX,
  WAI_POOR_MAX,
  employerLevel,
  levelOfCombined,
  questionnaireLevel,
  suggestLevel,
  suggestLevelFast,
  type EmployerInput,
  type IndexInputs,
  type QuestionnaireInput,
} from './index-algorithm';

const zero = () => Object.fromEntries(HEALTH_FEATURES.map((f) => [f.name, 0]));
const wai = (score: number): QuestionnaireInput => ({ responseId: 'q', questionnaire: 'wai', score, outlook: null, completedAt: '2026-11-01' });
const short = (score: number, outlook: number | null = 7): QuestionnaireInput => ({ responseId: 'q', questionnaire: 'wai_court', score, outlook, completedAt: '2026-11-01' });
const emp = (score: number, category: string | null = null): EmployerInput => ({ responseId: 'e', companyId: 'c', score, category, completedAt: '2026-11-01' });
const inputs = (p: Partial<IndexInputs> = {}): IndexInputs => ({ health: { features: zero(), profileFilled: true }, questionnaire: null, employer: null, ...p });
/** A model whose health level is exactly `level` for the zero record (intercept in the band). */
const healthAt = (level: 0 | 1 | 2 | 3): HealthModel => ({ ...DEFAULT_HEALTH_MODEL, intercept: [-5, -1.8, -0.5, 2][level] });

describe('suggested level', () => {
  it('combined score cut-offs on both sides', () => {
    expect(levelOfCombined(LEVEL_CUTS[0] - 0.001)).toBe(0);
    expect(levelOfCombined(LEVEL_CUTS[0])).toBe(1);
    expect(levelOfCombined(LEVEL_CUTS[1] - 0.001)).toBe(1);
    expect(levelOfCombined(LEVEL_CUTS[1])).toBe(2);
    expect(levelOfCombined(LEVEL_CUTS[2] - 0.001)).toBe(2);
    expect(levelOfCombined(LEVEL_CUTS[2])).toBe(3);
  });

  it('WAI categories at 27/28, 36/37, 43/44', () => {
    const lv = (s: number) => questionnaireLevel(wai(s));
    expect(lv(WAI_POOR_MAX)).toMatchObject({ level: 3, alarm: true });
    expect(lv(WAI_POOR_MAX + 1)).toMatchObject({ level: 2, alarm: false });
    expect(lv(WAI_MODERATE_MAX).level).toBe(2);
    expect(lv(WAI_MODERATE_MAX + 1).level).toBe(1);
    expect(lv(WAI_GOOD_MAX).level).toBe(1);
    expect(lv(WAI_GOOD_MAX + 1).level).toBe(0);
    expect(lv(24).summary).toBe('WAI 24 (mauvais)');
  });

  it('short form: capacity alarm at 4/5, watch at 6/7, outlook alarm and unsure', () => {
    expect(questionnaireLevel(short(SHORT_CAPACITY_ALARM_MAX))).toMatchObject({ level: 2, alarm: true });
    expect(questionnaireLevel(short(SHORT_CAPACITY_ALARM_MAX + 1))).toMatchObject({ level: 1, alarm: false });
    expect(questionnaireLevel(short(SHORT_CAPACITY_WATCH_MAX)).level).toBe(1);
    expect(questionnaireLevel(short(SHORT_CAPACITY_WATCH_MAX + 1)).level).toBe(0);
    expect(questionnaireLevel(short(9, OUTLOOK_ALARM))).toMatchObject({ level: 2, alarm: true });
    expect(questionnaireLevel(short(9, OUTLOOK_UNSURE))).toMatchObject({ level: 1, alarm: false });
    expect(questionnaireLevel(short(3, OUTLOOK_ALARM))).toMatchObject({ level: 3, alarm: true });
  });

  it('employer: category first, score cut-offs as fallback on both sides', () => {
    expect(employerLevel(emp(10, 'tres_eleve')).level).toBe(3);
    expect(employerLevel(emp(EMPLOYER_SCORE_CUTS[0] - 1)).level).toBe(0);
    expect(employerLevel(emp(EMPLOYER_SCORE_CUTS[0])).level).toBe(1);
    expect(employerLevel(emp(EMPLOYER_SCORE_CUTS[1] - 1)).level).toBe(1);
    expect(employerLevel(emp(EMPLOYER_SCORE_CUTS[1])).level).toBe(2);
    expect(employerLevel(emp(EMPLOYER_SCORE_CUTS[2] - 1)).level).toBe(2);
    expect(employerLevel(emp(EMPLOYER_SCORE_CUTS[2])).level).toBe(3);
  });

  it('health only: the suggestion is the health level and says the other components are missing', () => {
    const r = suggestLevel(inputs(), healthAt(2));
    expect(r.suggestedLevel).toBe(2);
    expect(r.missing).toEqual(['questionnaire', 'employeur']);
    expect(r.notes.join(' ')).toMatch(/Suggestion calculée sans : auto-questionnaire \(wai\), évaluation employeur/);
    expect(r.components.find((c) => c.key === 'questionnaire')).toMatchObject({ present: false, level: null });
  });

  it('weights are renormalised over present components: health 0 + WAI mauvais + employer très élevé', () => {
    const r = suggestLevel(inputs({ questionnaire: wai(24), employer: emp(90, 'tres_eleve') }), healthAt(0));
    // 0.5×0 + 0.3×3 + 0.2×3 = 1.5 → level 2
    expect(r.combined).toBeCloseTo(1.5, 10);
    expect(r.suggestedLevel).toBe(2);
    expect(r.missing).toEqual([]);
    expect(r.contributions.map((c) => c.text)).toContain('WAI 24 (mauvais) : niveau 3 × poids 0,3 = +0,9 point');
  });

  it('a questionnaire alarm lifts the suggestion to the floor, and only then', () => {
    const withAlarm = suggestLevel(inputs({ questionnaire: short(3, 7) }), healthAt(0));
    // 0.625×0 + 0.375×2 = 0.75 → 1, lifted to 2
    expect(withAlarm.suggestedLevel).toBe(QUESTIONNAIRE_ALARM_FLOOR);
    expect(withAlarm.notes.join(' ')).toMatch(/Alerte/);
    const noAlarm = suggestLevel(inputs({ questionnaire: short(5, 7) }), healthAt(0));
    // 0.625×0 + 0.375×1 = 0.375 → 0: no floor without an alarm
    expect(noAlarm.suggestedLevel).toBe(0);
    expect(noAlarm.notes.join(' ')).not.toMatch(/Alerte/);
  });

  it('explains the health contributions in plain French and flags the unvalidated model', () => {
    const f = { ...zero(), arret_180j_plus: 1, cim_m: 1 };
    const r = suggestLevel(inputs({ health: { features: f, profileFilled: false } }));
    expect(r.contributions.map((c) => c.text)).toContain('Arrêt de 180 jours ou plus : +1,1');
    expect(r.notes.join(' ')).toMatch(/modèle non validé/);
    expect(r.notes.join(' ')).toMatch(/Profil de santé non renseigné/);
    expect(r.model.validated).toBe(false);
  });

  it('property: the suggestion stays in 0..3, the combined score in [0, 3], and never below a questionnaire alarm floor', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: HEALTH_FEATURES.length, maxLength: HEALTH_FEATURES.length }),
        fc.option(fc.oneof(fc.integer({ min: 7, max: 49 }).map(wai), fc.tuple(fc.integer({ min: 0, max: 10 }), fc.constantFrom(1, 4, 7, null)).map(([s, o]) => short(s, o)))),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.constantFrom('faible', 'modere', 'eleve', 'tres_eleve', null)).map(([s, c]) => emp(s, c))),
        (bits, q, e) => {
          const features = Object.fromEntries(HEALTH_FEATURES.map((x, i) => [x.name, bits[i] ? 1 : 0]));
          const r = suggestLevel({ health: { features, profileFilled: true }, questionnaire: q, employer: e });
          const okRange = [0, 1, 2, 3].includes(r.suggestedLevel) && r.combined >= 0 && r.combined <= 3;
          const weights = r.components.reduce((s, c) => s + c.weight, 0);
          const floor = q && questionnaireLevel(q).alarm ? r.suggestedLevel >= QUESTIONNAIRE_ALARM_FLOOR : true;
          return okRange && Math.abs(weights - 1) < 1e-9 && floor;
        },
      ),
    );
  });
});

describe('bulk path', () => {
  it('property: suggestLevelFast gives the same level and probability as suggestLevel', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: HEALTH_FEATURES.length, maxLength: HEALTH_FEATURES.length }),
        fc.option(fc.oneof(fc.integer({ min: 7, max: 49 }).map(wai), fc.tuple(fc.integer({ min: 0, max: 10 }), fc.constantFrom(1, 4, 7, null)).map(([sc, o]) => short(sc, o)))),
        fc.option(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.constantFrom('faible', 'modere', 'eleve', 'tres_eleve', null)).map(([sc, c]) => emp(sc, c))),
        (bits, q, e) => {
          const features = Object.fromEntries(HEALTH_FEATURES.map((x, i) => [x.name, bits[i] ? 1 : 0]));
          const i = { health: { features, profileFilled: true }, questionnaire: q, employer: e };
          const full = suggestLevel(i);
          const fast = suggestLevelFast(i);
          return fast.suggestedLevel === full.suggestedLevel && Math.abs(fast.probability - (full.components[0].detail.probability as number)) < 1e-12;
        },
      ),
    );
  });
});
