/**
 * The author's own saisines with their status (« Reçue » / « Prise en charge par la cellule »),
 * and the workers each author may name in a saisine.
 */
import * as repo from '../../db/repositories/intake-signals.repository';
import * as workers from '../../db/repositories/worker.repository';
import { ensure } from '../../domain/access';
import { civilDate } from '../../domain/calendar/dates';
import { forbidden } from '../../domain/errors';
import { saisineAuthorKind, SAISINE_STATUS_LABELS } from '../../domain/intake/declarations';
import type { Ctx } from '../context';
import { workerDisplayName } from '../worker/worker-format';

export async function listMySaisines(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'saisine.create');
  if (!p.userId) throw forbidden();
  const rows = await repo.findSaisinesOfAuthor(ctx.trx, p.tenantId, p.userId, 200);
  return {
    items: rows.map((r) => {
      const status = r.dossier_state && r.dossier_state !== 'signale' ? 'prise_en_charge' : 'recue';
      return { id: r.id, workerName: workerDisplayName(r), reason: r.reason, createdAt: r.created_at, status, statusLabel: SAISINE_STATUS_LABELS[status] };
    }),
  };
}

/**
 * Workers the author may name: the employer's current workers, the workers who consented to the
 * partner's organisation, the worker himself. The team searches the whole service instead
 * (GET /api/v1/workers), so its list is empty.
 */
export async function listSaisineWorkers(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'saisine.create');
  const kind = saisineAuthorKind(p.role);
  let rows: { id: string; birth_name: string; usage_name: string | null; first_names: string }[] = [];
  if (kind === 'employeur' && p.companyId) rows = await workers.findWorkersOfCompany(ctx.trx, p.tenantId, p.companyId, civilDate(ctx.now), 500);
  else if (kind === 'partenaire') rows = await repo.findWorkersConsentedTo(ctx.trx, p.tenantId, p.organisationId, 500);
  else if (kind === 'salarie' && p.workerId) {
    const w = await repo.findWorkerIdentity(ctx.trx, p.tenantId, p.workerId);
    rows = w ? [w] : [];
  }
  return {
    authorKind: kind,
    canIdentifyByNir: kind === 'partenaire' && p.organisationKind === 'service_medical',
    items: rows.map((r) => ({ id: r.id, displayName: workerDisplayName(r) })),
  };
}
