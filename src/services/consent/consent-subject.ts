/**
 * Who is acting on a worker's consents: the worker himself (his own consents, in his space) or a
 * member of the cell following him (consent.manage to record, any staff reading administrative
 * data to list). Anyone else is told the worker does not exist.
 */
import * as workers from '../../db/repositories/worker.repository';
import { actsAsWorker, can, ensure } from '../../domain/access';
import type { ConsentActor } from '../../domain/consent/rules';
import { notFound } from '../../domain/errors';
import type { Ctx } from '../context';
import { relationWithWorker } from '../dossier/dossier-access';

export const workerNotFound = () => notFound('SALARIE_INTROUVABLE', "Ce salarié n'existe pas ou vous n'y avez pas accès.");

/** The worker concerned and the actor's side; `write` demands the right to change consents. */
export async function consentSubject(ctx: Ctx, workerId: string | null, opts: { write: boolean }): Promise<{ workerId: string; actor: ConsentActor }> {
  const p = ctx.principal;
  if (actsAsWorker(p)) {
    ensure(p, 'worker.space');
    if (!p.workerId || (workerId !== null && workerId !== p.workerId)) throw workerNotFound();
    return { workerId: p.workerId, actor: 'salarie' };
  }
  if (workerId === null) throw workerNotFound();
  if (opts.write) ensure(p, 'consent.manage', "Votre rôle ne permet pas d'enregistrer le consentement d'un salarié.");
  const w = await workers.findWorker(ctx.trx, p.tenantId, workerId);
  if (!w) throw workerNotFound();
  const relation = await relationWithWorker(ctx, w.id);
  if (relation !== 'service' || !can(p, 'read', 'administrative', relation)) throw workerNotFound();
  return { workerId: w.id, actor: 'cellule' };
}
