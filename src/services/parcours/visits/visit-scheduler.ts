/**
 * Schedules a visit on a case (contract C4). The visit answers the matching open rule task of
 * the worker (« Organiser la visite de reprise »…), which is linked and marked done; a visite de
 * reprise after return + 8 days (R4624-31) is accepted but flagged late.
 */
import * as users from '../../../db/repositories/user.repository';
import * as visits from '../../../db/repositories/visit.repository';
import * as taskRepo from '../../../db/repositories/task.repository';
import { ensure } from '../../../domain/access';
import { civilDate } from '../../../domain/calendar/dates';
import { isOpenState, type DossierState } from '../../../domain/dossier/states';
import { conflict, forbidden, invalid } from '../../../domain/errors';
import { frenchDate } from '../../../domain/intake/declarations';
import { checkProfessional, checkVisitInput, returnDateOfSubject, VISIT_KIND_LABELS, VISIT_TASK_RULE, type VisitInput } from '../../../domain/parcours/visits';
import type { Ctx } from '../../context';
import { neutralTaskLabel } from '../../copied-text';
import { loadDossier } from '../../dossier/dossier-access';
import { loadRulesConfig } from '../../intake/arret-rules-applier';
import { formatVisit, visitTiming } from './visit-format';

export interface ScheduleVisitProps extends VisitInput {
  /** The rule task answered (default: the earliest open one of the matching rule). */
  taskId?: string | null;
}

const frenchTime = (d: Date) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(d);

export async function scheduleVisit(ctx: Ctx, dossierId: string, props: ScheduleVisitProps) {
  const p = ctx.principal;
  ensure(p, 'visit.manage', 'Votre rôle ne permet pas de planifier une visite.');
  const { dossier, relation } = await loadDossier(ctx, dossierId, { forUpdate: true });
  if (relation !== 'service') throw forbidden();
  if (!isOpenState(dossier.state as DossierState)) throw conflict('DOSSIER_NON_OUVERT', "Ce dossier n'est plus ouvert : on n'y planifie plus de visite.");
  const c = checkVisitInput(props, ctx.now);
  if (!c.ok) throw invalid(c.code, c.message, c.field);
  const v = c.value;

  if (v.professionalUserId) {
    const staff = await users.listStaff(ctx.trx, p.tenantId, ['medecin_travail', 'infirmier', 'assistant_social', 'psychologue', 'ergonome', 'charge_mission']);
    const pro = staff.find((s) => s.id === v.professionalUserId && checkProfessional(v.kind, s.role).ok) ?? staff.find((s) => s.id === v.professionalUserId);
    if (!pro) throw invalid('VISITE_PROFESSIONNEL_INCONNU', "Le professionnel choisi n'est pas un professionnel du service.", 'professionalUserId');
    const ok = checkProfessional(v.kind, pro.role);
    if (!ok.ok) throw invalid(ok.code, ok.message, ok.field);
  }

  // The rule task this visit answers.
  const rule = VISIT_TASK_RULE[v.kind];
  const task = rule ? await visits.findOpenRuleTask(ctx.trx, p.tenantId, dossier.worker_id, rule, props.taskId ?? null) : undefined;
  if (props.taskId && !task) throw invalid('TACHE_NON_CORRESPONDANTE', "Cette tâche n'est pas une tâche ouverte de ce salarié correspondant à ce type de visite.", 'taskId');
  const returnDate = v.returnDate ?? (v.kind === 'reprise' && task ? returnDateOfSubject(task.subject_ref) : null);

  const { id } = await visits.insertVisit(ctx.trx, {
    tenant_id: p.tenantId,
    dossier_id: dossier.id,
    worker_id: dossier.worker_id,
    kind: v.kind,
    scheduled_at: v.scheduledAt,
    place: v.place,
    professional_user_id: v.professionalUserId,
    requested_by: v.requestedBy,
    return_date: returnDate,
    task_id: task?.id ?? null,
    created_by: p.userId,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  if (task) await taskRepo.updateTaskStatus(ctx.trx, p.tenantId, task.id, 'fait', p.userId, ctx.now);

  const config = await loadRulesConfig(ctx.trx, p.tenantId);
  const timing = visitTiming(v.kind, returnDate, v.scheduledAt, config.repriseDeadlineDays);
  const when = `le ${frenchDate(civilDate(v.scheduledAt))} à ${frenchTime(v.scheduledAt)}`;
  const late = timing?.late ? ` En retard : au-delà du ${frenchDate(timing.deadline)}, délai de ${config.repriseDeadlineDays} jours après la reprise (art. R4624-31 du code du travail).` : '';
  await ctx.record({
    action: 'visit.schedule', subjectType: 'visit', subjectId: id, category: 'administrative', details: { dossierId: dossier.id, kind: v.kind, taskId: task?.id ?? null, late: timing?.late ?? false },
    timeline: {
      dossierId: dossier.id,
      kind: 'visit',
      category: 'administrative',
      title: `${VISIT_KIND_LABELS[v.kind]} planifiée`,
      body: `${VISIT_KIND_LABELS[v.kind]} ${when}${v.place ? `, ${v.place}` : ''}.${task ? ` Tâche « ${neutralTaskLabel(task.kind)} » faite.` : ''}${late}`,
      sharedWithWorker: true,
    },
  });
  const row = await visits.findVisit(ctx.trx, p.tenantId, id);
  return { visit: formatVisit(row!, { showOutcome: false, deadlineDays: config.repriseDeadlineDays }), closedTask: task ? { id: task.id, title: task.title } : null };
}
