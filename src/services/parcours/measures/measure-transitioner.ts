/**
 * Moves a measure along its status flow. « Accordée » requires every approval of the catalogue
 * (rule « accords requis ») and the catalogue's rules still hold (the arrêt may have ended);
 * once granted or running with an end date, a task is set at its deadline; ended measures
 * cancel their open deadline tasks.
 */
import * as measures from '../../../db/repositories/measure.repository';
import * as signals from '../../../db/repositories/signal.repository';
import { conflict, invalid } from '../../../domain/errors';
import { checkApprovals, checkMeasurePeriods, measureLabel } from '../../../domain/parcours/catalogue';
import {
  canMoveMeasure,
  isMeasureStatus,
  MEASURE_STATUS_LABELS,
  measureTransitionRequiresReason,
  STATUSES_REQUIRING_APPROVALS,
  TERMINAL_MEASURE_STATUSES,
} from '../../../domain/parcours/measure-states';
import { MEASURE_END_TASK_KIND } from '../../../domain/parcours/measure-tasks';
import type { Audience } from '../../../domain/access';
import type { Ctx } from '../../context';
import { entriesWithCopiedText } from '../../copied-text';
import { loadMeasure, measureCode, measureStatus, measureEntry, presentMeasure, toMeasureArrets } from './measure-format';
import { throwFirstViolation } from './measure-proposer';
import { ensureMeasureEndTask } from './measure-deadline';

export const REASON_MAX_LENGTH = 1000;

/** The status motif of a measure: the plan, read by the cell's staff who read sensitive data — never the worker's carnet. */
export const MEASURE_REASON_AUDIENCE: Audience = { category: 'sensitive', sharedWithWorker: false };

export async function transitionMeasure(ctx: Ctx, measureId: string, props: { to: string; reason?: string | null }) {
  const p = ctx.principal;
  const m = await loadMeasure(ctx, measureId, 'write');
  const from = measureStatus(m);
  const to = props.to;
  if (!isMeasureStatus(to)) throw invalid('STATUT_INCONNU', `Statut de mesure inconnu : « ${to} ».`, 'to');
  if (from === to) return presentMeasure(m, await measures.findApprovals(ctx.trx, p.tenantId, [m.id]), true);
  if (!canMoveMeasure(from, to)) {
    throw conflict('MESURE_TRANSITION_INTERDITE', `Une mesure « ${MEASURE_STATUS_LABELS[from]} » ne peut pas passer à « ${MEASURE_STATUS_LABELS[to]} ».`);
  }
  const reason = props.reason?.trim() || null;
  if (measureTransitionRequiresReason(to) && !reason) throw invalid('MOTIF_REQUIS', 'Indiquez le motif.', 'reason');
  if ((reason?.length ?? 0) > REASON_MAX_LENGTH) throw invalid('TEXTE_TROP_LONG', `Le motif est limité à ${REASON_MAX_LENGTH} caractères.`, 'reason');
  const approvals = await measures.findApprovals(ctx.trx, p.tenantId, [m.id]);
  const code = measureCode(m);
  if (code && STATUSES_REQUIRING_APPROVALS.includes(to)) {
    const v = checkApprovals(code, approvals.map((a) => ({ kind: a.kind, decision: a.decision as 'accord' | 'refus', decidedAt: a.decided_on })));
    if (v) throw invalid(v.code, v.message);
  }
  if (code && (to === 'accordee' || to === 'en_cours')) {
    const arrets = toMeasureArrets(await signals.findArretsOfWorker(ctx.trx, p.tenantId, m.worker_id));
    throwFirstViolation(checkMeasurePeriods(code, m.periods, arrets));
  }
  const ended = TERMINAL_MEASURE_STATUSES.includes(to);
  const updated = await measures.updateMeasure(ctx.trx, p.tenantId, m.id, {
    status: to,
    status_reason: reason ?? (ended ? m.status_reason : null),
    updated_at: ctx.now,
    ...(ended ? { ended_at: ctx.now } : {}),
  });
  if (ended) await measures.cancelMeasureTasks(ctx.trx, p.tenantId, MEASURE_END_TASK_KIND, m.id, ctx.now);
  else if (to === 'accordee' || to === 'en_cours') await ensureMeasureEndTask(ctx, updated);
  const title = `Mesure ${MEASURE_STATUS_LABELS[to].toLowerCase()}`;
  await ctx.record({
    action: 'measure.transition',
    subjectType: 'measure',
    subjectId: m.id,
    category: 'sensitive',
    details: { from, to },
    // The motif is read in the plan by the cell, not in the worker's carnet (no internal details):
    // an entry shared with the worker tells the new status only; the motif goes to an entry for the cell.
    timeline: reason
      ? entriesWithCopiedText(measureEntry(updated, title, ''), {
          source: MEASURE_REASON_AUDIENCE,
          neutral: { title, body: `${measureLabel(m.catalogue_code)}.` },
          detailed: { title, body: `${measureLabel(m.catalogue_code)} — motif : ${reason}.` },
        })
      : measureEntry(updated, title, `${measureLabel(m.catalogue_code)}.`),
  });
  return presentMeasure(updated, approvals, true);
}

