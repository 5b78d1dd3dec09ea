/**
 * A grant or a withdrawal leaves an administrative entry, shared with the worker, in each of his
 * dossiers that is not closed: the cell and the worker see when sharing started or stopped.
 */
import * as dossiers from '../../db/repositories/dossier.repository';
import type { Ctx } from '../context';
import { recordInTimeline } from '../parcours/referrals/referral-timeline';

const CLOSED = new Set(['clos', 'non_retenu', 'reoriente']);

export async function recordConsentInTimeline(ctx: Ctx, workerId: string, title: string, body: string): Promise<void> {
  const ds = (await dossiers.findDossiersOfWorker(ctx.trx, ctx.principal.tenantId, workerId)).filter((d) => !CLOSED.has(d.state));
  for (const d of ds) await recordInTimeline(ctx, d.id, 'consent', title, body);
}
