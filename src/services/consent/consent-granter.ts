/**
 * Records a consent: given by the worker in his space, or recorded by the cell (consent.manage)
 * from a written or oral agreement. One current consent per (worker, purpose, organisation):
 * granting again what is already current answers the existing consent.
 */
import * as consents from '../../db/repositories/consent.repository';
import * as orgs from '../../db/repositories/organisation.repository';
import { CONSENT_PURPOSE_DEFINITIONS } from '../../domain/consent/purposes';
import { checkGrant } from '../../domain/consent/rules';
import { invalid } from '../../domain/errors';
import type { Ctx } from '../context';
import { toConsentDto } from './consent-format';
import { consentSubject } from './consent-subject';
import { touchDossiersOf } from '../parcours/referrals/referral-timeline';
import { consentEntries } from './consent-timeline';

export interface GrantConsentProps {
  purpose: string;
  organisationId: string;
  /** Cell only: 'professionnel_ecrit' | 'professionnel_oral'. */
  source?: string;
}

export async function grantConsent(ctx: Ctx, workerId: string | null, props: GrantConsentProps) {
  const p = ctx.principal;
  const subject = await consentSubject(ctx, workerId, { write: true });
  const org = await orgs.findOrganisation(ctx.trx, p.tenantId, props.organisationId);
  if (!org) throw invalid('ORGANISME_INCONNU', "Cet organisme n'existe pas dans le service.", 'organisationId');
  const checked = checkGrant({ purpose: props.purpose, recipientKind: org.kind, source: props.source }, subject.actor);
  if (!checked.ok) throw invalid(checked.code, checked.message, checked.field);
  const { purpose, source } = checked.value;

  await consents.lockWorkerConsents(ctx.trx, p.tenantId, subject.workerId);
  const existing = await consents.findCurrentConsentForUpdate(ctx.trx, p.tenantId, subject.workerId, org.id, purpose);
  const row =
    existing ??
    (await consents.insertConsentRow(ctx.trx, {
      tenant_id: p.tenantId,
      worker_id: subject.workerId,
      purpose,
      recipient_organisation_id: org.id,
      granted_at: ctx.now,
      recorded_by: p.userId,
      source,
    }));
  if (!existing) {
    const label = CONSENT_PURPOSE_DEFINITIONS[purpose].label;
    const entries = await consentEntries(ctx, subject.workerId, 'Consentement donné', `${label} : ${org.name}.`);
    await ctx.record({
      action: 'consent.grant',
      subjectType: 'consent',
      subjectId: row.id,
      category: 'administrative',
      purpose,
      details: { workerId: subject.workerId, recipientOrganisationId: org.id, source },
      timeline: entries,
    });
    await touchDossiersOf(ctx, entries);
  }
  const recordedByName = subject.actor === 'salarie' ? null : p.label;
  return {
    created: !existing,
    consent: toConsentDto({ ...row, organisation_name: org.name, organisation_kind: org.kind, recorded_by_name: recordedByName }),
  };
}
