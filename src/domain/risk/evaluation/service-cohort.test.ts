import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../parcours/outcomes';
import { HEALTH_FEATURE_NAMES } from '../health-model';
import { cohortColumnsOfAssessment, COMPETING_OUTCOMES, EVENT_OUTCOMES, MAINTAINED_OUTCOMES, outcomeAt12Months } from './service-cohort';

const exit = (followUp12mOutcome: string | null, lostToFollowUp = false) => ({ exitedAt: '2025-03-31', followUp12mOutcome, lostToFollowUp });

describe('outcome at 12 months of the service cases', () => {
  it('maps every outcome of the parcours to exactly one of: event, maintained, excluded', () => {
    const all = [...EVENT_OUTCOMES, ...MAINTAINED_OUTCOMES, ...COMPETING_OUTCOMES, 'perdu_de_vue'];
    expect([...all].sort()).toEqual([...OUTCOMES].sort());
    for (const o of EVENT_OUTCOMES) expect(outcomeAt12Months(exit(o), '2026-06-01'), o).toEqual({ issue: 1 });
    for (const o of MAINTAINED_OUTCOMES) expect(outcomeAt12Months(exit(o), '2026-06-01'), o).toEqual({ issue: 0 });
    expect(outcomeAt12Months(exit('retraite'), '2026-06-01')).toEqual({ excluded: 'retraite' });
    expect(outcomeAt12Months(exit('perdu_de_vue', true), '2026-06-01')).toEqual({ excluded: 'perdu_de_vue' });
    expect(outcomeAt12Months(exit('inconnue'), '2026-06-01')).toEqual({ excluded: 'suivi_12_mois_non_renseigne' });
  });

  it('without a 12-month follow-up: not due until the due day (31/03 + 12 months), then missing or lost', () => {
    expect(outcomeAt12Months(exit(null), '2026-03-30')).toEqual({ excluded: 'suivi_12_mois_non_echu' });
    expect(outcomeAt12Months(exit(null), '2026-03-31')).toEqual({ excluded: 'suivi_12_mois_non_renseigne' });
    expect(outcomeAt12Months(exit(null, true), '2026-03-31')).toEqual({ excluded: 'perdu_de_vue' });
    // Recorded early (the window opens 30 days before): known, whatever the day.
    expect(outcomeAt12Months(exit('invalidite'), '2026-03-05')).toEqual({ issue: 1 });
  });
});

describe('cohort columns of a signed assessment', () => {
  const features = Object.fromEntries(HEALTH_FEATURE_NAMES.map((n) => [n, n === 'cim_m' ? 1 : 0]));
  it('reads the stored features, the WAI total (not the short form) and the employer score', () => {
    expect(cohortColumnsOfAssessment({ features, questionnaire: { questionnaire: 'wai', score: 27.5 }, employer: { score: 60 } }, 2)).toEqual({ features, wai: 27.5, employeur: 60, niveauFinal: 2 });
    expect(cohortColumnsOfAssessment({ features, questionnaire: { questionnaire: 'wai_court', score: 3 }, employer: null }, 0)).toEqual({ features, wai: null, employeur: null, niveauFinal: 0 });
  });
  it('refuses an assessment without usable features (a reported level)', () => {
    expect(cohortColumnsOfAssessment({}, 2)).toBeNull();
    expect(cohortColumnsOfAssessment(null, 2)).toBeNull();
    expect(cohortColumnsOfAssessment({ features: { ...features, cim_f: 2 } }, 2)).toBeNull();
    const { cim_f: _, ...missing } = features;
    expect(cohortColumnsOfAssessment({ features: missing }, 2)).toBeNull();
  });
});
