/**
 * A médecin conseil (partner agent of the service médical) files a fiche de liaison orienting a
 * worker to a visite de pré-reprise (seed 004, Hainaut practice). The worker must be one the
 * service follows (matched by NIR, name and birth date — never created: the SPSTI must be able
 * to reach him), and must have agreed: without consent nothing is stored.
 */
import * as repo from '../../db/repositories/intake-signals.repository';
import { ensure } from '../../domain/access';
import { civilDate } from '../../domain/calendar/dates';
import { conflict, forbidden, invalid } from '../../domain/errors';
import { checkFicheConsent, checkIdentity, checkReason, identityMatches, VPR_STATUS_LABELS } from '../../domain/intake/declarations';
import type { Ctx } from '../context';
import { recordSignal } from './signal-recorder';

export interface FileVprProps {
  nir: string;
  birthName: string;
  firstNames: string;
  birthDate: string;
  /** « Motif de l'orientation »: administrative, no diagnosis. */
  reason: string;
  /** How the cell answers the médecin conseil (name, e-mail, phone). */
  contact: string;
  consentGiven: boolean;
  consentDate: string;
}

export const unidentifiedWorker = () =>
  invalid('SALARIE_NON_IDENTIFIE', "Aucun salarié suivi par le service ne correspond à ce NIR, ce nom et cette date de naissance : vérifiez l'identité saisie.", 'nir');

/** Throws unless the principal is an agent of the Assurance maladie's service médical. */
export function ensureServiceMedical(ctx: Ctx) {
  ensure(ctx.principal, 'vpr.file');
  if (ctx.principal.organisationKind !== 'service_medical') {
    throw forbidden("Seul le service médical de l'Assurance maladie peut transmettre une fiche de liaison.");
  }
}

/** The followed worker with this NIR, if the name and birth date match too. */
export async function identifyByNir(ctx: Ctx, props: { nir?: string | null; birthName?: string | null; firstNames?: string | null; birthDate?: string | null }) {
  const today = civilDate(ctx.now);
  if (!props.nir?.trim()) throw invalid('CHAMP_MANQUANT', 'Indiquez le NIR du salarié.', 'nir');
  const id = checkIdentity(props, today);
  if (!id.ok) throw invalid(id.code, id.message, id.field);
  const w = await repo.findWorkerIdentityByNir(ctx.trx, ctx.principal.tenantId, id.value.nir!);
  if (!w || !identityMatches(w, id.value)) throw unidentifiedWorker();
  return w;
}

export async function fileVprOrientation(ctx: Ctx, props: FileVprProps) {
  ensureServiceMedical(ctx);
  const p = ctx.principal;
  const today = civilDate(ctx.now);
  // Consent first: a fiche without it leaves no trace.
  const consent = checkFicheConsent(props.consentGiven, props.consentDate, today);
  if (!consent.ok) throw invalid(consent.code, consent.message, consent.field);
  const reason = checkReason(props.reason);
  if (!reason.ok) throw invalid(reason.code, "Indiquez le motif de l'orientation (sans détail médical).", reason.field);
  const contact = (props.contact ?? '').trim();
  if (contact.length < 3) throw invalid('CONTACT_REQUIS', 'Indiquez comment la cellule peut vous répondre (nom, courriel ou téléphone).', 'contact');
  const w = await identifyByNir(ctx, props);

  const row = await repo.insertVpr(ctx.trx, {
    tenant_id: p.tenantId,
    worker_id: w.id,
    organisation_id: p.organisationId,
    filed_by: p.userId,
    filed_by_name: p.label,
    contact,
    reason: reason.value,
    consent_date: consent.value,
    filed_at: ctx.now,
  });
  if (!row) throw conflict('FICHE_DEJA_EN_ATTENTE', 'Une fiche de liaison pour ce salarié attend déjà la réponse de la cellule.');
  const s = await recordSignal(ctx, {
    workerId: w.id,
    source: 'medecin_conseil',
    kind: 'vpr_orientation',
    reason: `Orientation en visite de pré-reprise par le médecin conseil : ${reason.value}`,
    consentGiven: true,
    consentDate: consent.value,
    originTable: 'vpr_orientation',
    originId: row.id,
  });
  await repo.linkVpr(ctx.trx, p.tenantId, row.id, { signal_id: s.signalId, dossier_id: s.dossierId });
  await ctx.record({ action: 'vpr.file', subjectType: 'vpr_orientation', subjectId: row.id, category: 'administrative', details: { signalId: s.signalId } });
  return { id: row.id, status: 'en_attente', statusLabel: VPR_STATUS_LABELS.en_attente, filedAt: ctx.now };
}
