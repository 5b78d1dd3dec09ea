/** The exit of a case with its follow-up schedule, and the list of workers lost to follow-up to re-contact. */
import * as exits from '../../../db/repositories/exit.repository';
import { ensure } from '../../../domain/access';
import { civilDate } from '../../../domain/calendar/dates';
import { forbidden } from '../../../domain/errors';
import { FOLLOW_UP_HORIZONS, FOLLOW_UP_RULES, followUpDue, followUpOpensOn, followUpSubject } from '../../../domain/parcours/exit';
import { isOutcome, OUTCOME_LABELS, OUTCOMES } from '../../../domain/parcours/outcomes';
import { STATE_LABELS, type DossierState } from '../../../domain/dossier/states';
import type { Ctx } from '../../context';
import { loadDossier } from '../../dossier/dossier-access';
import { workerDisplayName } from '../../worker/worker-format';

const label = (o: string | null) => (o === null ? null : isOutcome(o) ? OUTCOME_LABELS[o] : o);
export const outcomeOptions = () => OUTCOMES.map((code) => ({ code, label: OUTCOME_LABELS[code] }));

export async function readDossierExit(ctx: Ctx, dossierId: string) {
  const p = ctx.principal;
  ensure(p, 'followup.manage');
  const { dossier, relation } = await loadDossier(ctx, dossierId);
  if (relation !== 'service') throw forbidden();
  const e = await exits.findExit(ctx.trx, p.tenantId, dossier.id);
  const today = civilDate(ctx.now);
  if (!e) return { dossierId: dossier.id, state: dossier.state, exit: null, outcomes: outcomeOptions() };
  // The outcome and its note tell how the worker's job ended after a health problem: sensitive.
  await ctx.record({ action: 'exit.read', subjectType: 'dossier', subjectId: dossier.id, category: 'sensitive', details: { note: e.note !== null } });
  const tasks = await exits.findFollowUpTasks(ctx.trx, p.tenantId, followUpSubject(dossier.id), Object.values(FOLLOW_UP_RULES));
  return {
    dossierId: dossier.id,
    state: dossier.state,
    outcomes: outcomeOptions(),
    exit: {
      outcome: e.outcome,
      outcomeLabel: label(e.outcome)!,
      exitedAt: e.exited_at,
      note: e.note,
      lostToFollowUp: e.lost_to_follow_up,
      followUps: FOLLOW_UP_HORIZONS.map((h) => {
        const outcome = h === 6 ? e.follow_up_6m_outcome : e.follow_up_12m_outcome;
        const task = tasks.find((t) => t.rule_id === FOLLOW_UP_RULES[h]);
        return {
          horizon: h,
          dueDate: followUpDue(e.exited_at, h),
          opensOn: followUpOpensOn(e.exited_at, h),
          open: today >= followUpOpensOn(e.exited_at, h),
          outcome,
          outcomeLabel: label(outcome),
          recordedOn: h === 6 ? e.follow_up_6m_at : e.follow_up_12m_at,
          taskId: task?.id ?? null,
          taskStatus: task?.status ?? null,
        };
      }),
    },
  };
}

export async function listLostToFollowUp(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'followup.manage');
  const rows = await exits.findLostToFollowUp(ctx.trx, p.tenantId, 500);
  // Names, contact and outcome of up to 500 workers: one event per request, with the count.
  await ctx.record({ action: 'exit.lost.list', subjectType: 'dossier', subjectId: null, category: 'sensitive', details: { count: rows.length } });
  return {
    items: rows.map((r) => ({
      dossierId: r.dossier_id,
      reference: r.reference,
      state: r.state,
      stateLabel: STATE_LABELS[r.state as DossierState] ?? r.state,
      workerId: r.worker_id,
      workerName: workerDisplayName(r),
      phone: r.phone,
      email: r.email,
      exitedAt: r.exited_at,
      outcomeLabel: label(r.outcome)!,
      lastFollowUp: r.follow_up_12m_at ? 12 : r.follow_up_6m_at ? 6 : null,
      lastFollowUpOn: r.follow_up_12m_at ?? r.follow_up_6m_at,
    })),
  };
}
