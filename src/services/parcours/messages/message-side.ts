/**
 * Which side of a case thread the caller is on. A partner agent writes for its organisation, only
 * while the worker's consent is current; the cell (staff following the worker) writes to one
 * partner organisation, and that transmission checks the same consent at that moment.
 */
import * as orgs from '../../../db/repositories/organisation.repository';
import { can, has } from '../../../domain/access';
import { PARTNER_SHARING_PURPOSE } from '../../../domain/consent/purposes';
import { invalid } from '../../../domain/errors';
import { hasCurrentConsent } from '../../consent/consent-check';
import type { Ctx } from '../../context';
import { dossierNotFound, loadDossier } from '../../dossier/dossier-access';
import { loadPartnerDossier } from '../partner/partner-access';

export type Side = 'cellule' | 'partenaire';
export const otherSide = (s: Side): Side => (s === 'cellule' ? 'partenaire' : 'cellule');

export async function threadOf(ctx: Ctx, dossierId: string, organisationId: string | null | undefined, opts: { write: boolean }) {
  const p = ctx.principal;
  // Whoever acts through the partner space speaks for its organisation.
  if (has(p, 'partner.space')) {
    const dossier = await loadPartnerDossier(ctx, dossierId, { lock: opts.write });
    return { dossier, organisationId: p.organisationId, side: 'partenaire' as Side };
  }
  const { dossier, relation } = await loadDossier(ctx, dossierId);
  if (relation !== 'service' || !can(p, opts.write ? 'write' : 'read', 'administrative', relation)) throw dossierNotFound();
  if (!organisationId) throw invalid('ORGANISME_REQUIS', 'Choisissez le partenaire destinataire.', 'organisationId');
  const org = await orgs.findOrganisation(ctx.trx, p.tenantId, organisationId);
  if (!org || org.kind === 'spsti' || org.kind === 'company') throw invalid('ORGANISME_NON_PARTENAIRE', "Cet organisme n'est pas un partenaire du service.", 'organisationId');
  if (opts.write && !(await hasCurrentConsent(ctx.trx, p.tenantId, dossier.worker_id, org.id, PARTNER_SHARING_PURPOSE, { lock: true }))) {
    throw invalid('CONSENTEMENT_REQUIS', `Le salarié n'a pas de consentement en cours au partage de son dossier avec « ${org.name} » : aucun message ne peut lui être transmis.`, 'organisationId');
  }
  return { dossier, organisationId: org.id, side: 'cellule' as Side };
}
