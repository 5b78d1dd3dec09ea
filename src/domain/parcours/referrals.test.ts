import { describe, expect, it } from 'vitest';
import { checkNewReferral, isLateStage, REFERRAL_LIMITS, REFERRAL_STAGES, REFERRAL_STATUSES, referralTransitionAllowed } from './referrals';

describe('referral rules', () => {
  it('only a referral at the dismissal stage is late', () => {
    expect(REFERRAL_STAGES.filter(isLateStage)).toEqual(['licenciement']);
  });

  it('motif: both sides of its bounds', () => {
    const base = { kind: 'adressage', stage: 'precoce' };
    const min = REFERRAL_LIMITS.reasonMinLength;
    const max = REFERRAL_LIMITS.textMaxLength;
    expect(checkNewReferral({ ...base, reason: 'a'.repeat(min - 1) })).toMatchObject({ ok: false, code: 'TEXTE_TROP_COURT' });
    expect(checkNewReferral({ ...base, reason: 'a'.repeat(min) })).toMatchObject({ ok: true });
    expect(checkNewReferral({ ...base, reason: `  ${'a'.repeat(min - 1)}  ` })).toMatchObject({ ok: false, code: 'TEXTE_TROP_COURT' });
    expect(checkNewReferral({ ...base, reason: 'a'.repeat(max) })).toMatchObject({ ok: true });
    expect(checkNewReferral({ ...base, reason: 'a'.repeat(max + 1) })).toMatchObject({ ok: false, code: 'TEXTE_TROP_LONG' });
    expect(checkNewReferral({ ...base, reason: '' })).toMatchObject({ ok: false, code: 'CHAMP_MANQUANT' });
  });

  it('flags the late stage on the checked value', () => {
    expect(checkNewReferral({ kind: 'transfert', stage: 'licenciement', reason: 'motif valable' })).toMatchObject({ ok: true, value: { late: true, kind: 'transfert' } });
    expect(checkNewReferral({ kind: 'adressage', stage: 'reprise', reason: 'motif valable' })).toMatchObject({ ok: true, value: { late: false } });
    expect(checkNewReferral({ kind: 'autre', stage: 'reprise', reason: 'motif valable' })).toMatchObject({ ok: false, code: 'TYPE_ADRESSAGE_INCONNU' });
    expect(checkNewReferral({ kind: 'adressage', stage: 'demain', reason: 'motif valable' })).toMatchObject({ ok: false, code: 'STADE_INCONNU' });
  });

  it('the partner answers a sent referral, the cell cancels it or closes an accepted one; nothing else moves', () => {
    const allowed: string[] = [];
    for (const from of REFERRAL_STATUSES) for (const to of REFERRAL_STATUSES) for (const actor of ['cellule', 'partenaire'] as const) if (referralTransitionAllowed(from, to, actor)) allowed.push(`${from}>${to}:${actor}`);
    expect(allowed.sort()).toEqual(['accepte>clos:cellule', 'envoye>accepte:partenaire', 'envoye>annule:cellule', 'envoye>refuse:partenaire']);
  });
});
