/**
 * The cell refers a case to a partner (referral.manage): an adressage (the cell stays chef de
 * file) or a proposed transfer of the lead. The worker's current consent to share his dossier
 * with that organisation is checked at this moment and held (FOR SHARE) until commit, so a
 * concurrent withdrawal cannot slip in between the check and the referral.
 */
import * as orgs from '../../../db/repositories/organisation.repository';
import * as referrals from '../../../db/repositories/referral.repository';
import { ensure } from '../../../domain/access';
import { PARTNER_SHARING_PURPOSE } from '../../../domain/consent/purposes';
import { conflict, invalid } from '../../../domain/errors';
import { checkNewReferral, REFERRAL_KIND_LABELS, REFERRAL_ORGANISATION_KINDS, REFERRAL_STAGE_LABELS } from '../../../domain/parcours/referrals';
import { hasCurrentConsent } from '../../consent/consent-check';
import type { Ctx } from '../../context';
import { dossierNotFound, loadDossier } from '../../dossier/dossier-access';
import { toReferralDto } from './referral-format';
import { sharedEntry, touchDossiersOf } from './referral-timeline';

export interface CreateReferralProps {
  organisationId: string;
  kind: string;
  stage: string;
  reason: string;
}

export const consentRequired = (orgName: string) =>
  invalid(
    'CONSENTEMENT_REQUIS',
    `Le salarié n'a pas de consentement en cours au partage de son dossier avec « ${orgName} » : recueillez-le avant d'adresser.`,
    'organisationId',
  );

export async function createReferral(ctx: Ctx, dossierId: string, props: CreateReferralProps) {
  const p = ctx.principal;
  ensure(p, 'referral.manage', "Votre rôle ne permet pas d'adresser un salarié à un partenaire.");
  const { dossier, relation } = await loadDossier(ctx, dossierId, { forUpdate: true });
  if (relation !== 'service') throw dossierNotFound();
  const checked = checkNewReferral(props);
  if (!checked.ok) throw invalid(checked.code, checked.message, checked.field);
  const v = checked.value;
  const org = await orgs.findOrganisation(ctx.trx, p.tenantId, props.organisationId);
  if (!org || !(REFERRAL_ORGANISATION_KINDS as readonly string[]).includes(org.kind)) {
    throw invalid('ORGANISME_NON_PARTENAIRE', 'Choisissez un organisme partenaire (Cap emploi, Agefiph, service social Carsat, France Travail, Transitions Pro, Assurance maladie).', 'organisationId');
  }
  if (v.kind === 'transfert' && dossier.lead_organisation_id === org.id) {
    throw conflict('DEJA_CHEF_DE_FILE', `« ${org.name} » est déjà chef de file de ce dossier.`);
  }
  if (await referrals.findPendingReferral(ctx.trx, p.tenantId, dossier.id, org.id, v.kind)) {
    throw conflict('ADRESSAGE_EN_ATTENTE', `Un ${v.kind === 'transfert' ? 'transfert' : 'adressage'} à « ${org.name} » attend déjà sa réponse.`);
  }
  if (!(await hasCurrentConsent(ctx.trx, p.tenantId, dossier.worker_id, org.id, PARTNER_SHARING_PURPOSE, { lock: true }))) throw consentRequired(org.name);

  const { id } = await referrals.insertReferral(ctx.trx, {
    tenant_id: p.tenantId,
    dossier_id: dossier.id,
    worker_id: dossier.worker_id,
    organisation_id: org.id,
    kind: v.kind,
    stage: v.stage,
    late: v.late,
    reason: v.reason,
    previous_lead_organisation_id: dossier.lead_organisation_id,
    created_by: p.userId,
    created_by_name: p.label,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  const what = v.kind === 'transfert' ? 'Proposition de transfert du rôle de chef de file' : 'Adressage';
  const entry = sharedEntry(
    dossier.id,
    'referral',
    `${what} : ${org.name}`,
    `${REFERRAL_KIND_LABELS[v.kind]}. Stade : ${REFERRAL_STAGE_LABELS[v.stage]}${v.late ? ' (adressage tardif)' : ''}. Motif : ${v.reason}`,
  );
  await ctx.record({
    action: 'referral.create',
    subjectType: 'referral',
    subjectId: id,
    category: 'administrative',
    purpose: PARTNER_SHARING_PURPOSE,
    details: { dossierId: dossier.id, organisationId: org.id, kind: v.kind, stage: v.stage, late: v.late },
    timeline: entry,
  });
  await touchDossiersOf(ctx, [entry]);
  const row = await referrals.findReferral(ctx.trx, p.tenantId, id);
  return toReferralDto(row!);
}
