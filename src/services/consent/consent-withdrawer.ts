/**
 * Withdraws a consent, effective at once: the next partner read or transmission that checks it
 * (hasCurrentConsent) is refused. The worker withdraws his own; the cell (consent.manage) records
 * a withdrawal the worker expressed on paper or orally.
 */
import * as consents from '../../db/repositories/consent.repository';
import * as orgs from '../../db/repositories/organisation.repository';
import { CONSENT_PURPOSE_DEFINITIONS, isConsentPurpose } from '../../domain/consent/purposes';
import { withdrawalSource } from '../../domain/consent/rules';
import { conflict, invalid, notFound } from '../../domain/errors';
import type { Ctx } from '../context';
import { toConsentDto } from './consent-format';
import { consentSubject } from './consent-subject';
import { touchDossiersOf } from '../parcours/referrals/referral-timeline';
import { consentEntries } from './consent-timeline';

export const consentNotFound = () => notFound('CONSENTEMENT_INTROUVABLE', "Ce consentement n'existe pas ou vous n'y avez pas accès.");

export async function withdrawConsent(ctx: Ctx, workerId: string | null, consentId: string, props: { source?: string } = {}) {
  const p = ctx.principal;
  const subject = await consentSubject(ctx, workerId, { write: true });
  const src = withdrawalSource(subject.actor, props.source);
  if (!src.ok) throw invalid(src.code, src.message, src.field);
  await consents.lockWorkerConsents(ctx.trx, p.tenantId, subject.workerId);
  const c = await consents.findConsentForUpdate(ctx.trx, p.tenantId, consentId);
  if (!c || c.worker_id !== subject.workerId) throw consentNotFound();
  if (c.withdrawn_at !== null) throw conflict('CONSENTEMENT_DEJA_RETIRE', 'Ce consentement a déjà été retiré.');
  const row = await consents.withdrawConsentRow(ctx.trx, p.tenantId, c.id, ctx.now, p.userId, src.value);
  if (!row) throw conflict('CONSENTEMENT_DEJA_RETIRE', 'Ce consentement a déjà été retiré.');
  const org = await orgs.findOrganisation(ctx.trx, p.tenantId, c.recipient_organisation_id);
  const label = isConsentPurpose(c.purpose) ? CONSENT_PURPOSE_DEFINITIONS[c.purpose].label : c.purpose;
  const entries = await consentEntries(ctx, subject.workerId, 'Consentement retiré', `${label} : ${org?.name ?? ''}. Le partage cesse immédiatement.`);
  await ctx.record({
    action: 'consent.withdraw',
    subjectType: 'consent',
    subjectId: c.id,
    category: 'administrative',
    purpose: c.purpose,
    details: { workerId: subject.workerId, recipientOrganisationId: c.recipient_organisation_id, source: src.value },
    timeline: entries,
  });
  await touchDossiersOf(ctx, entries);
  return toConsentDto({ ...row, organisation_name: org?.name ?? '', organisation_kind: org?.kind ?? '', recorded_by_name: null });
}
