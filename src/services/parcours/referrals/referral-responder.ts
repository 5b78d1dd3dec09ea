/**
 * The partner answers a referral addressed to its organisation (accept or refuse, with a note)
 * and later gives its feedback; the cell closes or cancels it. Accepting a transfer makes the
 * partner chef de file (dossier.lead_organisation_id), recorded in the timeline (kind 'lead').
 * Every partner action checks the worker's consent at that moment.
 */
import * as orgs from '../../../db/repositories/organisation.repository';
import * as referrals from '../../../db/repositories/referral.repository';
import { ensure } from '../../../domain/access';
import { conflict, invalid, notFound } from '../../../domain/errors';
import {
  checkReferralText,
  isReferralStatus,
  REFERRAL_STATUS_LABELS,
  referralTransitionAllowed,
  type ReferralActor,
  type ReferralStatus,
} from '../../../domain/parcours/referrals';
import type { Ctx } from '../../context';
import { dossierNotFound, loadDossier } from '../../dossier/dossier-access';
import { loadPartnerDossier } from '../partner/partner-access';
import { toReferralDto } from './referral-format';
import { sharedEntry, touchDossiersOf } from './referral-timeline';

export const referralNotFound = () => notFound('ADRESSAGE_INTROUVABLE', "Cet adressage n'existe pas ou ne concerne pas votre organisme.");

/** Loads the referral for the actor: a partner only its organisation's, with a current consent; the cell any of its cases. */
async function loadForActor(ctx: Ctx, referralId: string, actor: ReferralActor) {
  const p = ctx.principal;
  const r = await referrals.lockReferral(ctx.trx, p.tenantId, referralId);
  if (!r) throw referralNotFound();
  if (actor === 'partenaire') {
    if (r.organisation_id !== p.organisationId) throw referralNotFound();
    const dossier = await loadPartnerDossier(ctx, r.dossier_id, { lock: true });
    return { r, dossier };
  }
  ensure(p, 'referral.manage', 'Votre rôle ne permet pas de gérer les adressages.');
  const { dossier, relation } = await loadDossier(ctx, r.dossier_id, { forUpdate: true });
  if (relation !== 'service') throw dossierNotFound();
  return { r, dossier };
}

function ensureTransition(from: string, to: ReferralStatus, actor: ReferralActor) {
  if (!isReferralStatus(from) || !referralTransitionAllowed(from, to, actor)) {
    const fromLabel = isReferralStatus(from) ? REFERRAL_STATUS_LABELS[from] : from;
    throw conflict('STATUT_ADRESSAGE_INCOMPATIBLE', `Cet adressage est « ${fromLabel} » : il ne peut pas passer à « ${REFERRAL_STATUS_LABELS[to]} ».`);
  }
}

async function dto(ctx: Ctx, id: string) {
  return toReferralDto((await referrals.findReferral(ctx.trx, ctx.principal.tenantId, id))!);
}

/** The partner accepts or refuses. */
export async function respondToReferral(ctx: Ctx, referralId: string, props: { decision: string; note?: string | null }) {
  const p = ctx.principal;
  if (props.decision !== 'accepte' && props.decision !== 'refuse') throw invalid('DECISION_INCONNUE', 'Indiquez si votre organisme accepte ou refuse cet adressage.', 'decision');
  const note = checkReferralText(props.note, 'note', { required: props.decision === 'refuse', what: 'le motif du refus' });
  if (!note.ok) throw invalid(note.code, note.message, note.field);
  const { r, dossier } = await loadForActor(ctx, referralId, 'partenaire');
  ensureTransition(r.status, props.decision, 'partenaire');
  await referrals.updateReferral(ctx.trx, p.tenantId, r.id, {
    status: props.decision,
    response_note: note.value,
    responded_by: p.userId,
    responded_by_name: p.label,
    responded_at: ctx.now,
    updated_at: ctx.now,
  });
  const org = await orgs.findOrganisation(ctx.trx, p.tenantId, r.organisation_id);
  const orgName = org?.name ?? '';
  const accepted = props.decision === 'accepte';
  const what = r.kind === 'transfert' ? 'Transfert du rôle de chef de file' : 'Adressage';
  const answered = sharedEntry(dossier.id, 'referral', `${what} ${accepted ? 'accepté' : 'refusé'} par ${orgName}`, note.value ?? (accepted ? 'Le partenaire prend en charge la demande.' : ''));
  if (accepted && r.kind === 'transfert') {
    await referrals.setDossierLead(ctx.trx, p.tenantId, dossier.id, r.organisation_id, ctx.now);
    await ctx.record({
      action: 'dossier.lead.change',
      subjectType: 'dossier',
      subjectId: dossier.id,
      category: 'administrative',
      details: { from: dossier.lead_organisation_id, to: r.organisation_id, referralId: r.id },
      timeline: sharedEntry(dossier.id, 'lead', `Chef de file : ${orgName}`, `${orgName} devient chef de file du parcours (transfert accepté). La cellule reste informée par la messagerie sécurisée.`),
    });
  }
  await ctx.record({ action: `referral.${props.decision}`, subjectType: 'referral', subjectId: r.id, category: 'administrative', details: { dossierId: dossier.id }, timeline: answered });
  await touchDossiersOf(ctx, [answered]);
  return dto(ctx, r.id);
}

/** The partner reports what came of an accepted referral (may be updated). */
export async function giveReferralFeedback(ctx: Ctx, referralId: string, props: { feedback: string }) {
  const p = ctx.principal;
  const fb = checkReferralText(props.feedback, 'feedback', { required: true, what: 'votre retour à la cellule' });
  if (!fb.ok) throw invalid(fb.code, fb.message, fb.field);
  const { r, dossier } = await loadForActor(ctx, referralId, 'partenaire');
  if (r.status !== 'accepte' && r.status !== 'clos') {
    throw conflict('STATUT_ADRESSAGE_INCOMPATIBLE', "Un retour n'est possible que sur un adressage accepté.");
  }
  await referrals.updateReferral(ctx.trx, p.tenantId, r.id, { feedback: fb.value, feedback_by_name: p.label, feedback_at: ctx.now, updated_at: ctx.now });
  const entry = sharedEntry(dossier.id, 'referral', `Retour du partenaire sur l'adressage`, fb.value!);
  await ctx.record({ action: 'referral.feedback', subjectType: 'referral', subjectId: r.id, category: 'administrative', details: { dossierId: dossier.id }, timeline: entry });
  await touchDossiersOf(ctx, [entry]);
  return dto(ctx, r.id);
}

/** The cell closes an accepted referral or cancels one still waiting. */
export async function changeReferralStatus(ctx: Ctx, referralId: string, props: { status: string }) {
  const p = ctx.principal;
  if (props.status !== 'clos' && props.status !== 'annule') throw invalid('STATUT_INCONNU', "Choisissez « clos » ou « annulé ».", 'status');
  const { r, dossier } = await loadForActor(ctx, referralId, 'cellule');
  ensureTransition(r.status, props.status, 'cellule');
  await referrals.updateReferral(ctx.trx, p.tenantId, r.id, { status: props.status, updated_at: ctx.now });
  const entry = sharedEntry(dossier.id, 'referral', `Adressage ${props.status === 'clos' ? 'clos' : 'annulé'}`, REFERRAL_STATUS_LABELS[props.status]);
  await ctx.record({ action: `referral.${props.status}`, subjectType: 'referral', subjectId: r.id, category: 'administrative', details: { dossierId: dossier.id }, timeline: entry });
  await touchDossiersOf(ctx, [entry]);
  return dto(ctx, r.id);
}
