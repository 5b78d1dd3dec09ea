/**
 * « Mes déclarations »: the employer's own company's declarations with the only status he may
 * see (Reçue / Prise en charge par la cellule / À vérifier). Never a dossier, never medical data.
 * With the service's threshold, so the form says « plus de N jours » with the service's N.
 */
import * as repo from '../../db/repositories/intake-signals.repository';
import { declarationStatus, DECLARATION_STATUS_LABELS, isDeclarationNature, NATURE_LABELS } from '../../domain/intake/declarations';
import type { Ctx } from '../context';
import { workerDisplayName } from '../worker/worker-format';
import { employerCompany, loadDeclarationSettings } from './declaration-creator';

export const EMPLOYER_DECLARATION_LIMIT = 500;

export async function listMyDeclarations(ctx: Ctx) {
  const companyId = employerCompany(ctx);
  const rows = await repo.findDeclarationsOfCompany(ctx.trx, ctx.principal.tenantId, companyId, EMPLOYER_DECLARATION_LIMIT);
  const { minArretDays } = await loadDeclarationSettings(ctx);
  return {
    minArretDays,
    items: rows.map((r) => {
      const status = declarationStatus(r.status, r.dossier_state);
      return {
        id: r.id,
        workerName: workerDisplayName({ birth_name: r.birth_name, usage_name: null, first_names: r.first_names }),
        startDate: r.start_date,
        expectedEndDate: r.expected_end_date,
        nature: r.nature,
        natureLabel: isDeclarationNature(r.nature) ? NATURE_LABELS[r.nature] : r.nature,
        workerInformedVpr: r.worker_informed_vpr,
        channel: r.channel,
        declaredAt: r.declared_at,
        status,
        statusLabel: DECLARATION_STATUS_LABELS[status],
      };
    }),
  };
}
