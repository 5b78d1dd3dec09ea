import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  checkTransition,
  DOSSIER_STATES,
  type DossierState,
  isDossierState,
  isOpenState,
  STATE_LABELS,
  TRANSITION_LABELS,
  transitionRequiresReason,
} from './states';

// The full allowed list, written out independently of the implementation table.
const ALLOWED: ReadonlyArray<readonly [DossierState, DossierState]> = [
  ['signale', 'a_evaluer'],
  ['signale', 'non_retenu'],
  ['signale', 'reoriente'],
  ['a_evaluer', 'en_accompagnement'],
  ['a_evaluer', 'non_retenu'],
  ['a_evaluer', 'reoriente'],
  ['en_accompagnement', 'sorti'],
  ['en_accompagnement', 'reoriente'],
  ['sorti', 'suivi'],
  ['sorti', 'clos'],
  ['suivi', 'clos'],
  ['non_retenu', 'clos'],
  ['non_retenu', 'a_evaluer'],
  ['reoriente', 'clos'],
];

const REASON_REQUIRED: ReadonlyArray<readonly [DossierState, DossierState]> = [
  ['signale', 'non_retenu'],
  ['signale', 'reoriente'],
  ['a_evaluer', 'non_retenu'],
  ['a_evaluer', 'reoriente'],
  ['en_accompagnement', 'reoriente'],
  ['non_retenu', 'a_evaluer'],
];

const has = (list: ReadonlyArray<readonly [string, string]>, f: string, t: string) =>
  list.some(([a, b]) => a === f && b === t);

const MATRIX = DOSSIER_STATES.flatMap((from) =>
  DOSSIER_STATES.map((to) => [from, to, has(ALLOWED, from, to)] as const),
);

describe('dossier state machine', () => {
  it('covers the 64 pairs', () => {
    expect(MATRIX).toHaveLength(64);
  });

  it.each(MATRIX)('%s → %s allowed: %s', (from, to, allowed) => {
    const r = checkTransition(from, to, { reason: 'motif documenté' });
    expect(r.ok).toBe(allowed);
    if (!r.ok) {
      expect(r.code).toBe('TRANSITION_INTERDITE');
      expect(r.message).toBe(
        `Un dossier « ${STATE_LABELS[from]} » ne peut pas passer à l'état « ${STATE_LABELS[to]} ».`,
      );
    } else {
      expect(r.value).toEqual({ from, to });
    }
    expect(allowedTransitions(from).includes(to)).toBe(allowed);
  });

  it('words the refusal as specified', () => {
    expect(checkTransition('clos', 'en_accompagnement')).toEqual({
      ok: false,
      code: 'TRANSITION_INTERDITE',
      message: "Un dossier « Clos » ne peut pas passer à l'état « En accompagnement ».",
    });
  });

  it('lists allowed transitions in order', () => {
    expect(allowedTransitions('signale')).toEqual(['a_evaluer', 'non_retenu', 'reoriente']);
    expect(allowedTransitions('non_retenu')).toEqual(['clos', 'a_evaluer']);
    expect(allowedTransitions('clos')).toEqual([]);
  });

  it('returns a copy, not the internal table', () => {
    allowedTransitions('suivi').push('signale');
    expect(allowedTransitions('suivi')).toEqual(['clos']);
  });

  describe('reason (motif)', () => {
    it.each(MATRIX.filter(([, , allowed]) => allowed))('%s → %s requires a reason as expected', (from, to) => {
      const required = has(REASON_REQUIRED, from, to);
      expect(transitionRequiresReason(from, to)).toBe(required);
      const r = checkTransition(from, to);
      expect(r.ok).toBe(!required);
      if (!r.ok) expect(r).toMatchObject({ code: 'MOTIF_REQUIS', field: 'reason' });
    });

    it.each(['', '  ', 'ab', ' ab ', '\n\t a'])('refuses %j', (reason) => {
      expect(checkTransition('a_evaluer', 'non_retenu', { reason })).toMatchObject({
        ok: false,
        code: 'MOTIF_REQUIS',
        field: 'reason',
      });
    });

    it.each(['abc', '  abc  ', 'Relève du service social'])('accepts %j', (reason) => {
      expect(checkTransition('non_retenu', 'a_evaluer', { reason }).ok).toBe(true);
    });

    it('ignores a reason where none is needed', () => {
      expect(checkTransition('sorti', 'clos', { reason: '' }).ok).toBe(true);
    });
  });

  describe('unknown states', () => {
    it('refuses an unknown source or target with ETAT_INCONNU', () => {
      expect(checkTransition('archive', 'clos')).toMatchObject({ ok: false, code: 'ETAT_INCONNU', field: 'from' });
      expect(checkTransition('sorti', 'ferme')).toMatchObject({ ok: false, code: 'ETAT_INCONNU', field: 'to' });
      expect(checkTransition('', '')).toMatchObject({ ok: false, code: 'ETAT_INCONNU' });
      // Labels are not identifiers.
      expect(checkTransition('Clos', 'clos')).toMatchObject({ ok: false, code: 'ETAT_INCONNU' });
    });

    it('has no transitions from an unknown state', () => {
      expect(allowedTransitions('archive' as DossierState)).toEqual([]);
    });

    it('recognises states', () => {
      for (const s of DOSSIER_STATES) expect(isDossierState(s)).toBe(true);
      expect(isDossierState('toString')).toBe(false);
      expect(isDossierState(3)).toBe(false);
      expect(isDossierState(null)).toBe(false);
    });
  });

  it('distinguishes open states', () => {
    expect(DOSSIER_STATES.filter(isOpenState)).toEqual(['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi']);
  });

  it('labels every state and every reachable target in French', () => {
    expect(STATE_LABELS).toEqual({
      signale: 'Signalé',
      a_evaluer: 'À évaluer',
      en_accompagnement: 'En accompagnement',
      sorti: 'Sorti',
      suivi: 'En suivi',
      clos: 'Clos',
      non_retenu: 'Non retenu',
      reoriente: 'Réorienté',
    });
    const targets = new Set(ALLOWED.map(([, to]) => to));
    expect(Object.keys(TRANSITION_LABELS).sort()).toEqual([...targets].sort());
    expect(TRANSITION_LABELS.clos).toBe('Clore le dossier');
  });
});
