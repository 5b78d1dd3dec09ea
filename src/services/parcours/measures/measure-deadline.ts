/** The task at the end of a granted or running measure (one per end date: a renewal moves it). */
import * as measures from '../../../db/repositories/measure.repository';
import * as signals from '../../../db/repositories/signal.repository';
import { catalogueMeasure, isMeasureCode, measureLabel } from '../../../domain/parcours/catalogue';
import { MEASURE_END_TASK_KIND, measureEndSubject } from '../../../domain/parcours/measure-tasks';
import type { Ctx } from '../../context';
import type { Measure } from './measure-format';

export function measureDeadlineTitle(code: string): string {
  return isMeasureCode(code) ? catalogueMeasure(code).deadlineTask : `Fin de la mesure : ${measureLabel(code)}`;
}

export async function ensureMeasureEndTask(ctx: Ctx, m: Measure): Promise<void> {
  if (!m.end_date) return;
  const p = ctx.principal;
  const subject = measureEndSubject(m.id, m.end_date);
  await measures.cancelMeasureTasks(ctx.trx, p.tenantId, MEASURE_END_TASK_KIND, m.id, ctx.now, subject);
  await signals.insertTasks(ctx.trx, [
    {
      tenant_id: p.tenantId,
      worker_id: m.worker_id,
      dossier_id: m.dossier_id,
      kind: MEASURE_END_TASK_KIND,
      title: measureDeadlineTitle(m.catalogue_code),
      due_date: m.end_date,
      owner_user_id: p.userId,
      rule_id: MEASURE_END_TASK_KIND,
      subject_ref: subject,
      created_at: ctx.now,
    },
  ]);
}
