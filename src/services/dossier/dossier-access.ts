/**
 * Loads a dossier and the caller's relation with its worker. A dossier the caller has no
 * relation with answers exactly like one that does not exist (no hint that it is there).
 */
import * as consents from '../../db/repositories/consent.repository';
import * as dossiers from '../../db/repositories/dossier.repository';
import * as workers from '../../db/repositories/worker.repository';
import { factsNeeded, relationTo, type Relation } from '../../domain/access';
import { civilDate } from '../../domain/calendar/dates';
import { notFound } from '../../domain/errors';
import type { Ctx } from '../context';

export const dossierNotFound = () => notFound('DOSSIER_INTROUVABLE', "Ce dossier n'existe pas ou vous n'y avez pas accès.");

export async function relationWithWorker(ctx: Ctx, workerId: string): Promise<Relation> {
  const p = ctx.principal;
  // Only the principals whose access depends on them need the employment and consent facts.
  const needs = factsNeeded(p);
  const [companyIds, consentedOrganisationIds] = await Promise.all([
    needs.companies ? workers.findCurrentEmployerIds(ctx.trx, p.tenantId, workerId, civilDate(ctx.now)) : Promise.resolve([]),
    needs.consents ? consents.findConsentedOrganisationIds(ctx.trx, p.tenantId, workerId) : Promise.resolve([]),
  ]);
  return relationTo(p, { tenantId: p.tenantId, workerId, companyIds, consentedOrganisationIds });
}

export async function loadDossier(ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}) {
  const d = opts.forUpdate
    ? await dossiers.findDossierForUpdate(ctx.trx, ctx.principal.tenantId, id)
    : await dossiers.findDossier(ctx.trx, ctx.principal.tenantId, id);
  if (!d) throw dossierNotFound();
  const relation = await relationWithWorker(ctx, d.worker_id);
  if (relation === 'none') throw dossierNotFound();
  return { dossier: d, relation };
}
