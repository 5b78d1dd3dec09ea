import { describe, expect, it } from 'vitest';
import { belongsToReview, checkInaptitude } from './inaptitude';

describe('ex-post review list (IGAS §255)', () => {
  const base = { dismissalDate: '2026-06-01', avisDate: '2026-05-01', latestFinalLevel: 2, firstDossierOpenedOn: null };
  it('keeps a dismissal with a signed level of 2 or more and no dossier opened before the avis', () => {
    expect(belongsToReview(base)).toBe(true);
    expect(belongsToReview({ ...base, latestFinalLevel: 3 })).toBe(true);
    expect(belongsToReview({ ...base, latestFinalLevel: 1 })).toBe(false);
    expect(belongsToReview({ ...base, latestFinalLevel: null })).toBe(false);
  });
  it('a dossier opened on the day of the avis or after is not a prior seizure; the day before is', () => {
    expect(belongsToReview({ ...base, firstDossierOpenedOn: '2026-05-01' })).toBe(true);
    expect(belongsToReview({ ...base, firstDossierOpenedOn: '2026-04-30' })).toBe(false);
  });
  it('needs a dismissal', () => {
    expect(belongsToReview({ ...base, dismissalDate: null })).toBe(false);
  });
});

describe('avis d’inaptitude', () => {
  const today = '2026-11-25';
  it('dates: not in the future, at most three years back, dismissal between avis and today', () => {
    expect(checkInaptitude({ avisDate: today, dispenseReclassement: true }, today).ok).toBe(true);
    expect(checkInaptitude({ avisDate: '2026-11-26', dispenseReclassement: true }, today)).toMatchObject({ ok: false, code: 'DATE_AVIS_FUTURE' });
    expect(checkInaptitude({ avisDate: '2023-11-26', dispenseReclassement: true }, today).ok).toBe(true);
    expect(checkInaptitude({ avisDate: '2023-11-25', dispenseReclassement: true }, today)).toMatchObject({ ok: false, code: 'DATE_AVIS_TROP_ANCIENNE' });
    expect(checkInaptitude({ avisDate: '2026-10-01', dispenseReclassement: false, dismissalDate: '2026-10-01' }, today).ok).toBe(true);
    expect(checkInaptitude({ avisDate: '2026-10-01', dispenseReclassement: false, dismissalDate: '2026-09-30' }, today)).toMatchObject({ ok: false, code: 'LICENCIEMENT_AVANT_AVIS' });
    expect(checkInaptitude({ avisDate: '2026-10-01', dispenseReclassement: false, dismissalDate: '2026-11-26' }, today)).toMatchObject({ ok: false, code: 'DATE_LICENCIEMENT_FUTURE' });
  });
});
