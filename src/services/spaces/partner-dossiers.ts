/**
 * The partner's space: dossiers of workers who hold a current consent to share their dossier with
 * its organisation (partage du dossier), with the unread messages of the cell and the referrals
 * waiting for its answer.
 */
import * as consents from '../../db/repositories/consent.repository';
import * as messages from '../../db/repositories/message.repository';
import * as orgs from '../../db/repositories/organisation.repository';
import * as referrals from '../../db/repositories/referral.repository';
import { ensure, ORGANISATION_KIND_LABELS, type OrganisationKind } from '../../domain/access';
import { isDossierState, STATE_LABELS } from '../../domain/dossier/states';
import type { Ctx } from '../context';
import { workerDisplayName } from '../worker/worker-format';

export const PARTNER_DOSSIER_LIMIT = 500;

export async function listPartnerDossiers(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'partner.space');
  const org = await orgs.findOrganisation(ctx.trx, p.tenantId, p.organisationId);
  const rows = await consents.findDossiersSharedWithOrganisation(ctx.trx, p.tenantId, p.organisationId, PARTNER_DOSSIER_LIMIT);
  const ids = rows.map((r) => r.id);
  const [unread, pending] = await Promise.all([
    messages.countUnread(ctx.trx, p.tenantId, ids, 'cellule', p.organisationId),
    referrals.countPendingByDossier(ctx.trx, p.tenantId, p.organisationId, ids),
  ]);
  // One event per request: the list follows from the consents in force (kept with their dates),
  // so the count is enough to account for it.
  await ctx.record({ action: 'partner.dossier.list', subjectType: 'dossier', subjectId: null, category: 'administrative', details: { organisationId: p.organisationId, count: rows.length } });
  const unreadBy = new Map(unread.map((u) => [u.dossier_id, Number(u.n)]));
  return {
    organisation: { id: p.organisationId, name: org?.name ?? '', kindLabel: ORGANISATION_KIND_LABELS[p.organisationKind as OrganisationKind] ?? p.organisationKind },
    items: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      state: r.state,
      stateLabel: isDossierState(r.state) ? STATE_LABELS[r.state] : r.state,
      workerName: workerDisplayName(r),
      updatedAt: r.updated_at,
      unreadMessages: unreadBy.get(r.id) ?? 0,
      pendingReferrals: pending.get(r.id) ?? 0,
      isLead: r.lead_organisation_id === p.organisationId,
    })),
  };
}
