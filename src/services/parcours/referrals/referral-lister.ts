/**
 * Referrals of a case as the cell sees them (every organisation), with the chef de file and the
 * organisations it may refer to, each with whether the worker's consent is current.
 */
import * as consents from '../../../db/repositories/consent.repository';
import * as orgs from '../../../db/repositories/organisation.repository';
import * as referrals from '../../../db/repositories/referral.repository';
import { can, has } from '../../../domain/access';
import {
  REFERRAL_KIND_LABELS,
  REFERRAL_KINDS,
  REFERRAL_ORGANISATION_KINDS,
  REFERRAL_STAGE_LABELS,
  REFERRAL_STAGES,
  isLateStage,
} from '../../../domain/parcours/referrals';
import { kindLabel } from '../../consent/consent-format';
import type { Ctx } from '../../context';
import { dossierNotFound, loadDossier } from '../../dossier/dossier-access';
import { toReferralDto } from './referral-format';

export async function listDossierReferrals(ctx: Ctx, dossierId: string) {
  const p = ctx.principal;
  const { dossier, relation } = await loadDossier(ctx, dossierId);
  if (relation !== 'service' || !can(p, 'read', 'administrative', relation)) throw dossierNotFound();
  const [rows, partners, consented, lead] = await Promise.all([
    referrals.findReferralsOfDossier(ctx.trx, p.tenantId, dossier.id),
    consents.findOrganisationsOfKinds(ctx.trx, p.tenantId, REFERRAL_ORGANISATION_KINDS),
    consents.findConsentedOrganisationIds(ctx.trx, p.tenantId, dossier.worker_id),
    dossier.lead_organisation_id ? orgs.findOrganisation(ctx.trx, p.tenantId, dossier.lead_organisation_id) : Promise.resolve(undefined),
  ]);
  const shared = new Set(consented);
  return {
    workerId: dossier.worker_id,
    lead: lead ? { id: lead.id, name: lead.name, kind: lead.kind, kindLabel: kindLabel(lead.kind) } : null,
    canManage: has(p, 'referral.manage'),
    organisations: partners.map((o) => ({ id: o.id, name: o.name, kind: o.kind, kindLabel: kindLabel(o.kind), consent: shared.has(o.id) })),
    kinds: REFERRAL_KINDS.map((code) => ({ code, label: REFERRAL_KIND_LABELS[code] })),
    stages: REFERRAL_STAGES.map((code) => ({ code, label: REFERRAL_STAGE_LABELS[code], late: isLateStage(code) })),
    items: rows.map(toReferralDto),
  };
}
