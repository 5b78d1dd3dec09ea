/**
 * Exit of a case (contract C6): the outcome is recorded, the dossier moves « En accompagnement »
 * → « Sorti » through the dossier state machine, and the follow-up tasks at +6 and +12 months are
 * created (rule ids suivi_6m / suivi_12m, one per case: creating them again changes nothing).
 */
import * as exits from '../../../db/repositories/exit.repository';
import * as taskRepo from '../../../db/repositories/task.repository';
import { ensure } from '../../../domain/access';
import { civilDate } from '../../../domain/calendar/dates';
import { conflict, forbidden, invalid } from '../../../domain/errors';
import { frenchDate } from '../../../domain/intake/declarations';
import { checkExit, FOLLOW_UP_HORIZONS, FOLLOW_UP_RULES, FOLLOW_UP_TITLES, followUpDue, followUpSubject, type ExitInput } from '../../../domain/parcours/exit';
import { LOST_OUTCOME, OUTCOME_LABELS } from '../../../domain/parcours/outcomes';
import type { Ctx } from '../../context';
import { loadDossier } from '../../dossier/dossier-access';
import { transitionDossier } from '../../dossier/dossier-transitioner';

/** Creates the follow-up tasks of an exit (idempotent: a task is unique per rule and case). Returns how many were created. */
export async function ensureFollowUpTasks(ctx: Ctx, e: { dossierId: string; workerId: string; exitedAt: string }) {
  return taskRepo.insertRuleTasks(
    ctx.trx,
    ctx.principal.tenantId,
    FOLLOW_UP_HORIZONS.map((h) => ({
      workerId: e.workerId,
      dossierId: e.dossierId,
      kind: FOLLOW_UP_RULES[h],
      title: FOLLOW_UP_TITLES[h],
      dueDate: followUpDue(e.exitedAt, h),
      ruleId: FOLLOW_UP_RULES[h],
      subjectRef: followUpSubject(e.dossierId),
    })),
    ctx.now,
  );
}

export async function recordExit(ctx: Ctx, dossierId: string, props: ExitInput) {
  const p = ctx.principal;
  ensure(p, 'followup.manage', 'Votre rôle ne permet pas d’enregistrer la sortie du dispositif.');
  const { dossier, relation } = await loadDossier(ctx, dossierId, { forUpdate: true });
  if (relation !== 'service') throw forbidden();
  if (await exits.findExit(ctx.trx, p.tenantId, dossier.id)) throw conflict('SORTIE_DEJA_ENREGISTREE', 'La sortie de ce dossier est déjà enregistrée.');
  const c = checkExit(props, civilDate(ctx.now));
  if (!c.ok) throw invalid(c.code, c.message, c.field);
  const { outcome, exitedAt, note } = c.value;
  // The dossier state machine decides whether the case may leave (« En accompagnement » → « Sorti »).
  await transitionDossier(ctx, dossier.id, { to: 'sorti', reason: `Sortie : ${OUTCOME_LABELS[outcome]}` });
  await exits.insertExit(ctx.trx, {
    tenant_id: p.tenantId,
    dossier_id: dossier.id,
    worker_id: dossier.worker_id,
    outcome,
    exited_at: exitedAt,
    note,
    lost_to_follow_up: outcome === LOST_OUTCOME,
    recorded_by: p.userId,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  const tasks = await ensureFollowUpTasks(ctx, { dossierId: dossier.id, workerId: dossier.worker_id, exitedAt });
  await ctx.record({
    action: 'dossier.exit', subjectType: 'dossier', subjectId: dossier.id, category: 'administrative', details: { outcome, exitedAt, followUpTasks: tasks },
    timeline: {
      dossierId: dossier.id,
      kind: 'exit',
      category: 'administrative',
      title: 'Sortie du dispositif',
      body: `Situation à la sortie le ${frenchDate(exitedAt)} : ${OUTCOME_LABELS[outcome]}. Suivi prévu le ${frenchDate(followUpDue(exitedAt, 6))} (6 mois) et le ${frenchDate(followUpDue(exitedAt, 12))} (12 mois).`,
    },
  });
  return { dossierId: dossier.id, outcome, exitedAt, followUpTasksCreated: tasks };
}
