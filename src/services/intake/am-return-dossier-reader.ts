/**
 * The section « Retour à l'Assurance maladie » of a dossier: the flux arrêts a return may
 * reference, the worker's job-information consent, and the messages with their delivery status.
 */
import * as returns from '../../db/repositories/am-return.repository';
import * as orgs from '../../db/repositories/organisation.repository';
import { ensure } from '../../domain/access';
import { AM_RETURN_TYPES, JOB_INFO_CONSENT_PURPOSE, JOB_INFO_RECIPIENT_KIND } from '../../domain/intake/am-return';
import type { Ctx } from '../context';
import { loadDossier } from '../dossier/dossier-access';
import { toAmReturnDto } from './am-return-format';

export async function readDossierAmReturns(ctx: Ctx, dossierId: string) {
  const p = ctx.principal;
  ensure(p, 'amreturn.manage');
  const { dossier } = await loadDossier(ctx, dossierId);
  const [arrets, fluxSignal, consents, rows, cpams] = await Promise.all([
    returns.findFluxArretsOfDossier(ctx.trx, p.tenantId, dossier),
    returns.hasFluxSignal(ctx.trx, p.tenantId, dossier.id),
    returns.findCurrentConsents(ctx.trx, p.tenantId, [dossier.worker_id], JOB_INFO_CONSENT_PURPOSE, JOB_INFO_RECIPIENT_KIND),
    returns.findOfDossier(ctx.trx, p.tenantId, dossier.id),
    orgs.findOrganisationsByKind(ctx.trx, p.tenantId, JOB_INFO_RECIPIENT_KIND),
  ]);
  const jobConsent = consents.length > 0;
  return {
    dossierId: dossier.id,
    bornFromFlux: dossier.origin === 'flux_am' || fluxSignal,
    arrets: arrets.map((a) => ({
      id: a.id,
      recipient: a.emetteur ?? '',
      amArretId: a.external_id ?? '',
      startDate: a.start_date,
      endDate: a.actual_end_date ?? a.expected_end_date,
      cancelled: a.cancelled_at !== null,
    })),
    jobConsent: {
      given: jobConsent,
      grantedAt: consents[0]?.granted_at ?? null,
      organisationName: consents[0]?.organisation_name ?? null,
    },
    recipients: cpams.map((o) => ({ id: o.id, name: o.name })),
    types: AM_RETURN_TYPES.map((t) => ({ code: t.code, label: t.label })),
    messages: rows.map((r) => toAmReturnDto(r, jobConsent)),
  };
}
