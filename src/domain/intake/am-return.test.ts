import { describe, expect, it } from 'vitest';
import {
  AM_RETURN_FIELDS,
  AM_RETURN_STATUS_LABELS,
  AM_RETURN_STATUSES,
  AM_RETURN_TYPES,
  addDaysIso,
  decideAck,
  DEFAULT_AM_RETURN_LIMITS,
  isAmReturnType,
  toCsv,
  toJsonl,
  toOutboundMessage,
  validateAmReturn,
  type AmReturnRecord,
} from './am-return';

const today = '2026-11-25';
const ok = (input: Parameters<typeof validateAmReturn>[0], jobConsent = false, limits = DEFAULT_AM_RETURN_LIMITS) =>
  validateAmReturn(input, { today, jobConsent, limits });

describe('catalogue', () => {
  it('has unique UPPER_SNAKE codes and French labels, covering the measures of the cell', () => {
    const codes = AM_RETURN_TYPES.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const t of AM_RETURN_TYPES) {
      expect(t.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(t.label.length).toBeGreaterThan(3);
    }
    for (const c of ['VPR_REALISEE', 'RDV_LIAISON', 'ACCOMPAGNEMENT_CELLULE', 'AMENAGEMENT_POSTE', 'ESSAI_ENCADRE', 'CRPE', 'TPT', 'FORMATION_ARRET', 'BILAN_COMPETENCES', 'ORIENTATION_CAP_EMPLOI', 'ORIENTATION_SERVICE_SOCIAL', 'SUIVI_SANS_MESURE', 'REFUS_SALARIE']) {
      expect(isAmReturnType(c), c).toBe(true);
    }
    expect(isAmReturnType('toString')).toBe(false);
    expect(isAmReturnType('vpr_realisee')).toBe(false);
  });

  it('labels every delivery status in French', () => {
    expect(AM_RETURN_STATUSES.map((s) => AM_RETURN_STATUS_LABELS[s])).toEqual(['À transmettre', 'Transmis', 'Accusé de réception', 'En erreur']);
  });
});

describe('validateAmReturn', () => {
  it('accepts a plain return and trims the comment', () => {
    expect(ok({ type: 'RDV_LIAISON', date: '2026-11-20', comment: '  Rendez-vous tenu avec l’employeur. ' })).toEqual({
      ok: true,
      value: { type: 'RDV_LIAISON', date: '2026-11-20', comment: 'Rendez-vous tenu avec l’employeur.', job: null },
    });
  });

  it('refuses an unknown type and an impossible date', () => {
    expect(ok({ type: 'MUTATION', date: '2026-11-20' })).toMatchObject({ ok: false, code: 'TYPE_ACCOMPAGNEMENT_INCONNU', field: 'type' });
    expect(ok({ type: 'TPT', date: '2026-02-30' })).toMatchObject({ ok: false, code: 'DATE_INVALIDE', field: 'date' });
  });

  it('date boundary ahead: yesterday, today accepted; tomorrow refused (maxDaysAhead = 0)', () => {
    expect(ok({ type: 'TPT', date: '2026-11-24' }).ok).toBe(true);
    expect(ok({ type: 'TPT', date: '2026-11-25' }).ok).toBe(true);
    expect(ok({ type: 'TPT', date: '2026-11-26' })).toMatchObject({ ok: false, code: 'DATE_FUTURE' });
    expect(ok({ type: 'TPT', date: '2026-11-27' }, false, { ...DEFAULT_AM_RETURN_LIMITS, maxDaysAhead: 2 }).ok).toBe(true);
  });

  it('date boundary back: 729, 730 days accepted; 731 refused', () => {
    const back = DEFAULT_AM_RETURN_LIMITS.maxDaysBack;
    expect(back).toBe(730);
    expect(ok({ type: 'TPT', date: addDaysIso(today, -(back - 1)) }).ok).toBe(true);
    expect(ok({ type: 'TPT', date: addDaysIso(today, -back) }).ok).toBe(true);
    expect(ok({ type: 'TPT', date: addDaysIso(today, -(back + 1)) })).toMatchObject({ ok: false, code: 'DATE_TROP_ANCIENNE' });
  });

  it('comment length boundary: 999, 1000 accepted; 1001 refused', () => {
    const max = DEFAULT_AM_RETURN_LIMITS.commentMaxLength;
    expect(ok({ type: 'TPT', date: today, comment: 'a'.repeat(max - 1) }).ok).toBe(true);
    expect(ok({ type: 'TPT', date: today, comment: 'a'.repeat(max) }).ok).toBe(true);
    expect(ok({ type: 'TPT', date: today, comment: 'a'.repeat(max + 1) })).toMatchObject({ ok: false, code: 'TEXTE_TROP_LONG', field: 'comment' });
  });

  it('refuses a NIR-like number in the comment (12 digits pass, 13 do not)', () => {
    expect(ok({ type: 'TPT', date: today, comment: 'Dossier 123456789012' }).ok).toBe(true);
    expect(ok({ type: 'TPT', date: today, comment: 'NIR 1 84 12 76 451 089' })).toMatchObject({ ok: false, code: 'COMMENTAIRE_NIR' });
  });

  it('refuses job information without the worker’s consent, accepts it with', () => {
    const input = { type: 'AMENAGEMENT_POSTE', date: today, jobTitle: 'Aide-soignante', pcs: '52a1', rome: 'j1501', workingConditions: 'Port de charges, travail de nuit' };
    expect(ok(input, false)).toMatchObject({ ok: false, code: 'CONSENTEMENT_POSTE_ABSENT', field: 'jobTitle' });
    expect(ok(input, true)).toEqual({
      ok: true,
      value: { type: 'AMENAGEMENT_POSTE', date: today, comment: '', job: { jobTitle: 'Aide-soignante', pcs: '52A1', rome: 'J1501', workingConditions: 'Port de charges, travail de nuit' } },
    });
    // Blank job fields are no job information: no consent needed.
    expect(ok({ type: 'TPT', date: today, jobTitle: '  ', pcs: '' }, false)).toMatchObject({ ok: true, value: { job: null } });
  });

  it('checks PCS and ROME codes and job text lengths', () => {
    expect(ok({ type: 'TPT', date: today, pcs: '5' }, true)).toMatchObject({ ok: false, code: 'CODE_PCS_INVALIDE' });
    expect(ok({ type: 'TPT', date: today, rome: 'J150' }, true)).toMatchObject({ ok: false, code: 'CODE_ROME_INVALIDE' });
    const jt = DEFAULT_AM_RETURN_LIMITS.jobTitleMaxLength;
    expect(ok({ type: 'TPT', date: today, jobTitle: 'a'.repeat(jt) }, true).ok).toBe(true);
    expect(ok({ type: 'TPT', date: today, jobTitle: 'a'.repeat(jt + 1) }, true)).toMatchObject({ ok: false, field: 'jobTitle' });
    const wc = DEFAULT_AM_RETURN_LIMITS.workingConditionsMaxLength;
    expect(ok({ type: 'TPT', date: today, workingConditions: 'a'.repeat(wc) }, true).ok).toBe(true);
    expect(ok({ type: 'TPT', date: today, workingConditions: 'a'.repeat(wc + 1) }, true)).toMatchObject({ ok: false, field: 'workingConditions' });
  });
});

describe('decideAck', () => {
  it('moves a transmitted message to accusé or en erreur; the same ack again changes nothing', () => {
    expect(decideAck('transmis', null, { messageId: 'x', status: 'accuse' })).toEqual({ outcome: 'accuse', error: null });
    expect(decideAck('accuse', null, { messageId: 'x', status: 'accuse' })).toEqual({ outcome: 'inchange' });
    expect(decideAck('transmis', null, { messageId: 'x', status: 'en_erreur', error: 'id_arret inconnu' })).toEqual({ outcome: 'en_erreur', error: 'id_arret inconnu' });
    expect(decideAck('en_erreur', 'id_arret inconnu', { messageId: 'x', status: 'en_erreur', error: 'id_arret inconnu' })).toEqual({ outcome: 'inchange' });
    expect(decideAck('en_erreur', 'id_arret inconnu', { messageId: 'x', status: 'accuse' })).toEqual({ outcome: 'accuse', error: null });
  });

  it('refuses an error without text, an unknown status, and an error after an acknowledgement', () => {
    expect(decideAck('transmis', null, { messageId: 'x', status: 'en_erreur' })).toMatchObject({ outcome: 'refuse', code: 'ERREUR_REQUISE' });
    expect(decideAck('transmis', null, { messageId: 'x', status: 'ok' })).toMatchObject({ outcome: 'refuse', code: 'STATUT_INCONNU' });
    expect(decideAck('accuse', null, { messageId: 'x', status: 'en_erreur', error: 'tard' })).toMatchObject({ outcome: 'refuse', code: 'DEJA_ACCUSE' });
  });

  it('error length boundary: 500 accepted, 501 refused', () => {
    const max = DEFAULT_AM_RETURN_LIMITS.ackErrorMaxLength;
    expect(decideAck('transmis', null, { messageId: 'x', status: 'en_erreur', error: 'e'.repeat(max) }).outcome).toBe('en_erreur');
    expect(decideAck('transmis', null, { messageId: 'x', status: 'en_erreur', error: 'e'.repeat(max + 1) })).toMatchObject({ outcome: 'refuse', code: 'TEXTE_TROP_LONG' });
  });
});

describe('outbound format v1', () => {
  const record: AmReturnRecord = {
    messageId: 'RAM-0123456789ABCDEF0123456789ABCDEF',
    spst: 'demo',
    recipient: 'CPAM-593',
    amArretId: 'AT-2026-001',
    type: 'AMENAGEMENT_POSTE',
    date: '2026-11-20',
    comment: 'Étude de poste; avec "l’ergonome"',
    job: { jobTitle: 'Aide-soignante', pcs: '52A1', rome: 'J1501', workingConditions: 'Travail de nuit\nport de charges' },
    createdAt: new Date('2026-11-21T08:00:00Z'),
  };

  it('includes job information only with a current consent', () => {
    const withJob = toOutboundMessage(record, true);
    expect(withJob).toMatchObject({ informations_poste: 'oui', poste_intitule: 'Aide-soignante', poste_pcs: '52A1', poste_rome: 'J1501' });
    const without = toOutboundMessage(record, false);
    expect(without).toMatchObject({ informations_poste: 'non', poste_intitule: '', poste_pcs: '', poste_rome: '', conditions_travail: '' });
    expect(Object.keys(without)).toEqual([...AM_RETURN_FIELDS]);
  });

  it('writes CSV with a header, `;`, LF and RFC 4180 quoting; JSON Lines one object per line', () => {
    const csv = toCsv([toOutboundMessage(record, true)]);
    expect(csv.startsWith(`${AM_RETURN_FIELDS.join(';')}\n`)).toBe(true);
    expect(csv).toContain('"Étude de poste; avec ""l’ergonome"""');
    expect(csv).toContain('"Travail de nuit\nport de charges"');
    expect(csv.endsWith('\n')).toBe(true);
    const jsonl = toJsonl([toOutboundMessage(record, false), toOutboundMessage(record, true)]);
    const lines = jsonl.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).toMatchObject({ version: '1', id_message: record.messageId, destinataire: 'CPAM-593', id_arret: 'AT-2026-001', informations_poste: 'non' });
  });
});
