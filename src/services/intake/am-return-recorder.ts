/**
 * Records the accompaniment the cell put in place for a worker whose arrêt came through the
 * AM flux, and queues the return message to the flux issuer (C. trav. L4622-2-1). The same
 * accompaniment recorded twice makes one message.
 */
import * as returns from '../../db/repositories/am-return.repository';
import * as dossiers from '../../db/repositories/dossier.repository';
import * as orgs from '../../db/repositories/organisation.repository';
import { ensure } from '../../domain/access';
import { civilDate } from '../../domain/calendar/dates';
import { conflict, invalid } from '../../domain/errors';
import {
  AM_RETURN_TYPE_LABELS,
  JOB_INFO_CONSENT_PURPOSE,
  JOB_INFO_RECIPIENT_KIND,
  validateAmReturn,
  type AmReturnInput,
} from '../../domain/intake/am-return';
import type { Ctx } from '../context';
import { loadDossier } from '../dossier/dossier-access';
import { amReturnMessageId, jobOf, toAmReturnDto } from './am-return-format';

export interface RecordAmReturnProps extends AmReturnInput {
  /** The flux arrêt the return refers to (its issuer is the recipient). */
  arretId: string;
  /** « Le salarié accepte la transmission d'informations sur son poste »: records the consent now. */
  recordJobConsent?: boolean;
  /** The CPAM named by a consent recorded now (default: the service's first CPAM). */
  recipientOrganisationId?: string;
}

const same = (a: string | null | undefined, b: string | null | undefined) => (a ?? null) === (b ?? null);

export async function recordAmReturn(ctx: Ctx, dossierId: string, props: RecordAmReturnProps) {
  const p = ctx.principal;
  ensure(p, 'amreturn.manage');
  const { dossier } = await loadDossier(ctx, dossierId, { forUpdate: true });
  const arrets = await returns.findFluxArretsOfDossier(ctx.trx, p.tenantId, dossier);
  if (arrets.length === 0) {
    throw invalid('DOSSIER_HORS_FLUX', "Aucun arrêt transmis par le flux de l'Assurance maladie n'est rattaché à ce dossier : il n'y a rien à lui retourner.", 'arretId');
  }
  const arret = arrets.find((a) => a.id === props.arretId);
  if (!arret) throw invalid('ARRET_NON_RATTACHE', "Cet arrêt n'est pas un arrêt du flux rattaché à ce dossier.", 'arretId');
  if (arret.cancelled_at !== null) throw invalid('ARRET_ANNULE', "Cet arrêt a été annulé par l'Assurance maladie : choisissez un autre arrêt.", 'arretId');

  let consents = await returns.findCurrentConsents(ctx.trx, p.tenantId, [dossier.worker_id], JOB_INFO_CONSENT_PURPOSE, JOB_INFO_RECIPIENT_KIND);
  if (props.recordJobConsent && consents.length === 0) {
    const recipient = await chooseRecipient(ctx, props.recipientOrganisationId);
    const c = await returns.insertConsent(ctx.trx, {
      tenant_id: p.tenantId,
      worker_id: dossier.worker_id,
      purpose: JOB_INFO_CONSENT_PURPOSE,
      recipient_organisation_id: recipient,
      granted_at: ctx.now,
      recorded_by: p.userId,
      source: 'professionnel',
    });
    await ctx.record({ action: 'consent.grant', subjectType: 'consent', subjectId: c.id, category: 'administrative', purpose: JOB_INFO_CONSENT_PURPOSE, details: { dossierId: dossier.id, recipientOrganisationId: recipient } });
    consents = await returns.findCurrentConsents(ctx.trx, p.tenantId, [dossier.worker_id], JOB_INFO_CONSENT_PURPOSE, JOB_INFO_RECIPIENT_KIND);
  }
  const jobConsent = consents.length > 0;

  const checked = validateAmReturn(props, { today: civilDate(ctx.now), jobConsent });
  if (!checked.ok) throw invalid(checked.code, checked.message, checked.field);
  const v = checked.value;

  const messageId = amReturnMessageId(p.tenantId, arret.id, v.type, v.date);
  const existing = await returns.findByNaturalKey(ctx.trx, p.tenantId, arret.id, v.type, v.date);
  if (existing) return sameOrConflict(existing, v, jobConsent);

  const seq = await returns.nextSeq(ctx.trx, p.tenantId);
  const row = await returns.insertAmReturn(ctx.trx, {
    tenant_id: p.tenantId,
    message_id: messageId,
    seq,
    dossier_id: dossier.id,
    worker_id: dossier.worker_id,
    arret_id: arret.id,
    destinataire: arret.emetteur!,
    id_arret: arret.external_id!,
    type_code: v.type,
    accompaniment_date: v.date,
    comment: v.comment,
    job_title: v.job?.jobTitle ?? null,
    job_pcs: v.job?.pcs ?? null,
    job_rome: v.job?.rome ?? null,
    working_conditions: v.job?.workingConditions ?? null,
    created_by: p.userId,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  if (!row) {
    // Recorded concurrently by someone else: same answer as a second recording.
    const again = await returns.findByNaturalKey(ctx.trx, p.tenantId, arret.id, v.type, v.date);
    return sameOrConflict(again!, v, jobConsent);
  }
  await dossiers.touchDossier(ctx.trx, p.tenantId, dossier.id, ctx.now);
  await ctx.record({
    action: 'am_return.create', subjectType: 'am_return', subjectId: row.id, category: 'administrative', details: { dossierId: dossier.id, messageId, destinataire: row.destinataire, jobInfo: v.job !== null },
    timeline: {
      dossierId: dossier.id,
      kind: 'am_return',
      category: 'administrative',
      title: "Accompagnement communiqué à l'Assurance maladie",
      body: `Accompagnement communiqué à ${row.destinataire} (arrêt ${row.id_arret}) : ${AM_RETURN_TYPE_LABELS[v.type]}, le ${v.date.split('-').reverse().join('/')}.${v.job && jobConsent ? ' Avec les informations sur le poste (accord du salarié).' : ''}`,
    },
  });
  return { created: true, message: toAmReturnDto(row, jobConsent) };
}

function sameOrConflict(existing: returns.AmReturnRow, v: { comment: string; job: { jobTitle: string | null; pcs: string | null; rome: string | null; workingConditions: string | null } | null }, jobConsent: boolean) {
  const job = jobOf(existing);
  const identical =
    existing.comment === v.comment &&
    same(job?.jobTitle, v.job?.jobTitle) &&
    same(job?.pcs, v.job?.pcs) &&
    same(job?.rome, v.job?.rome) &&
    same(job?.workingConditions, v.job?.workingConditions);
  if (!identical) {
    throw conflict('RETOUR_DEJA_ENREGISTRE', 'Cet accompagnement est déjà enregistré pour cet arrêt à cette date, avec un autre contenu : il a pu être transmis et ne peut plus être modifié.', { messageId: existing.message_id });
  }
  return { created: false, message: toAmReturnDto(existing, jobConsent) };
}

async function chooseRecipient(ctx: Ctx, organisationId: string | undefined): Promise<string> {
  const p = ctx.principal;
  if (organisationId) {
    const org = await orgs.findOrganisation(ctx.trx, p.tenantId, organisationId);
    if (!org || org.kind !== JOB_INFO_RECIPIENT_KIND) throw invalid('DESTINATAIRE_INVALIDE', "L'accord doit désigner une caisse primaire d'assurance maladie (CPAM) du service.", 'recipientOrganisationId');
    return org.id;
  }
  const cpams = await orgs.findOrganisationsByKind(ctx.trx, p.tenantId, JOB_INFO_RECIPIENT_KIND);
  if (cpams.length === 0) throw invalid('CPAM_ABSENTE', "Aucune CPAM n'est enregistrée dans le service : l'accord du salarié ne peut pas être recueilli.", 'recipientOrganisationId');
  return cpams[0].id;
}
