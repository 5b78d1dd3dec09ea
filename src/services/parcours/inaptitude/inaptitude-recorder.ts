/**
 * Records an avis d'inaptitude of a worker (capability inaptitude.manage: the SPSTI's health
 * professionals), and later the date of the dismissal that followed it.
 */
import * as dossiers from '../../../db/repositories/dossier.repository';
import * as inaptitudes from '../../../db/repositories/inaptitude.repository';
import * as workers from '../../../db/repositories/worker.repository';
import { ensure } from '../../../domain/access';
import { civilDate } from '../../../domain/calendar/dates';
import { invalid, notFound } from '../../../domain/errors';
import { frenchDate } from '../../../domain/intake/declarations';
import { checkInaptitude, type InaptitudeInput } from '../../../domain/parcours/inaptitude';
import type { Ctx } from '../../context';
import { relationWithWorker } from '../../dossier/dossier-access';
import { OPEN_STATES } from '../../../domain/dossier/states';

const workerNotFound = () => notFound('SALARIE_INTROUVABLE', "Ce salarié n'existe pas ou vous n'y avez pas accès.");
export const inaptitudeNotFound = () => notFound('INAPTITUDE_INTROUVABLE', "Cet avis d'inaptitude n'existe pas.");

const describe = (v: { avisDate: string; dispenseReclassement: boolean; dismissalDate: string | null }) =>
  `Avis d'inaptitude du ${frenchDate(v.avisDate)}, ${v.dispenseReclassement ? 'avec' : 'sans'} dispense de reclassement.` +
  (v.dismissalDate ? ` Licenciement pour inaptitude le ${frenchDate(v.dismissalDate)}.` : '');

export async function recordInaptitude(ctx: Ctx, workerId: string, props: InaptitudeInput) {
  const p = ctx.principal;
  ensure(p, 'inaptitude.manage', "Seuls les professionnels de santé du service enregistrent un avis d'inaptitude.");
  const worker = await workers.findWorker(ctx.trx, p.tenantId, workerId);
  if (!worker || (await relationWithWorker(ctx, worker.id)) !== 'service') throw workerNotFound();
  const today = civilDate(ctx.now);
  const c = checkInaptitude(props, today);
  if (!c.ok) throw invalid(c.code, c.message, c.field);
  const [companyIds, open] = await Promise.all([
    workers.findCurrentEmployerIds(ctx.trx, p.tenantId, worker.id, c.value.avisDate),
    dossiers.findOpenDossierOfWorker(ctx.trx, p.tenantId, worker.id, OPEN_STATES),
  ]);
  const { id } = await inaptitudes.insertInaptitude(ctx.trx, {
    tenant_id: p.tenantId,
    worker_id: worker.id,
    dossier_id: open?.id ?? null,
    company_id: companyIds[0] ?? null,
    avis_date: c.value.avisDate,
    dispense_reclassement: c.value.dispenseReclassement,
    origin: c.value.origin,
    dismissal_date: c.value.dismissalDate,
    recorded_by: p.userId,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  await ctx.record({
    action: 'inaptitude.record', subjectType: 'worker', subjectId: worker.id, category: 'sensitive', details: { inaptitudeId: id, dismissal: c.value.dismissalDate !== null },
    timeline: open ? { dossierId: open.id, kind: 'inaptitude', category: 'sensitive', title: "Avis d'inaptitude", body: describe(c.value) } : undefined,
  });
  return { id, dossierId: open?.id ?? null };
}

export async function recordDismissal(ctx: Ctx, inaptitudeId: string, dismissalDate: string | null) {
  const p = ctx.principal;
  ensure(p, 'inaptitude.manage', "Seuls les professionnels de santé du service modifient un avis d'inaptitude.");
  const i = await inaptitudes.findInaptitudeForUpdate(ctx.trx, p.tenantId, inaptitudeId);
  if (!i || (await relationWithWorker(ctx, i.worker_id)) !== 'service') throw inaptitudeNotFound();
  const c = checkInaptitude({ avisDate: i.avis_date, dispenseReclassement: i.dispense_reclassement, origin: i.origin, dismissalDate }, civilDate(ctx.now));
  // The avis itself may be older than the back-dating limit by now: only the dismissal date is checked here.
  if (!c.ok && c.field === 'dismissalDate') throw invalid(c.code, c.message, c.field);
  await inaptitudes.updateDismissal(ctx.trx, p.tenantId, i.id, dismissalDate, ctx.now);
  await ctx.record({ action: 'inaptitude.dismissal', subjectType: 'worker', subjectId: i.worker_id, category: 'sensitive', details: { inaptitudeId: i.id } });
  return { id: i.id, dismissalDate };
}
