import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/dates';
import { addMonths, checkExit, checkFollowUp, followUpDue, followUpOpensOn, isLostToFollowUp } from './exit';
import { OUTCOMES } from './outcomes';

describe('follow-up dates (IGAS recommendation 20: 6 and 12 months)', () => {
  it('adds months, the 31st becoming the last day of a shorter month', () => {
    expect(addMonths('2026-01-15', 6)).toBe('2026-07-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-12-31', 12)).toBe('2027-12-31');
  });
  it('property: the due date is in the right month and never before the exit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.constantFrom(6 as const, 12 as const), (offset, h) => {
        const exit = addDays('2020-01-01', offset);
        const due = followUpDue(exit, h);
        const months = (Number(due.slice(0, 4)) - Number(exit.slice(0, 4))) * 12 + Number(due.slice(5, 7)) - Number(exit.slice(5, 7));
        expect(months).toBe(h);
        expect(due > exit).toBe(true);
      }),
    );
  });
  it('a follow-up may be recorded from 30 days before its due date, not the day before that', () => {
    const exit = '2026-01-15';
    expect(followUpOpensOn(exit, 6)).toBe('2026-06-15');
    expect(checkFollowUp({ horizon: 6, outcome: 'maintien_poste' }, exit, '2026-06-15').ok).toBe(true);
    expect(checkFollowUp({ horizon: 6, outcome: 'maintien_poste' }, exit, '2026-06-14')).toMatchObject({ ok: false, code: 'SUIVI_PREMATURE' });
    expect(checkFollowUp({ horizon: 12, outcome: 'maintien_poste' }, exit, '2026-12-16').ok).toBe(true);
    expect(checkFollowUp({ horizon: 12, outcome: 'maintien_poste' }, exit, '2026-12-15')).toMatchObject({ ok: false, code: 'SUIVI_PREMATURE' });
    expect(checkFollowUp({ horizon: 3, outcome: 'maintien_poste' }, exit, '2027-12-15')).toMatchObject({ ok: false, code: 'SUIVI_ECHEANCE_INCONNUE' });
  });
});

describe('exit', () => {
  const today = '2026-11-25';
  it('is dated today at the latest and at most 365 days back', () => {
    expect(checkExit({ outcome: 'retraite', exitedAt: today }, today).ok).toBe(true);
    expect(checkExit({ outcome: 'retraite', exitedAt: '2026-11-26' }, today)).toMatchObject({ ok: false, code: 'DATE_SORTIE_FUTURE' });
    expect(checkExit({ outcome: 'retraite', exitedAt: addDays(today, -365) }, today).ok).toBe(true);
    expect(checkExit({ outcome: 'retraite', exitedAt: addDays(today, -366) }, today)).toMatchObject({ ok: false, code: 'DATE_SORTIE_TROP_ANCIENNE' });
  });
  it('takes one of the eleven outcomes of domain §8', () => {
    expect(OUTCOMES).toHaveLength(11);
    for (const o of OUTCOMES) expect(checkExit({ outcome: o, exitedAt: today }, today).ok).toBe(true);
    expect(checkExit({ outcome: 'licencie', exitedAt: today }, today)).toMatchObject({ ok: false, code: 'ISSUE_INCONNUE' });
  });
  it('the note has at most 2000 characters', () => {
    expect(checkExit({ outcome: 'retraite', exitedAt: today, note: 'x'.repeat(2000) }, today).ok).toBe(true);
    expect(checkExit({ outcome: 'retraite', exitedAt: today, note: 'x'.repeat(2001) }, today)).toMatchObject({ ok: false, code: 'NOTE_TROP_LONGUE' });
  });
  it('lost to follow-up is decided by the most recent known situation', () => {
    expect(isLostToFollowUp({ outcome: 'perdu_de_vue', followUp6mOutcome: null, followUp12mOutcome: null })).toBe(true);
    expect(isLostToFollowUp({ outcome: 'perdu_de_vue', followUp6mOutcome: 'maintien_poste', followUp12mOutcome: null })).toBe(false);
    expect(isLostToFollowUp({ outcome: 'maintien_poste', followUp6mOutcome: 'perdu_de_vue', followUp12mOutcome: null })).toBe(true);
    expect(isLostToFollowUp({ outcome: 'maintien_poste', followUp6mOutcome: 'perdu_de_vue', followUp12mOutcome: 'retraite' })).toBe(false);
  });
});
