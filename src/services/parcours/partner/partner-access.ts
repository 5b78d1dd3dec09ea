/**
 * A partner agent's access to one case, checked at the moment of the request (contract C5): the
 * worker must hold a current consent naming the agent's organisation for the partage du dossier.
 * An organisation that held one and lost it (withdrawal) is told so (403); one that never held
 * any learns nothing about the dossier (404).
 */
import * as consents from '../../../db/repositories/consent.repository';
import * as dossiers from '../../../db/repositories/dossier.repository';
import { ensure } from '../../../domain/access';
import { DOSSIER_SHARING_PURPOSES } from '../../../domain/consent/purposes';
import { forbidden } from '../../../domain/errors';
import { hasCurrentConsent } from '../../consent/consent-check';
import type { Ctx } from '../../context';
import { dossierNotFound } from '../../dossier/dossier-access';

export const consentWithdrawn = () =>
  forbidden("Le salarié ne partage plus ce dossier avec votre organisme : son consentement a été retiré.", 'CONSENTEMENT_RETIRE');

export async function loadPartnerDossier(ctx: Ctx, dossierId: string, opts: { lock?: boolean } = {}) {
  const p = ctx.principal;
  ensure(p, 'partner.space');
  const d = await dossiers.findDossier(ctx.trx, p.tenantId, dossierId);
  if (!d) throw dossierNotFound();
  if (!(await hasCurrentConsent(ctx.trx, p.tenantId, d.worker_id, p.organisationId, undefined, { lock: opts.lock }))) {
    if (await consents.hadConsentFor(ctx.trx, p.tenantId, d.worker_id, p.organisationId, DOSSIER_SHARING_PURPOSES)) throw consentWithdrawn();
    throw dossierNotFound();
  }
  return d;
}
