/**
 * Renews a granted or running measure: a new period after the last one, checked against the
 * catalogue (number of renewals, length of the period and of all, arrêt condition). The
 * deadline task moves to the new end.
 *
 * With `fraction: true`, the new period is a further fraction of the essai in progress (the
 * first one or its renewal), not a renewal: an essai encadré may be taken continuously or in
 * fractions, which count together toward its 14 jours ouvrables (28 once renewed) — CSS D323-6 s.
 * A fraction may be added to any open measure (the plan may set the fractions before the accords).
 */
import * as measures from '../../../db/repositories/measure.repository';
import * as signals from '../../../db/repositories/signal.repository';
import { conflict, invalid } from '../../../domain/errors';
import { checkMeasurePeriods, measureLabel, renewalsOf, type MeasurePeriod } from '../../../domain/parcours/catalogue';
import { APPROVAL_STATUSES, MEASURE_STATUS_LABELS, RENEWABLE_STATUSES } from '../../../domain/parcours/measure-states';
import type { Ctx } from '../../context';
import { ensureMeasureEndTask } from './measure-deadline';
import { loadMeasure, measureCode, measureStatus, measureEntry, periodText, presentMeasure, toMeasureArrets } from './measure-format';
import { checkMeasureInput, throwFirstViolation } from './measure-proposer';

export async function renewMeasure(ctx: Ctx, measureId: string, props: { endDate: string; startDate?: string; fraction?: boolean }) {
  const p = ctx.principal;
  const m = await loadMeasure(ctx, measureId, 'write');
  const status = measureStatus(m);
  const fraction = props.fraction === true;
  if (fraction && !APPROVAL_STATUSES.includes(status)) {
    throw conflict('MESURE_FRACTION_IMPOSSIBLE', `Une fraction ne s'ajoute qu'à une mesure en cours de mise en place, accordée ou en cours (celle-ci est « ${MEASURE_STATUS_LABELS[status]} »).`);
  }
  if (!fraction && !RENEWABLE_STATUSES.includes(status)) {
    throw conflict('MESURE_NON_RENOUVELABLE', `Seule une mesure accordée ou en cours se renouvelle (celle-ci est « ${MEASURE_STATUS_LABELS[status]} »).`);
  }
  if (!m.end_date) throw conflict('MESURE_NON_RENOUVELABLE', "Cette mesure n'a pas de date de fin : il n'y a rien à renouveler.");
  checkMeasureInput({ endDate: props.endDate, startDate: props.startDate });
  const code = measureCode(m);
  if (!code) throw invalid('MESURE_INCONNUE', 'Mesure inconnue du catalogue.');
  const start = props.startDate ?? new Date(Date.parse(`${m.end_date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const periods: MeasurePeriod[] = [...m.periods, fraction ? { start, end: props.endDate, fraction: true } : { start, end: props.endDate }];
  const arrets = toMeasureArrets(await signals.findArretsOfWorker(ctx.trx, p.tenantId, m.worker_id));
  throwFirstViolation(checkMeasurePeriods(code, periods, arrets));
  const updated = await measures.updateMeasure(ctx.trx, p.tenantId, m.id, {
    periods: JSON.stringify(periods),
    renewals: renewalsOf(periods),
    end_date: props.endDate,
    updated_at: ctx.now,
  });
  if (RENEWABLE_STATUSES.includes(status)) await ensureMeasureEndTask(ctx, updated);
  await ctx.record({
    action: fraction ? 'measure.fraction' : 'measure.renew',
    subjectType: 'measure',
    subjectId: m.id,
    category: 'sensitive',
    details: { renewals: renewalsOf(periods), periods: periods.length, endDate: props.endDate, ...(fraction ? { fraction: true } : {}) },
    timeline: fraction
      ? measureEntry(updated, 'Fraction ajoutée', `${measureLabel(m.catalogue_code)}, fraction ${periodText(start, props.endDate)}.`)
      : measureEntry(updated, 'Mesure renouvelée', `${measureLabel(m.catalogue_code)}, renouvellement ${periodText(start, props.endDate)}.`),
  });
  return presentMeasure(updated, await measures.findApprovals(ctx.trx, p.tenantId, [m.id]), true, arrets);
}
