import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSENT_PURPOSES, DOSSIER_SHARING_PURPOSES, PARTNER_ORGANISATION_KINDS, purposeAllowsRecipient } from './purposes';
import { checkGrant, withdrawalSource } from './rules';

describe('consent purposes', () => {
  it('only the partage du dossier opens the dossier to a partner', () => {
    expect(DOSSIER_SHARING_PURPOSES).toEqual(['partage_dossier']);
  });

  it('never names the SPSTI or a company, whatever the purpose', () => {
    for (const p of CONSENT_PURPOSES) {
      expect(purposeAllowsRecipient(p, 'spsti')).toBe(false);
      expect(purposeAllowsRecipient(p, 'company')).toBe(false);
    }
  });

  it('the AM purposes name only the Assurance maladie', () => {
    expect(purposeAllowsRecipient('transmission_am', 'service_medical')).toBe(true);
    expect(purposeAllowsRecipient('transmission_am', 'cap_emploi')).toBe(false);
    expect(purposeAllowsRecipient('retour_am_poste', 'cpam')).toBe(true);
    expect(purposeAllowsRecipient('retour_am_poste', 'service_medical')).toBe(false);
  });
});

describe('checkGrant', () => {
  it('the worker gives his own consent (source salarie), the cell must say how it was collected', () => {
    expect(checkGrant({ purpose: 'partage_dossier', recipientKind: 'cap_emploi' }, 'salarie')).toEqual({ ok: true, value: { purpose: 'partage_dossier', source: 'salarie' } });
    expect(checkGrant({ purpose: 'partage_dossier', recipientKind: 'cap_emploi' }, 'cellule')).toMatchObject({ ok: false, code: 'SOURCE_REQUISE' });
    expect(checkGrant({ purpose: 'partage_dossier', recipientKind: 'cap_emploi', source: 'salarie' }, 'cellule')).toMatchObject({ ok: false, code: 'SOURCE_REQUISE' });
    expect(checkGrant({ purpose: 'partage_dossier', recipientKind: 'cap_emploi', source: 'professionnel_oral' }, 'cellule')).toMatchObject({ ok: true, value: { source: 'professionnel_oral' } });
  });

  it('refuses unknown purposes and recipients the purpose may not name', () => {
    expect(checkGrant({ purpose: 'marketing', recipientKind: 'cap_emploi' }, 'salarie')).toMatchObject({ ok: false, code: 'FINALITE_INCONNUE' });
    expect(checkGrant({ purpose: 'transmission_am', recipientKind: 'agefiph' }, 'salarie')).toMatchObject({ ok: false, code: 'DESTINATAIRE_NON_AUTORISE', field: 'organisationId' });
  });

  it('accepts exactly the (purpose, partner kind) pairs of the table, for any input', () => {
    fc.assert(
      fc.property(fc.constantFrom<unknown>(...CONSENT_PURPOSES, 'x', 42, null), fc.constantFrom(...PARTNER_ORGANISATION_KINDS, 'spsti', 'company'), (purpose, kind) => {
        const r = checkGrant({ purpose, recipientKind: kind }, 'salarie');
        const expected = typeof purpose === 'string' && (CONSENT_PURPOSES as readonly string[]).includes(purpose) && purposeAllowsRecipient(purpose as never, kind);
        expect(r.ok).toBe(expected);
      }),
    );
  });

  it('a withdrawal by the cell needs its source too', () => {
    expect(withdrawalSource('salarie')).toEqual({ ok: true, value: 'salarie' });
    expect(withdrawalSource('cellule')).toMatchObject({ ok: false, code: 'SOURCE_REQUISE' });
    expect(withdrawalSource('cellule', 'professionnel_ecrit')).toEqual({ ok: true, value: 'professionnel_ecrit' });
  });
});
