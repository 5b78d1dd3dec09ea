/**
 * Who may read and enter a worker's questionnaires. Answers are medical data (domain §10): the
 * SPSTI's health professionals (read audited), the worker his own; partners and employers never.
 */
import * as dossiers from '../../../db/repositories/dossier.repository';
import * as workers from '../../../db/repositories/worker.repository';
import { can, ensure } from '../../../domain/access';
import { forbidden, notFound } from '../../../domain/errors';
import type { Ctx } from '../../context';
import { dossierNotFound, relationWithWorker } from '../../dossier/dossier-access';
import { OPEN_STATES } from '../../../domain/dossier/states';

export const workerNotFound = () => notFound('SALARIE_INTROUVABLE', "Ce salarié n'existe pas ou vous n'y avez pas accès.");
export const responseNotFound = () => notFound('QUESTIONNAIRE_INTROUVABLE', "Ce questionnaire n'existe pas ou vous n'y avez pas accès.");

/** The worker must exist and the caller read his medical data (health professional or himself). */
export async function ensureMayRead(ctx: Ctx, workerId: string) {
  const w = await workers.findWorker(ctx.trx, ctx.principal.tenantId, workerId);
  if (!w) throw workerNotFound();
  const relation = await relationWithWorker(ctx, workerId);
  if (relation === 'none') throw workerNotFound();
  if (!can(ctx.principal, 'read', 'medical', relation)) throw forbidden();
  return { worker: w, relation };
}

/** Entering answers or sending a link: a health professional of the service (questionnaire.manage). */
export async function ensureMayEnter(ctx: Ctx, workerId: string) {
  ensure(ctx.principal, 'questionnaire.manage');
  const w = await workers.findWorker(ctx.trx, ctx.principal.tenantId, workerId);
  if (!w) throw workerNotFound();
  const relation = await relationWithWorker(ctx, workerId);
  if (relation !== 'service' || !can(ctx.principal, 'write', 'medical', relation)) throw forbidden();
  return w;
}

/** The dossier a response goes to: the one named (it must be the worker's), else his open dossier if any. */
export async function dossierFor(ctx: Ctx, workerId: string, dossierId: string | null | undefined): Promise<string | null> {
  const tenantId = ctx.principal.tenantId;
  if (dossierId) {
    const d = await dossiers.findDossier(ctx.trx, tenantId, dossierId);
    if (!d || d.worker_id !== workerId) throw dossierNotFound();
    return d.id;
  }
  return (await dossiers.findOpenDossierOfWorker(ctx.trx, tenantId, workerId, OPEN_STATES))?.id ?? null;
}
