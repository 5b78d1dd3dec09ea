/**
 * Per-case minutes and decisions of a meeting. A decision given an owner and a due date becomes a
 * task of the case (task table, kind `decision_instance`), in the owner's « Mes tâches ».
 */
import * as dossiers from '../../../db/repositories/dossier.repository';
import * as meetings from '../../../db/repositories/meeting.repository';
import * as users from '../../../db/repositories/user.repository';
import { can, CASE_STAFF_ROLES, ensure, mayCopyInto, TASK_TITLE_AUDIENCE } from '../../../domain/access';
import { civilDate } from '../../../domain/calendar/dates';
import { forbidden, invalid, notFound } from '../../../domain/errors';
import { frenchDate } from '../../../domain/intake/declarations';
import { checkDecision, checkMinutes, DECISION_TASK_KIND, MEETING_KIND_LABELS, meetingTextAudience, minutesCategory, type DecisionInput } from '../../../domain/parcours/meetings';
import type { Ctx } from '../../context';
import { entriesWithCopiedText } from '../../copied-text';
import { loadMeeting } from './meeting-access';

const caseNotOnAgenda = () => notFound('DOSSIER_HORS_ORDRE_DU_JOUR', "Ce dossier n'est pas à l'ordre du jour de cette instance.");

async function loadCase(ctx: Ctx, meetingId: string, dossierId: string) {
  ensure(ctx.principal, 'meeting.manage', 'Votre rôle ne permet pas de rédiger le compte rendu.');
  const { meeting, mode } = await loadMeeting(ctx, meetingId, { forUpdate: true });
  if (mode !== 'cell') throw forbidden();
  const c = await meetings.findCase(ctx.trx, ctx.principal.tenantId, meeting.id, dossierId);
  if (!c) throw caseNotOnAgenda();
  return { meeting, c };
}

export async function recordMinutes(ctx: Ctx, meetingId: string, dossierId: string, text: string | null) {
  const p = ctx.principal;
  const { meeting } = await loadCase(ctx, meetingId, dossierId);
  const category = minutesCategory(meeting.kind);
  if (!can(p, 'write', category, 'service')) throw forbidden('Votre rôle ne permet pas de rédiger ce compte rendu.');
  const m = checkMinutes(text);
  if (!m.ok) throw invalid(m.code, m.message, m.field);
  await meetings.updateMinutes(ctx.trx, p.tenantId, meeting.id, dossierId, m.value, p.userId, ctx.now);
  await ctx.record({
    action: 'meeting.minutes', subjectType: 'meeting', subjectId: meeting.id, category, details: { dossierId },
    timeline: m.value ? {
      dossierId,
      kind: 'meeting',
      category,
      title: `Compte rendu — ${meeting.title} du ${frenchDate(civilDate(meeting.scheduled_at))}`,
      body: m.value,
    } : undefined,
  });
  return { dossierId, minutes: m.value };
}

export async function addDecision(ctx: Ctx, meetingId: string, dossierId: string, props: DecisionInput) {
  const p = ctx.principal;
  const { meeting } = await loadCase(ctx, meetingId, dossierId);
  const d = checkDecision(props, civilDate(ctx.now));
  if (!d.ok) throw invalid(d.code, d.message, d.field);
  let ownerName: string | null = null;
  if (d.value.ownerUserId) {
    const staff = await users.listStaff(ctx.trx, p.tenantId, CASE_STAFF_ROLES);
    const owner = staff.find((s) => s.id === d.value.ownerUserId);
    if (!owner) throw invalid('RESPONSABLE_INCONNU', "Le responsable choisi n'est pas un professionnel du service.", 'ownerUserId');
    ownerName = owner.display_name;
  }
  // The agenda's foreign key keeps the dossier (loadCase found it on the agenda).
  const dossier = await dossiers.findDossier(ctx.trx, p.tenantId, dossierId);
  if (!dossier) throw caseNotOnAgenda();
  const { id } = await meetings.insertDecision(ctx.trx, {
    tenant_id: p.tenantId,
    meeting_id: meeting.id,
    dossier_id: dossierId,
    text: d.value.text,
    owner_user_id: d.value.ownerUserId,
    due_date: d.value.dueDate,
    created_by: p.userId,
    created_at: ctx.now,
  });
  const source = meetingTextAudience(meeting.kind);
  const neutralName = `${MEETING_KIND_LABELS[meeting.kind]} du ${frenchDate(civilDate(meeting.scheduled_at))}`;
  const entrusted = ownerName && d.value.dueDate ? ` (confiée à ${ownerName}, échéance le ${frenchDate(d.value.dueDate)})` : '';
  let taskId: string | null = null;
  if (d.value.ownerUserId) {
    taskId = (
      await meetings.insertTask(ctx.trx, {
        tenant_id: p.tenantId,
        worker_id: dossier.worker_id,
        dossier_id: dossierId,
        kind: DECISION_TASK_KIND,
        title: mayCopyInto(source, TASK_TITLE_AUDIENCE) ? (d.value.text.length > 200 ? `${d.value.text.slice(0, 197)}…` : d.value.text) : `Mettre en œuvre la décision du ${neutralName.charAt(0).toLowerCase()}${neutralName.slice(1)}`,
        due_date: d.value.dueDate,
        owner_user_id: d.value.ownerUserId,
        subject_ref: `decision:${id}`,
        created_at: ctx.now,
      })
    ).id;
    await meetings.setDecisionTask(ctx.trx, p.tenantId, id, taskId);
  }
  await ctx.record({
    action: 'meeting.decision', subjectType: 'meeting', subjectId: meeting.id, category: 'administrative', details: { dossierId, decisionId: id, taskId },
    // The decision (and the meeting's title) are read where the meeting's minutes are: a staff's
    // by the cell only (sensitive). The administrative entry then tells only that a decision was taken.
    timeline: entriesWithCopiedText(
      { dossierId, kind: 'meeting', category: 'administrative' },
      {
        source,
        neutral: { title: `Décision — ${neutralName}`, body: `Décision enregistrée${entrusted}. Son texte est réservé aux participants habilités de la cellule.` },
        detailed: { title: `Décision — ${meeting.title}`, body: d.value.text + entrusted },
      },
    ),
  });
  return { id, taskId };
}
