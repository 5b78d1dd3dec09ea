import { describe, expect, it } from 'vitest';
import { checkAttendee, checkDecision, checkMeeting, minutesCategory } from './meetings';

describe('staff meetings', () => {
  it('partners attend only an instance partenariale', () => {
    expect(checkAttendee('instance_partenariale', true).ok).toBe(true);
    expect(checkAttendee('staff_pluridisciplinaire', true)).toMatchObject({ ok: false, code: 'PARTENAIRE_HORS_INSTANCE_PARTENARIALE' });
    expect(checkAttendee('staff_pluridisciplinaire', false).ok).toBe(true);
  });
  it('minutes of a staff are sensitive; of an instance partenariale administrative (read by consented partners)', () => {
    expect(minutesCategory('staff_pluridisciplinaire')).toBe('sensitive');
    expect(minutesCategory('instance_partenariale')).toBe('administrative');
  });
  it('a decision given to someone needs a due date, today or later', () => {
    expect(checkDecision({ text: 'Appeler', ownerUserId: 'u', dueDate: '2026-11-25' }, '2026-11-25').ok).toBe(true);
    expect(checkDecision({ text: 'Appeler', ownerUserId: 'u', dueDate: '2026-11-24' }, '2026-11-25')).toMatchObject({ ok: false, code: 'ECHEANCE_PASSEE' });
    expect(checkDecision({ text: 'Appeler', ownerUserId: 'u' }, '2026-11-25')).toMatchObject({ ok: false, code: 'ECHEANCE_REQUISE' });
    expect(checkDecision({ text: 'abc' }, '2026-11-25').ok).toBe(true);
    expect(checkDecision({ text: 'ab' }, '2026-11-25')).toMatchObject({ ok: false, code: 'DECISION_VIDE' });
    expect(checkDecision({ text: 'x'.repeat(500) }, '2026-11-25').ok).toBe(true);
    expect(checkDecision({ text: 'x'.repeat(501) }, '2026-11-25')).toMatchObject({ ok: false, code: 'DECISION_TROP_LONGUE' });
  });
  it('a meeting has a kind and an instant with its offset; its title defaults to the kind', () => {
    expect(checkMeeting({ kind: 'staff_pluridisciplinaire', scheduledAt: '2026-12-01T14:00:00+01:00' })).toMatchObject({ ok: true, value: { title: 'Staff pluridisciplinaire' } });
    expect(checkMeeting({ kind: 'autre', scheduledAt: '2026-12-01T14:00:00+01:00' })).toMatchObject({ ok: false, code: 'INSTANCE_TYPE_INCONNU' });
    expect(checkMeeting({ kind: 'staff_pluridisciplinaire', scheduledAt: '2026-12-01' })).toMatchObject({ ok: false, code: 'INSTANCE_DATE_INVALIDE' });
  });
});
