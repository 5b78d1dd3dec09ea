import { describe, expect, it } from 'vitest';
import { ACTIVE_MEASURE_STATUSES, allowedMeasureTransitions, canMoveMeasure, MEASURE_STATUSES, MEASURE_STATUS_LABELS, TERMINAL_MEASURE_STATUSES } from './measure-states';

describe('measure status flow', () => {
  it('the main path proposée → en attente d’accord → accordée → en cours → terminée', () => {
    expect(canMoveMeasure('proposee', 'en_attente_accord')).toBe(true);
    expect(canMoveMeasure('en_attente_accord', 'accordee')).toBe(true);
    expect(canMoveMeasure('accordee', 'en_cours')).toBe(true);
    expect(canMoveMeasure('en_cours', 'terminee')).toBe(true);
  });
  it('no skipping to en cours, no way back, nothing out of a terminal status', () => {
    expect(canMoveMeasure('proposee', 'en_cours')).toBe(false);
    expect(canMoveMeasure('en_cours', 'accordee')).toBe(false);
    expect(canMoveMeasure('proposee', 'refusee')).toBe(false);
    for (const s of TERMINAL_MEASURE_STATUSES) expect(allowedMeasureTransitions(s)).toEqual([]);
    expect(TERMINAL_MEASURE_STATUSES).toEqual(['terminee', 'refusee', 'abandonnee']);
  });
  it('every active status can be abandoned; every status has a French label', () => {
    for (const s of ACTIVE_MEASURE_STATUSES) expect(canMoveMeasure(s, 'abandonnee')).toBe(true);
    for (const s of MEASURE_STATUSES) expect(MEASURE_STATUS_LABELS[s]).toMatch(/^[A-ZÉ]/);
  });
});
