/** The partner's space: dossiers of workers who consented to share with its organisation. */
import * as dossiers from '../../db/repositories/dossier.repository';
import * as orgs from '../../db/repositories/organisation.repository';
import { ensure, ORGANISATION_KIND_LABELS, type OrganisationKind } from '../../domain/access';
import { isDossierState, STATE_LABELS } from '../../domain/dossier/states';
import type { Ctx } from '../context';
import { workerDisplayName } from '../worker/worker-format';

export async function listPartnerDossiers(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'partner.space');
  const org = await orgs.findOrganisation(ctx.trx, p.tenantId, p.organisationId);
  const rows = await dossiers.findDossiersSharedWith(ctx.trx, p.tenantId, p.organisationId, 500);
  return {
    organisation: { id: p.organisationId, name: org?.name ?? '', kindLabel: ORGANISATION_KIND_LABELS[p.organisationKind as OrganisationKind] ?? p.organisationKind },
    items: rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      state: r.state,
      stateLabel: isDossierState(r.state) ? STATE_LABELS[r.state] : r.state,
      workerName: workerDisplayName(r),
      updatedAt: r.updated_at,
    })),
  };
}
