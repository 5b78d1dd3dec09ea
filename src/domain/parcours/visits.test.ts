import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar/dates';
import { checkProfessional, checkVisitInput, checkVisitOutcome, employerMaySeeVisit, PRE_REPRISE_REQUESTERS, repriseTiming, requestersOf, returnDateOfSubject, VISIT_KINDS } from './visits';

const NOW = new Date('2026-11-25T10:00:00Z');

describe('reprise deadline (R4624-31: return + 8 days)', () => {
  it('is on time on the 8th day after the return and late on the 9th', () => {
    expect(repriseTiming('2026-03-02', '2026-03-10', 8)).toEqual({ deadline: '2026-03-10', late: false, daysLate: 0 });
    expect(repriseTiming('2026-03-02', '2026-03-11', 8)).toEqual({ deadline: '2026-03-10', late: true, daysLate: 1 });
    expect(repriseTiming('2026-03-02', '2026-03-02', 8).late).toBe(false);
  });
  it('follows the configured number of days', () => {
    expect(repriseTiming('2026-12-28', '2027-01-02', 5)).toEqual({ deadline: '2027-01-02', late: false, daysLate: 0 });
    expect(repriseTiming('2026-12-28', '2027-01-03', 5).daysLate).toBe(1);
  });
  it('property: late exactly when the visit is after return + deadline, by that many days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: -20, max: 60 }), fc.integer({ min: 0, max: 30 }), (offset, after, days) => {
        const back = addDays('2024-01-01', offset);
        const visit = addDays(back, after);
        const t = repriseTiming(back, visit, days);
        expect(t.late).toBe(after > days);
        expect(t.daysLate).toBe(Math.max(0, after - days));
      }),
    );
  });
  it('reads the return date from a reprise task subject', () => {
    expect(returnDateOfSubject('arret:3f1c:2026-11-30')).toBe('2026-11-30');
    expect(returnDateOfSubject('arret:3f1c')).toBeNull();
    expect(returnDateOfSubject(null)).toBeNull();
  });
});

describe('visit input', () => {
  const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
  const YEAR = 365 * 86_400_000;
  it('accepts a visit up to two years ahead and one year back, not beyond', () => {
    expect(checkVisitInput({ kind: 'reprise', scheduledAt: at(2 * YEAR) }, NOW).ok).toBe(true);
    expect(checkVisitInput({ kind: 'reprise', scheduledAt: at(2 * YEAR + 60_000) }, NOW)).toMatchObject({ ok: false, code: 'VISITE_DATE_HORS_LIMITES' });
    expect(checkVisitInput({ kind: 'reprise', scheduledAt: at(-YEAR) }, NOW).ok).toBe(true);
    expect(checkVisitInput({ kind: 'reprise', scheduledAt: at(-YEAR - 60_000) }, NOW)).toMatchObject({ ok: false, code: 'VISITE_DATE_HORS_LIMITES' });
  });
  it('requires an offset in the instant and a requester for a visite à la demande', () => {
    expect(checkVisitInput({ kind: 'reprise', scheduledAt: '2026-12-01T09:00:00' }, NOW)).toMatchObject({ ok: false, code: 'VISITE_DATE_INVALIDE' });
    expect(checkVisitInput({ kind: 'demande', scheduledAt: '2026-12-01T09:00:00+01:00' }, NOW)).toMatchObject({ ok: false, code: 'VISITE_DEMANDEUR_REQUIS' });
    expect(checkVisitInput({ kind: 'demande', scheduledAt: '2026-12-01T09:00:00+01:00', requestedBy: 'salarie' }, NOW).ok).toBe(true);
  });
  it('a rendez-vous de liaison is initiated by the employer or the worker only (D1226-8-1)', () => {
    for (const r of ['salarie', 'employeur']) expect(checkVisitInput({ kind: 'liaison', scheduledAt: '2026-12-01T09:00:00Z', requestedBy: r }, NOW).ok).toBe(true);
    for (const r of ['medecin_travail', 'medecin_conseil', 'medecin_traitant']) {
      expect(checkVisitInput({ kind: 'liaison', scheduledAt: '2026-12-01T09:00:00Z', requestedBy: r }, NOW)).toMatchObject({ ok: false, code: 'LIAISON_DEMANDEUR_INVALIDE' });
    }
  });
  it('a visite de pré-reprise is asked by the worker, the médecin traitant, the médecin conseil or the médecin du travail — not the employer (L4624-2-4)', () => {
    const at = '2026-12-01T09:00:00Z';
    for (const r of ['salarie', 'medecin_traitant', 'medecin_conseil', 'medecin_travail']) expect(checkVisitInput({ kind: 'pre_reprise', scheduledAt: at, requestedBy: r }, NOW).ok).toBe(true);
    const refused = checkVisitInput({ kind: 'pre_reprise', scheduledAt: at, requestedBy: 'employeur' }, NOW);
    expect(refused).toMatchObject({ ok: false, code: 'PRE_REPRISE_DEMANDEUR_INVALIDE', field: 'requestedBy' });
    expect(!refused.ok && refused.message).toBe(
      "La visite de pré-reprise est organisée à l'initiative du salarié, du médecin traitant, du médecin conseil ou du médecin du travail, jamais de l'employeur (art. L4624-2-4 du code du travail).",
    );
    // Without a requester (the cell proposes it after an arrêt): accepted.
    expect(checkVisitInput({ kind: 'pre_reprise', scheduledAt: at }, NOW).ok).toBe(true);
    // The employer keeps his other requests: visite à la demande (R4624-34), rendez-vous de liaison (L1226-1-3).
    expect(checkVisitInput({ kind: 'demande', scheduledAt: at, requestedBy: 'employeur' }, NOW).ok).toBe(true);
    expect(checkVisitInput({ kind: 'liaison', scheduledAt: at, requestedBy: 'employeur' }, NOW).ok).toBe(true);
    expect(PRE_REPRISE_REQUESTERS).not.toContain('employeur');
    expect(requestersOf('pre_reprise')).toEqual(PRE_REPRISE_REQUESTERS);
    expect(requestersOf('liaison')).toEqual(['salarie', 'employeur']);
    expect(requestersOf('demande')).toContain('employeur');
  });
  it('the place has at most 200 characters', () => {
    expect(checkVisitInput({ kind: 'reprise', scheduledAt: '2026-12-01T09:00:00Z', place: 'x'.repeat(200) }, NOW).ok).toBe(true);
    expect(checkVisitInput({ kind: 'reprise', scheduledAt: '2026-12-01T09:00:00Z', place: 'x'.repeat(201) }, NOW)).toMatchObject({ ok: false, code: 'VISITE_LIEU_TROP_LONG' });
  });
  it('pré-reprise and reprise by a médecin du travail; mi-carrière also by an infirmier; liaison by any cell professional', () => {
    expect(checkProfessional('reprise', 'medecin_travail').ok).toBe(true);
    expect(checkProfessional('reprise', 'infirmier').ok).toBe(false);
    expect(checkProfessional('pre_reprise', 'infirmier').ok).toBe(false);
    expect(checkProfessional('mi_carriere', 'infirmier').ok).toBe(true);
    expect(checkProfessional('liaison', 'charge_mission').ok).toBe(true);
    expect(checkProfessional('liaison', 'assistant').ok).toBe(false);
  });
});

describe('visit outcome', () => {
  it('a rendez-vous de liaison never takes free text, only a code of the list (L1226-1-3)', () => {
    expect(checkVisitOutcome('liaison', 'planifiee', { status: 'realisee', outcome: 'Diabète', liaisonOutcome: 'sans_suite' })).toMatchObject({ ok: false, code: 'LIAISON_SANS_INFORMATION_MEDICALE' });
    expect(checkVisitOutcome('liaison', 'planifiee', { status: 'realisee', outcome: '   ', liaisonOutcome: 'sans_suite' })).toEqual({ ok: true, value: { status: 'realisee', outcome: 'sans_suite' } });
    expect(checkVisitOutcome('liaison', 'planifiee', { status: 'realisee', liaisonOutcome: 'autre chose' })).toMatchObject({ ok: false, code: 'LIAISON_SUITE_REQUISE' });
    expect(checkVisitOutcome('liaison', 'planifiee', { status: 'annulee' })).toEqual({ ok: true, value: { status: 'annulee', outcome: null } });
  });
  it('property: whatever text is typed, a liaison stores nothing but a listed code or null', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''), fc.constantFrom('realisee', 'annulee', 'non_presente'), (text, status) => {
        const r = checkVisitOutcome('liaison', 'planifiee', { status, outcome: text, liaisonOutcome: 'informe_mesures' });
        expect(r.ok).toBe(false);
      }),
    );
  });
  it('a medical visit keeps its conclusion up to 4000 characters, only when réalisée, and is closed once', () => {
    expect(checkVisitOutcome('reprise', 'planifiee', { status: 'realisee', outcome: 'x'.repeat(4000) }).ok).toBe(true);
    expect(checkVisitOutcome('reprise', 'planifiee', { status: 'realisee', outcome: 'x'.repeat(4001) })).toMatchObject({ ok: false, code: 'VISITE_CONCLUSION_TROP_LONGUE' });
    expect(checkVisitOutcome('reprise', 'planifiee', { status: 'annulee', outcome: 'texte' })).toEqual({ ok: true, value: { status: 'annulee', outcome: null } });
    expect(checkVisitOutcome('reprise', 'realisee', { status: 'annulee' })).toMatchObject({ ok: false, code: 'VISITE_DEJA_CLOSE' });
    expect(checkVisitOutcome('reprise', 'planifiee', { status: 'planifiee' })).toMatchObject({ ok: false, code: 'VISITE_STATUT_INVALIDE' });
  });
});

describe('what the employer may know', () => {
  it('never a pré-reprise; a visite à la demande only when he asked for it; the others yes', () => {
    const seen = VISIT_KINDS.filter((k) => employerMaySeeVisit(k, null));
    expect(seen).toEqual(['reprise', 'mi_carriere', 'liaison']);
    expect(employerMaySeeVisit('demande', 'employeur')).toBe(true);
    expect(employerMaySeeVisit('demande', 'salarie')).toBe(false);
    expect(employerMaySeeVisit('pre_reprise', 'employeur')).toBe(false);
  });
});
