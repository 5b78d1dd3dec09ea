/**
 * Rules of the consent registry (domain §10): who may record a consent, for which purpose and
 * recipient. A worker gives or withdraws his own consents in his space; a cell member holding
 * consent.manage records a consent given on paper or orally. One current consent per
 * (worker, purpose, organisation); a withdrawal is effective at once and never undone (a new
 * grant is a new row, so the history stays whole).
 */
import type { Checked } from '../errors';
import { CONSENT_PURPOSE_DEFINITIONS, isConsentPurpose, purposeAllowsRecipient, type ConsentPurpose, type ConsentSource } from './purposes';

export type ConsentActor = 'salarie' | 'cellule';

/** How the cell obtained the consent it records. */
export const CELL_CONSENT_SOURCES: readonly ConsentSource[] = ['professionnel_ecrit', 'professionnel_oral'];

export interface GrantInput {
  purpose: unknown;
  recipientKind: string;
  /** Only for the cell: written or oral. */
  source?: unknown;
}

export function checkGrant(input: GrantInput, actor: ConsentActor): Checked<{ purpose: ConsentPurpose; source: ConsentSource }> {
  if (!isConsentPurpose(input.purpose)) {
    return { ok: false, code: 'FINALITE_INCONNUE', message: 'Choisissez la finalité du consentement.', field: 'purpose' };
  }
  if (!purposeAllowsRecipient(input.purpose, input.recipientKind)) {
    return {
      ok: false,
      code: 'DESTINATAIRE_NON_AUTORISE',
      message: `Cet organisme ne peut pas recevoir un consentement « ${CONSENT_PURPOSE_DEFINITIONS[input.purpose].label} ».`,
      field: 'organisationId',
    };
  }
  if (actor === 'salarie') return { ok: true, value: { purpose: input.purpose, source: 'salarie' } };
  if (typeof input.source !== 'string' || !(CELL_CONSENT_SOURCES as readonly string[]).includes(input.source)) {
    return { ok: false, code: 'SOURCE_REQUISE', message: 'Indiquez comment le consentement a été recueilli (écrit ou oral).', field: 'source' };
  }
  return { ok: true, value: { purpose: input.purpose, source: input.source as ConsentSource } };
}

/** The source of a withdrawal: the worker himself, or the cell recording what he said or wrote. */
export function withdrawalSource(actor: ConsentActor, source?: unknown): Checked<ConsentSource> {
  if (actor === 'salarie') return { ok: true, value: 'salarie' };
  if (typeof source !== 'string' || !(CELL_CONSENT_SOURCES as readonly string[]).includes(source)) {
    return { ok: false, code: 'SOURCE_REQUISE', message: 'Indiquez comment le salarié a retiré son consentement (écrit ou oral).', field: 'source' };
  }
  return { ok: true, value: source as ConsentSource };
}
