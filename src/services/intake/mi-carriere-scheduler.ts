/**
 * Visite de mi-carrière for a whole service (C. trav. L4624-2-2): one task « Visite de
 * mi-carrière » due 31/12 for every currently employed worker whose 45th birthday (or the
 * configured age) falls in the current year, in one statement — not for a worker whose visit
 * was already held or planned, possibly anticipated and coupled with another visit in the two
 * years before (L4624-2-2), nor whose mi-carrière task of the year is done. Idempotent: running it again
 * the same year creates nothing (the task is unique per worker and year). Meant for a yearly
 * (or nightly) job: the CLI can call it as the system principal.
 */
import * as taskRepo from '../../db/repositories/task.repository';
import { ensure, has } from '../../domain/access';
import { civilDate } from '../../domain/calendar/dates';
import { miCarriereBirthYear, miCarriereWindowStart, RULE_TASK_TITLES } from '../../domain/intake/rules';
import type { Ctx } from '../context';
import { OPEN_STATES } from '../../domain/dossier/states';
import { loadRulesConfig } from './arret-rules-applier';

export async function miCarriereScheduler(ctx: Ctx) {
  const p = ctx.principal;
  // The cell, or the administrator who sets the rules (the CLI acts as the system administrator).
  if (!has(p, 'settings.manage')) ensure(p, 'task.manage');
  const config = await loadRulesConfig(ctx.trx, p.tenantId);
  const today = civilDate(ctx.now);
  const year = Number(today.slice(0, 4));
  const born = miCarriereBirthYear(today, config);
  const created = await taskRepo.insertMiCarriereTasks(ctx.trx, {
    tenantId: p.tenantId,
    bornFrom: `${born}-01-01`,
    bornTo: `${born}-12-31`,
    year,
    title: RULE_TASK_TITLES.mi_carriere,
    today,
    openStates: OPEN_STATES,
    at: ctx.now,
    coveredFrom: miCarriereWindowStart(year, config),
  });
  await ctx.record({ action: 'task.schedule_mi_carriere', subjectType: 'tenant', subjectId: p.tenantId, category: 'administrative', details: { year, created } });
  return { year, created };
}
