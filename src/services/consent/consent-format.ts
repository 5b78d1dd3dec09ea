/** How consents and their possible recipients are shown (worker space and cell pages alike). */
import { ORGANISATION_KIND_LABELS, type OrganisationKind } from '../../domain/access';
import {
  CONSENT_PURPOSE_DEFINITIONS,
  CONSENT_PURPOSES,
  CONSENT_SOURCE_LABELS,
  isConsentPurpose,
  PARTNER_ORGANISATION_KINDS,
  type ConsentSource,
} from '../../domain/consent/purposes';

export const kindLabel = (kind: string) => ORGANISATION_KIND_LABELS[kind as OrganisationKind] ?? kind;
const sourceLabel = (s: string | null) => (s ? (CONSENT_SOURCE_LABELS[s as ConsentSource] ?? s) : null);

export interface ConsentRow {
  id: string;
  purpose: string;
  recipient_organisation_id: string;
  organisation_name: string;
  organisation_kind: string;
  granted_at: Date;
  withdrawn_at: Date | null;
  source: string;
  recorded_by_name: string | null;
  withdrawal_source?: string | null;
}

export function toConsentDto(c: ConsentRow) {
  return {
    id: c.id,
    purpose: c.purpose,
    purposeLabel: isConsentPurpose(c.purpose) ? CONSENT_PURPOSE_DEFINITIONS[c.purpose].label : c.purpose,
    organisation: { id: c.recipient_organisation_id, name: c.organisation_name, kind: c.organisation_kind, kindLabel: kindLabel(c.organisation_kind) },
    grantedAt: c.granted_at,
    withdrawnAt: c.withdrawn_at,
    current: c.withdrawn_at === null,
    source: c.source,
    sourceLabel: sourceLabel(c.source) ?? c.source,
    recordedByName: c.source === 'salarie' ? null : c.recorded_by_name,
    withdrawalSourceLabel: sourceLabel(c.withdrawal_source ?? null),
  };
}

/** The purposes a consent may have, with the kinds of organisation each may name. */
export function purposeOptions() {
  return CONSENT_PURPOSES.map((code) => ({
    code,
    label: CONSENT_PURPOSE_DEFINITIONS[code].label,
    description: CONSENT_PURPOSE_DEFINITIONS[code].description,
    recipientKinds: [...CONSENT_PURPOSE_DEFINITIONS[code].recipientKinds],
  }));
}

export const RECIPIENT_KINDS = PARTNER_ORGANISATION_KINDS;
