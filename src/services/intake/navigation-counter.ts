/**
 * The counts shown as badges in the navigation (one request per app shell, whatever the
 * entries): only those the principal's capabilities open, each a plain number — no identity,
 * no health data. A count the principal may not see is absent, not zero.
 */
import * as fluxAdmin from '../../db/repositories/flux-admin.repository';
import * as returnsRepo from '../../db/repositories/am-return.repository';
import * as taskRepo from '../../db/repositories/task.repository';
import * as signalsRepo from '../../db/repositories/intake-signals.repository';
import * as triageRepo from '../../db/repositories/triage.repository';
import { has } from '../../domain/access';
import { civilDate } from '../../domain/calendar/dates';
import type { Ctx } from '../context';

export interface NavigationCounts {
  /** « Mes tâches »: my open tasks past their due date (task.manage, a user account). */
  overdueTasks?: number;
  /** « Signalements »: fiches de liaison without an answer and employer declarations « À vérifier » (signal.read). */
  signalsToProcess?: number;
  /** « À qualifier »: workers whose signals wait for the cell's decision (signal.read). */
  triageToQualify?: number;
  /** « Identités à rapprocher »: quarantined flux lines waiting for a person (quarantine.resolve). */
  quarantineToResolve?: number;
  /** « Retours à l'Assurance maladie »: messages refused by the caisse (amreturn.manage). */
  amReturnsInError?: number;
}

export async function countNavigation(ctx: Ctx): Promise<NavigationCounts> {
  const p = ctx.principal;
  const t = p.tenantId;
  const out: NavigationCounts = {};
  if (has(p, 'task.manage') && p.userId) {
    out.overdueTasks = (await taskRepo.countTasks(ctx.trx, { tenantId: t, mineOf: p.userId, status: 'a_faire' }, civilDate(ctx.now))).overdue;
  }
  if (has(p, 'signal.read')) {
    out.signalsToProcess = (await signalsRepo.countPendingVpr(ctx.trx, t)) + (await signalsRepo.countDeclarationsToVerify(ctx.trx, t));
  }
  if (has(p, 'signal.read')) out.triageToQualify = await triageRepo.countOpen(ctx.trx, t);
  if (has(p, 'quarantine.resolve')) out.quarantineToResolve = (await fluxAdmin.countQuarantineByStatus(ctx.trx, t)).a_traiter;
  if (has(p, 'amreturn.manage')) out.amReturnsInError = (await returnsRepo.countByStatus(ctx.trx, t)).en_erreur ?? 0;
  return out;
}
