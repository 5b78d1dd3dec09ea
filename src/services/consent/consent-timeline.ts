/**
 * A grant or a withdrawal leaves an administrative entry, shared with the worker, in each of his
 * dossiers that is not closed: the cell and the worker see when sharing started or stopped.
 */
import * as dossiers from '../../db/repositories/dossier.repository';
import type { Ctx, TimelineNote } from '../context';
import { sharedEntry } from '../parcours/referrals/referral-timeline';

const CLOSED = new Set(['clos', 'non_retenu', 'reoriente']);

/** The entries of a consent event: one per dossier of the worker that is not closed. */
export async function consentEntries(ctx: Ctx, workerId: string, title: string, body: string): Promise<TimelineNote[]> {
  const ds = (await dossiers.findDossiersOfWorker(ctx.trx, ctx.principal.tenantId, workerId)).filter((d) => !CLOSED.has(d.state));
  return ds.map((d) => sharedEntry(d.id, 'consent', title, body));
}
