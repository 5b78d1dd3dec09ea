/**
 * The inaptitude records of a worker, and the ex-post review list (IGAS §255): dismissals for
 * inaptitude where the risk index was high (latest signed final level ≥ 2, contract C2) and the
 * cell was never seized before the avis. Both reads are audited (sensitive data).
 */
import * as inaptitudes from '../../../db/repositories/inaptitude.repository';
import * as workers from '../../../db/repositories/worker.repository';
import { ensure } from '../../../domain/access';
import { civilDate } from '../../../domain/calendar/dates';
import { notFound } from '../../../domain/errors';
import { belongsToReview, HIGH_INDEX_LEVEL, INAPTITUDE_ORIGIN_LABELS, type InaptitudeOrigin } from '../../../domain/parcours/inaptitude';
import type { Ctx } from '../../context';
import { relationWithWorker } from '../../dossier/dossier-access';
import { workerDisplayName } from '../../worker/worker-format';

const originLabel = (o: string) => INAPTITUDE_ORIGIN_LABELS[o as InaptitudeOrigin] ?? o;

export async function listWorkerInaptitudes(ctx: Ctx, workerId: string) {
  const p = ctx.principal;
  ensure(p, 'inaptitude.manage');
  const worker = await workers.findWorker(ctx.trx, p.tenantId, workerId);
  if (!worker || (await relationWithWorker(ctx, worker.id)) !== 'service') throw notFound('SALARIE_INTROUVABLE', "Ce salarié n'existe pas ou vous n'y avez pas accès.");
  const rows = await inaptitudes.findInaptitudesOfWorker(ctx.trx, p.tenantId, worker.id);
  if (rows.length > 0) await ctx.record({ action: 'inaptitude.read', subjectType: 'worker', subjectId: worker.id, category: 'sensitive' });
  return {
    items: rows.map((r) => ({
      id: r.id,
      avisDate: r.avis_date,
      dispenseReclassement: r.dispense_reclassement,
      origin: r.origin,
      originLabel: originLabel(r.origin),
      dismissalDate: r.dismissal_date,
      companyName: r.company_name,
      dossierId: r.dossier_id,
    })),
  };
}

export async function listReview(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'inaptitude.manage');
  const indexAvailable = await inaptitudes.riskIndexAvailable(ctx.trx);
  const rows = await inaptitudes.findDismissalFacts(ctx.trx, p.tenantId, indexAvailable, 2000);
  const items = rows
    .map((r) => ({ r, firstOpenedOn: r.first_opened_at ? civilDate(new Date(r.first_opened_at)) : null }))
    .filter(({ r, firstOpenedOn }) =>
      belongsToReview({ dismissalDate: r.dismissal_date, avisDate: r.avis_date, latestFinalLevel: r.final_level === null ? null : Number(r.final_level), firstDossierOpenedOn: firstOpenedOn }),
    )
    .map(({ r, firstOpenedOn }) => ({
      id: r.id,
      workerId: r.worker_id,
      workerName: workerDisplayName(r),
      companyName: r.company_name,
      avisDate: r.avis_date,
      dismissalDate: r.dismissal_date!,
      dispenseReclassement: r.dispense_reclassement,
      originLabel: originLabel(r.origin),
      finalLevel: Number(r.final_level),
      levelSignedAt: r.level_signed_at,
      firstDossierOpenedOn: firstOpenedOn,
    }));
  await ctx.record({ action: 'inaptitude.review', subjectType: 'inaptitude', subjectId: null, category: 'sensitive', details: { items: items.length } });
  return { indexAvailable, highIndexLevel: HIGH_INDEX_LEVEL, items };
}
