import { describe, expect, it } from 'vitest';
import { MaintienError } from '../errors';
import { DEFAULT_ORIENTATION_CONFIG as D, orientationConfigFrom, parseOrientationConfig, suggestOrientation, type OrientationFacts } from './orientation';

const facts = (p: Partial<OrientationFacts> = {}): OrientationFacts => ({ finalLevel: 0, inaptitudeLevel: 0, questionnaireAlarm: false, employerLevel: null, healthFeatures: {}, ...p });
const pick = (f: OrientationFacts, kind: string) => suggestOrientation(D, f).filter((s) => s.kind === kind).map((s) => s.value);

describe('orientation support', () => {
  it('level 0: nobody to involve, T1, cellule PDP', () => {
    expect(pick(facts(), 'intervenant')).toEqual([]);
    expect(pick(facts(), 'pyramide')).toEqual(['T1']);
    expect(pick(facts(), 'chef_de_file')).toEqual(['cellule_pdp']);
  });

  it('the decision tree adds professionals by level and record facts', () => {
    expect(pick(facts({ finalLevel: 1 }), 'intervenant')).toEqual(['infirmier']);
    expect(pick(facts({ finalLevel: 2 }), 'intervenant')).toEqual(['medecin_travail', 'charge_mission']);
    expect(pick(facts({ finalLevel: 3, healthFeatures: { cim_f: 1, cim_m: 1 } }), 'intervenant')).toEqual(['medecin_travail', 'charge_mission', 'staff_pluridisciplinaire', 'assistant_social', 'psychologue', 'ergonome']);
    expect(pick(facts({ finalLevel: 0, employerLevel: 2 }), 'intervenant')).toEqual(['ergonome']);
    expect(pick(facts({ finalLevel: 0, employerLevel: 1 }), 'intervenant')).toEqual([]);
  });

  it('pyramide levels at their boundaries and the chef de file of each', () => {
    expect(pick(facts({ finalLevel: 1, inaptitudeLevel: 3 }), 'pyramide')).toEqual(['T1']);
    expect(pick(facts({ finalLevel: 2, inaptitudeLevel: 1 }), 'pyramide')).toEqual(['T2']);
    expect(pick(facts({ finalLevel: 2, inaptitudeLevel: 2 }), 'pyramide')).toEqual(['T3a']);
    expect(pick(facts({ finalLevel: 2, inaptitudeLevel: 3 }), 'pyramide')).toEqual(['T3b']);
    expect(pick(facts({ finalLevel: 3, inaptitudeLevel: 3 }), 'pyramide')).toEqual(['T4']);
    expect(pick(facts({ finalLevel: 2, inaptitudeLevel: 2 }), 'chef_de_file')).toEqual(['cellule_pdp']);
    expect(pick(facts({ finalLevel: 2, inaptitudeLevel: 3 }), 'chef_de_file')).toEqual(['service_social_am']);
  });

  it('a service configuration replaces the defaults', () => {
    const cfg = parseOrientationConfig({ ...D, chefDeFile: { ...D.chefDeFile, T3a: 'service_social_am' }, rules: [{ id: 'tous', label: 'Tout le monde', when: {}, involve: ['psychologue'] }] });
    expect(suggestOrientation(cfg, facts({ finalLevel: 2, inaptitudeLevel: 2 })).map((s) => s.value)).toEqual(['psychologue', 'T3a', 'service_social_am']);
  });

  it('refuses an invalid configuration with a stable code and French message, and falls back to the defaults when stored one is unreadable', () => {
    const refuse = (v: unknown) => {
      try {
        parseOrientationConfig(v);
      } catch (e) {
        expect((e as MaintienError).code).toBe('CONFIGURATION_ORIENTATION_INVALIDE');
        return (e as MaintienError).message;
      }
      throw new Error('accepted');
    };
    expect(refuse({ ...D, rules: [{ id: 'x', label: 'x', when: { minFinalLevel: 4 }, involve: ['infirmier'] }] })).toMatch(/niveau de 0 à 3/);
    expect(refuse({ ...D, rules: [{ id: 'x', label: 'x', when: {}, involve: ['plombier'] }] })).toMatch(/intervenant/);
    expect(refuse({ ...D, rules: [{ id: 'x', label: 'x', when: { couleur: 1 }, involve: ['infirmier'] }] })).toMatch(/inconnu/);
    expect(refuse({ ...D, rules: [{ id: 'x', label: 'x', when: { minFinalLevel: 3, maxFinalLevel: 1 }, involve: ['infirmier'] }] })).toMatch(/minimal/);
    expect(refuse({ ...D, chefDeFile: { T1: 'cellule_pdp' } })).toMatch(/Chef de file/);
    expect(refuse({ ...D, pyramide: [{ level: 'T5', when: {} }] })).toMatch(/T1/);
    expect(orientationConfigFrom({ nonsense: true })).toEqual(D);
    expect(orientationConfigFrom(null)).toEqual(D);
  });

  it('reports every problem with its path in the configuration (0-based), the first one as the error field', () => {
    let err: MaintienError | null = null;
    try {
      parseOrientationConfig({
        ...D,
        rules: [D.rules[0], { id: 'Mauvais id', label: ' ', when: { minFinalLevel: 5 }, involve: [] }, { ...D.rules[0] }],
        pyramide: [{ level: 'T2', when: { minFinalLevel: 3, maxFinalLevel: 1 } }],
        chefDeFile: { ...D.chefDeFile, T3b: 'moi' },
      });
    } catch (e) {
      err = e as MaintienError;
    }
    expect(err?.code).toBe('CONFIGURATION_ORIENTATION_INVALIDE');
    expect(err?.field).toBe('rules.1.id');
    const errors = (err?.details as { errors: { field: string; message: string }[] }).errors;
    expect(errors.map((e) => e.field)).toEqual([
      'rules.1.id',
      'rules.1.label',
      'rules.1.involve',
      'rules.1.when.minFinalLevel',
      'rules.2.id',
      'pyramide.0.when.maxFinalLevel',
      'chefDeFile.T3b',
    ]);
    expect(errors[4].message).toMatch(/Règle 3 : identifiant « niveau-1 » en double/);
    expect(errors.every((e) => e.message.length > 0)).toBe(true);
  });
});
