import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  categoryOf,
  currentDefinition,
  definitionAt,
  demandsPoints,
  diseasesPoints,
  EMPLOYER_MAX_POINTS,
  employerScore,
  EMPLOYEUR_V1,
  mentalResourcesPoints,
  validateAnswers,
  WAI_COURT_V1,
  WAI_DISEASES,
  WAI_V1,
  type Answers,
  type QuestionnaireDefinition,
  type QuestionnaireItem,
} from '.';
import { checkLinkDays, LINK_DEFAULT_DAYS, linkExpired, linkExpiry } from './links';

/** The best possible WAI answers (49) and the worst (7). */
const WAI_BEST: Answers = { capacite_actuelle: 10, nature_travail: 'mixte', exigences_physiques: 5, exigences_mentales: 5, maladies: [], gene_maladies: 6, absences: 5, pronostic: 7, plaisir: 4, dynamisme: 4, espoir: 4 };
const WAI_WORST: Answers = {
  capacite_actuelle: 0,
  nature_travail: 'mixte',
  exigences_physiques: 1,
  exigences_mentales: 1,
  maladies: WAI_DISEASES.slice(0, 5).map((o) => String(o.value)),
  gene_maladies: 1,
  absences: 1,
  pronostic: 1,
  plaisir: 0,
  dynamisme: 0,
  espoir: 0,
};

const scoreOf = (def: QuestionnaireDefinition, a: Answers) => {
  const v = validateAnswers(def, a, true);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return def.score(v.value);
};

describe('WAI scoring (Tuomi 1998)', () => {
  it('ranges from 7 to 49', () => {
    expect(scoreOf(WAI_V1, WAI_WORST).score).toBe(7);
    expect(scoreOf(WAI_V1, WAI_BEST).score).toBe(49);
    expect(scoreOf(WAI_V1, WAI_WORST).category).toBe('mauvais');
    expect(scoreOf(WAI_V1, WAI_BEST).category).toBe('excellent');
  });

  it('places every category boundary on the published side', () => {
    const cat = (s: number) => categoryOf(WAI_V1, s)?.code;
    expect([7, 27, 27.5, 28, 36, 36.5, 37, 43, 43.5, 44, 49].map(cat)).toEqual([
      'mauvais', 'mauvais', 'mauvais', 'moyen', 'moyen', 'moyen', 'bon', 'bon', 'bon', 'excellent', 'excellent',
    ]);
  });

  it('reaches each boundary with real answers (27/28, 36/37, 43/44)', () => {
    // From the best (49), each lost point of item 1 lowers the total by one.
    const withCapacity = (c: number, extra: Partial<Answers> = {}) => scoreOf(WAI_V1, { ...WAI_BEST, capacite_actuelle: c, ...extra });
    expect(withCapacity(5)).toMatchObject({ score: 44, category: 'excellent' });
    expect(withCapacity(4)).toMatchObject({ score: 43, category: 'bon' });
    // Pronostic 1 instead of 7: −6.
    expect(withCapacity(4, { pronostic: 1 })).toMatchObject({ score: 37, category: 'bon' });
    expect(withCapacity(3, { pronostic: 1 })).toMatchObject({ score: 36, category: 'moyen' });
    // Absences 1 instead of 5: −4; gêne 2 instead of 6: −4.
    expect(withCapacity(3, { pronostic: 1, absences: 1, gene_maladies: 2 })).toMatchObject({ score: 28, category: 'moyen' });
    expect(withCapacity(2, { pronostic: 1, absences: 1, gene_maladies: 2 })).toMatchObject({ score: 27, category: 'mauvais' });
  });

  it('weights item 2 by the nature of the work', () => {
    expect(demandsPoints('physique', 5, 1)).toBe(8);
    expect(demandsPoints('mental', 5, 1)).toBe(4);
    expect(demandsPoints('mixte', 5, 1)).toBe(6);
    expect(demandsPoints('physique', 1, 1)).toBe(2);
    expect(demandsPoints('mental', 5, 5)).toBe(10);
    expect(demandsPoints('physique', 2, 3)).toBe(4.5);
    expect(() => demandsPoints('autre', 1, 1)).toThrow();
  });

  it('counts diagnosed diseases: none 7, 1 → 5, 2 → 4, 3 → 3, 4 → 2, 5 or more → 1', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 46].map(diseasesPoints)).toEqual([7, 5, 4, 3, 2, 1, 1, 1]);
    const withDiseases = (n: number) => scoreOf(WAI_V1, { ...WAI_BEST, maladies: WAI_DISEASES.slice(0, n).map((o) => String(o.value)) }).parts.find((p) => p.id === 'maladies')!.points;
    expect([0, 1, 4, 5, 6].map(withDiseases)).toEqual([7, 5, 2, 1, 1]);
  });

  it('maps mental resources 0–3 → 1, 4–6 → 2, 7–9 → 3, 10–12 → 4', () => {
    expect([0, 3, 4, 6, 7, 9, 10, 12].map(mentalResourcesPoints)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('explains the total by its seven items', () => {
    const r = scoreOf(WAI_V1, { ...WAI_BEST, nature_travail: 'physique', exigences_physiques: 2, exigences_mentales: 3 });
    expect(r.parts.map((p) => p.max)).toEqual([10, 10, 7, 6, 5, 7, 4]);
    expect(r.parts.reduce((s, p) => s + p.points, 0)).toBe(r.score);
    expect(r.score).toBe(43.5);
    expect(r.category).toBe('bon');
  });
});

describe('short form', () => {
  it('scores the capacity and raises the two alarms at their boundaries', () => {
    expect(scoreOf(WAI_COURT_V1, { capacity: 5, outlook: 4 })).toMatchObject({ score: 5, category: null, alerts: [] });
    expect(scoreOf(WAI_COURT_V1, { capacity: 4, outlook: 4 }).alerts).toHaveLength(1);
    expect(scoreOf(WAI_COURT_V1, { capacity: 0, outlook: 7 })).toMatchObject({ score: 0 });
    expect(scoreOf(WAI_COURT_V1, { capacity: 10, outlook: 1 }).alerts).toEqual(['Le salarié pense ne pas pouvoir faire son travail actuel dans deux ans.']);
    expect(scoreOf(WAI_COURT_V1, { capacity: 3, outlook: 1 }).alerts).toHaveLength(2);
  });

  it('stores the outlook as the number 1, 4 or 7 (contract C1), even when sent as text', () => {
    const v = validateAnswers(WAI_COURT_V1, { capacity: '6', outlook: '4' }, true);
    expect(v).toEqual({ ok: true, value: { capacity: 6, outlook: 4 } });
    expect(validateAnswers(WAI_COURT_V1, { capacity: 6, outlook: 2 }, true).ok).toBe(false);
  });
});

describe('employer questionnaire', () => {
  const all = (v: number) => Object.fromEntries(EMPLOYEUR_V1.items.map((i) => [i.id, v]));

  it('has about twenty weighted items, each explained', () => {
    expect(EMPLOYEUR_V1.items.length).toBeGreaterThanOrEqual(18);
    expect(EMPLOYEUR_V1.items.length).toBeLessThanOrEqual(24);
    for (const i of EMPLOYEUR_V1.items) {
      expect(i.weight).toBeGreaterThanOrEqual(1);
      expect(i.weight).toBeLessThanOrEqual(3);
      expect(i.rationale?.length).toBeGreaterThan(20);
      expect(i.options?.map((o) => o.points)).toEqual([0, 1, 2, 3]);
    }
  });

  it('ranges from 0 to 100', () => {
    expect(scoreOf(EMPLOYEUR_V1, all(0))).toMatchObject({ score: 0, category: 'faible' });
    expect(scoreOf(EMPLOYEUR_V1, all(3))).toMatchObject({ score: 100, category: 'tres_eleve' });
    expect(scoreOf(EMPLOYEUR_V1, all(1)).score).toBe(33);
    expect(scoreOf(EMPLOYEUR_V1, all(2)).score).toBe(67);
  });

  it('places category boundaries at 25, 50 and 75', () => {
    const cat = (s: number) => categoryOf(EMPLOYEUR_V1, s)?.code;
    expect([0, 24, 25, 49, 50, 74, 75, 100].map(cat)).toEqual(['faible', 'faible', 'modere', 'modere', 'eleve', 'eleve', 'tres_eleve', 'tres_eleve']);
  });

  it('rounds the share of the maximum to the unit', () => {
    expect(employerScore(0)).toBe(0);
    expect(employerScore(EMPLOYER_MAX_POINTS)).toBe(100);
    expect(employerScore(EMPLOYER_MAX_POINTS / 2)).toBe(50);
    expect(employerScore(EMPLOYER_MAX_POINTS / 4)).toBe(25);
  });

  it('weighs a heavy item more than a light one', () => {
    const heavy = scoreOf(EMPLOYEUR_V1, { ...all(0), port_charges: 3 }).score;
    const light = scoreOf(EMPLOYEUR_V1, { ...all(0), dialogue_social: 3 }).score;
    expect(heavy).toBeGreaterThan(light);
  });
});

describe('validation item by item', () => {
  it('refuses unknown items, values out of range and wrong types, each with its message', () => {
    const r = validateAnswers(WAI_V1, { capacite_actuelle: 11, nature_travail: 'sportif', maladies: ['inconnue'], absences: 2.5, inconnu: 1 }, false);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['absences', 'capacite_actuelle', 'inconnu', 'maladies', 'nature_travail']);
    expect(r.errors.capacite_actuelle).toBe('La valeur doit être comprise entre 0 et 10.');
  });

  it('accepts a partial answer set, but completing needs every required item', () => {
    expect(validateAnswers(WAI_V1, { capacite_actuelle: 6 }, false)).toEqual({ ok: true, value: { capacite_actuelle: 6 } });
    const r = validateAnswers(WAI_V1, { capacite_actuelle: 6 }, true);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.pronostic).toBe('Répondez à cette question.');
  });

  it('takes an empty disease list as « none », and refuses a disease ticked twice', () => {
    expect(validateAnswers(WAI_V1, { maladies: [] }, false)).toEqual({ ok: true, value: { maladies: [] } });
    expect(validateAnswers(WAI_V1, { maladies: ['autre', 'autre'] }, false).ok).toBe(false);
  });

  it('refuses what is not an object', () => {
    for (const raw of [null, 3, 'x', [1]]) expect(validateAnswers(WAI_V1, raw, false).ok).toBe(false);
  });
});

describe('definitions', () => {
  it('are found by id and version', () => {
    expect(currentDefinition('wai')).toBe(WAI_V1);
    expect(definitionAt('employeur', 1)).toBe(EMPLOYEUR_V1);
    expect(definitionAt('wai', 99)).toBeNull();
    for (const d of [WAI_V1, WAI_COURT_V1, EMPLOYEUR_V1]) expect(new Set(d.items.map((i) => i.id)).size).toBe(d.items.length);
  });
});

describe('personal links', () => {
  it('last 14 days by default, 1 to 60 when chosen', () => {
    expect(checkLinkDays(undefined)).toEqual({ ok: true, value: LINK_DEFAULT_DAYS });
    expect([0, 1, 60, 61, 2.5].map((d) => checkLinkDays(d).ok)).toEqual([false, true, true, false, false]);
  });
  it('expire at their instant', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    const exp = linkExpiry(now, 14);
    expect(exp.toISOString()).toBe('2026-12-09T10:00:00.000Z');
    expect(linkExpired(exp, new Date(exp.getTime() - 1))).toBe(false);
    expect(linkExpired(exp, exp)).toBe(true);
  });
});

// ---- Properties -------------------------------------------------------------------------------

/** A valid value of one item. */
function validValue(item: QuestionnaireItem): fc.Arbitrary<unknown> {
  switch (item.type) {
    case 'scale':
    case 'number':
      return fc.integer({ min: item.min!, max: item.max! });
    case 'choice':
      return fc.constantFrom(...item.options!.map((o) => o.value));
    case 'multi':
      return fc.uniqueArray(fc.constantFrom(...item.options!.map((o) => String(o.value))), { maxLength: item.options!.length });
  }
}

/** A value that item refuses. */
function invalidValue(item: QuestionnaireItem): fc.Arbitrary<unknown> {
  const notOption = fc.string().filter((s) => s.trim() !== '' && !item.options?.some((o) => String(o.value) === s));
  switch (item.type) {
    case 'scale':
    case 'number':
      return fc.oneof(fc.integer({ min: item.max! + 1 }), fc.integer({ max: item.min! - 1 }), fc.double({ noInteger: true, noNaN: true, min: item.min!, max: item.max! }), fc.constant('abc'), fc.constant([1]));
    case 'choice':
      return fc.oneof(notOption, fc.constant(true), fc.constant([]));
    case 'multi':
      return fc.oneof(fc.array(notOption, { minLength: 1, maxLength: 3 }), notOption, fc.constant(7));
  }
}

const answerSet = (def: QuestionnaireDefinition) => fc.record(Object.fromEntries(def.items.map((i) => [i.id, validValue(i)]))) as fc.Arbitrary<Answers>;

describe.each([WAI_V1, WAI_COURT_V1, EMPLOYEUR_V1])('properties of $id', (def) => {
  it('every valid complete answer set scores within range, with a consistent category', () => {
    fc.assert(
      fc.property(answerSet(def), (a) => {
        const r = scoreOf(def, a);
        expect(r.score).toBeGreaterThanOrEqual(def.scoreMin);
        expect(r.score).toBeLessThanOrEqual(def.scoreMax);
        if (def.categories.length > 0) {
          const c = def.categories.find((x) => x.code === r.category)!;
          expect(r.score).toBeGreaterThanOrEqual(c.from);
          expect(r.score).toBeLessThan(c.to + 1);
        } else expect(r.category).toBeNull();
      }),
    );
  });

  it('every invalid value is refused on its own item, and only there', () => {
    fc.assert(
      fc.property(
        answerSet(def),
        fc.constantFrom(...def.items).chain((item) => fc.tuple(fc.constant(item), invalidValue(item))),
        (a, [item, bad]) => {
          const r = validateAnswers(def, { ...a, [item.id]: bad }, true);
          expect(r.ok).toBe(false);
          if (!r.ok) expect(Object.keys(r.errors)).toEqual([item.id]);
        },
      ),
    );
  });
});
