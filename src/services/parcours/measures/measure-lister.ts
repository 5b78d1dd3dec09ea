/**
 * The plan de maintien of a dossier (cell), the worker's own measures (carnet: only those shared
 * with him) and the employer's view (only measures marked visible to the employer, of a kind
 * that reveals nothing of health, with no free text but the employer note).
 */
import * as companies from '../../../db/repositories/company.repository';
import * as measures from '../../../db/repositories/measure.repository';
import * as signals from '../../../db/repositories/signal.repository';
import * as workers from '../../../db/repositories/worker.repository';
import { ensure, has } from '../../../domain/access';
import { civilDate } from '../../../domain/calendar/dates';
import { forbidden } from '../../../domain/errors';
import { CATALOGUE, catalogueMeasure, isMeasureCode, measureLabel } from '../../../domain/parcours/catalogue';
import { MEASURE_STATUS_LABELS } from '../../../domain/parcours/measure-states';
import type { Ctx } from '../../context';
import { workerDisplayName } from '../../worker/worker-format';
import { loadPlanDossier, measureStatus, presentMeasure, toMeasureArrets } from './measure-format';

export async function listDossierMeasures(ctx: Ctx, dossierId: string) {
  const p = ctx.principal;
  const dossier = await loadPlanDossier(ctx, dossierId, 'read');
  const rows = await measures.findMeasuresOfDossier(ctx.trx, p.tenantId, dossier.id);
  const approvals = await measures.findApprovals(ctx.trx, p.tenantId, rows.map((r) => r.id));
  if (rows.length > 0) await ctx.record({ action: 'measure.read', subjectType: 'dossier', subjectId: dossier.id, category: 'sensitive', details: { count: rows.length } });
  const mayWrite = has(p, 'measure.manage');
  // The worker's arrêts, for what the plan explains (PMSMP during an arrêt, PTP seniority waiver).
  const arrets = rows.length > 0 ? toMeasureArrets(await signals.findArretsOfWorker(ctx.trx, p.tenantId, dossier.worker_id)) : [];
  return { items: rows.map((m) => presentMeasure(m, approvals.filter((a) => a.measure_id === m.id), mayWrite, arrets)), mayPropose: mayWrite };
}

/** « Mon carnet »: the measures shared with the worker, in his words (no internal details). */
export async function listMyMeasures(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'worker.space');
  if (!p.workerId) throw forbidden();
  const rows = await measures.findSharedMeasuresOfWorker(ctx.trx, p.tenantId, p.workerId);
  if (rows.length > 0) await ctx.record({ action: 'measure.read', subjectType: 'worker', subjectId: p.workerId, category: 'sensitive', details: { count: rows.length, own: true } });
  return {
    items: rows.map((m) => {
      const status = measureStatus(m);
      const entry = isMeasureCode(m.catalogue_code) ? catalogueMeasure(m.catalogue_code) : null;
      return { id: m.id, label: measureLabel(m.catalogue_code), explanation: entry?.leaflet ?? '', status, statusLabel: MEASURE_STATUS_LABELS[status], startDate: m.start_date, endDate: m.end_date };
    }),
  };
}

/** The employer's space: measures marked visible to the employer, for its current workers. Never health data. */
export async function listEmployerMeasures(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'employer.space');
  if (!p.companyId) throw forbidden();
  const company = await companies.findCompany(ctx.trx, p.tenantId, p.companyId);
  if (!company) throw forbidden();
  const staff = await workers.findWorkersOfCompany(ctx.trx, p.tenantId, company.id, civilDate(ctx.now), 500);
  const allowed = CATALOGUE.measures.filter((m) => m.employerVisibleAllowed).map((m) => m.code);
  const rows = await measures.findEmployerVisibleMeasures(ctx.trx, p.tenantId, staff.map((w) => w.id), allowed);
  const byId = new Map(staff.map((w) => [w.id, w]));
  return {
    items: rows.map((m) => {
      const status = measureStatus(m);
      const w = byId.get(m.worker_id);
      return { id: m.id, workerName: w ? workerDisplayName(w) : '', label: measureLabel(m.catalogue_code), statusLabel: MEASURE_STATUS_LABELS[status], startDate: m.start_date, endDate: m.end_date, note: m.employer_note };
    }),
  };
}
