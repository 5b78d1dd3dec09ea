/**
 * A saisine of the cell, with its reason, by the worker himself (« Solliciter la cellule »), his
 * employer, a partner agent or the team. Each author reaches only the workers he has a relation
 * with: the worker himself; the employer's current workers; for a partner, workers who consented
 * to his organisation (or, for the service médical, a followed worker identified by NIR with his
 * agreement); any worker of the service for the team.
 */
import * as repo from '../../db/repositories/intake-signals.repository';
import { ensure } from '../../domain/access';
import { civilDate } from '../../domain/calendar/dates';
import { forbidden, invalid, notFound } from '../../domain/errors';
import { checkFicheConsent, checkReason, saisineAuthorKind, SAISINE_STATUS_LABELS } from '../../domain/intake/declarations';
import type { Ctx } from '../context';
import { recordSignal } from './signal-recorder';
import { identifyByNir } from './vpr-filer';

export interface CreateSaisineProps {
  workerId?: string | null;
  reason: string;
  /** Service médical only: a worker identified by NIR, name and birth date, with his agreement. */
  nir?: string | null;
  birthName?: string | null;
  firstNames?: string | null;
  birthDate?: string | null;
  consentGiven?: boolean;
  consentDate?: string | null;
}

const workerNotFound = () => notFound('SALARIE_INTROUVABLE', "Ce salarié n'existe pas ou vous ne pouvez pas saisir la cellule pour lui.");

export async function createSaisine(ctx: Ctx, props: CreateSaisineProps) {
  const p = ctx.principal;
  ensure(p, 'saisine.create');
  const kind = saisineAuthorKind(p.role);
  if (!kind) throw forbidden();
  const reason = checkReason(props.reason);
  if (!reason.ok) throw invalid(reason.code, reason.message, reason.field);
  const today = civilDate(ctx.now);

  let workerId: string;
  let consentGiven = false;
  let consentDate: string | null = null;
  switch (kind) {
    case 'salarie':
      if (!p.workerId) throw forbidden();
      workerId = p.workerId;
      // The worker asks for himself: his request is his agreement.
      consentGiven = true;
      consentDate = today;
      break;
    case 'employeur':
      if (!p.companyId) throw forbidden();
      if (!props.workerId) throw invalid('SALARIE_REQUIS', 'Choisissez le salarié concerné.', 'workerId');
      if (!(await repo.isCurrentEmployee(ctx.trx, p.tenantId, props.workerId, p.companyId, today))) throw workerNotFound();
      workerId = props.workerId;
      break;
    case 'partenaire':
      if (props.workerId) {
        const c = await repo.hasCurrentConsent(ctx.trx, p.tenantId, props.workerId, p.organisationId);
        if (!c) throw workerNotFound();
        workerId = props.workerId;
        consentGiven = true;
        consentDate = civilDate(c.granted_at);
      } else if (p.organisationKind === 'service_medical' && props.nir) {
        const consent = checkFicheConsent(props.consentGiven, props.consentDate, today);
        if (!consent.ok) throw invalid(consent.code, "L'accord du salarié est nécessaire pour saisir la cellule à son sujet.", consent.field);
        workerId = (await identifyByNir(ctx, props)).id;
        consentGiven = true;
        consentDate = consent.value;
      } else {
        throw invalid('SALARIE_REQUIS', 'Choisissez le salarié concerné (parmi ceux qui ont donné leur accord à votre organisme).', 'workerId');
      }
      break;
    case 'equipe': {
      if (!props.workerId) throw invalid('SALARIE_REQUIS', 'Choisissez le salarié concerné.', 'workerId');
      const w = await repo.findWorkerIdentity(ctx.trx, p.tenantId, props.workerId);
      if (!w) throw workerNotFound();
      workerId = w.id;
      break;
    }
  }

  const row = await repo.insertSaisine(ctx.trx, {
    tenant_id: p.tenantId,
    worker_id: workerId,
    author_kind: kind,
    author_user_id: p.userId,
    author_organisation_id: p.organisationId,
    author_name: p.label,
    reason: reason.value,
    created_at: ctx.now,
  });
  const s = await recordSignal(ctx, {
    workerId,
    source: kind,
    kind: 'saisine',
    reason: reason.value,
    consentGiven,
    consentDate,
    originTable: 'saisine',
    originId: row.id,
  });
  await repo.linkSaisine(ctx.trx, p.tenantId, row.id, { signal_id: s.signalId, dossier_id: s.dossierId });
  await ctx.record({ action: 'saisine.create', subjectType: 'saisine', subjectId: row.id, category: 'administrative', details: { authorKind: kind, signalId: s.signalId } });
  return {
    id: row.id,
    status: 'recue',
    statusLabel: SAISINE_STATUS_LABELS.recue,
    // Only the team learns which dossier the saisine went to.
    // (none while the worker is in triage « À qualifier »).
    dossier: kind === 'equipe' && s.dossierId ? { id: s.dossierId, reference: s.dossierReference! } : null,
  };
}
