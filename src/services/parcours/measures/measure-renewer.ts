/**
 * Renews a granted or running measure: a new period after the last one, checked against the
 * catalogue (number of renewals, length of the period and of all, arrêt condition). The
 * deadline task moves to the new end.
 */
import * as measures from '../../../db/repositories/measure.repository';
import * as signals from '../../../db/repositories/signal.repository';
import { conflict, invalid } from '../../../domain/errors';
import { checkMeasurePeriods, measureLabel, type MeasurePeriod } from '../../../domain/parcours/catalogue';
import { MEASURE_STATUS_LABELS, RENEWABLE_STATUSES } from '../../../domain/parcours/measure-states';
import type { Ctx } from '../../context';
import { ensureMeasureEndTask } from './measure-deadline';
import { loadMeasure, measureCode, measureStatus, measureEntry, periodText, presentMeasure, toMeasureArrets } from './measure-format';
import { checkMeasureInput, throwFirstViolation } from './measure-proposer';

export async function renewMeasure(ctx: Ctx, measureId: string, props: { endDate: string; startDate?: string }) {
  const p = ctx.principal;
  const m = await loadMeasure(ctx, measureId, 'write');
  const status = measureStatus(m);
  if (!RENEWABLE_STATUSES.includes(status)) {
    throw conflict('MESURE_NON_RENOUVELABLE', `Seule une mesure accordée ou en cours se renouvelle (celle-ci est « ${MEASURE_STATUS_LABELS[status]} »).`);
  }
  if (!m.end_date) throw conflict('MESURE_NON_RENOUVELABLE', "Cette mesure n'a pas de date de fin : il n'y a rien à renouveler.");
  checkMeasureInput({ endDate: props.endDate, startDate: props.startDate });
  const code = measureCode(m);
  if (!code) throw invalid('MESURE_INCONNUE', 'Mesure inconnue du catalogue.');
  const start = props.startDate ?? new Date(Date.parse(`${m.end_date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const periods: MeasurePeriod[] = [...m.periods, { start, end: props.endDate }];
  const arrets = toMeasureArrets(await signals.findArretsOfWorker(ctx.trx, p.tenantId, m.worker_id));
  throwFirstViolation(checkMeasurePeriods(code, periods, arrets));
  const updated = await measures.updateMeasure(ctx.trx, p.tenantId, m.id, {
    periods: JSON.stringify(periods),
    renewals: periods.length - 1,
    end_date: props.endDate,
    updated_at: ctx.now,
  });
  await ensureMeasureEndTask(ctx, updated);
  await ctx.record({
    action: 'measure.renew',
    subjectType: 'measure',
    subjectId: m.id,
    category: 'sensitive',
    details: { renewals: periods.length - 1, endDate: props.endDate },
    timeline: measureEntry(updated, 'Mesure renouvelée', `${measureLabel(m.catalogue_code)}, renouvellement ${periodText(start, props.endDate)}.`),
  });
  return presentMeasure(updated, await measures.findApprovals(ctx.trx, p.tenantId, [m.id]), true);
}
