/**
 * Applies the intake rules (src/domain/intake/rules.ts) to arrêts that were just created or
 * changed: creates the tasks and deadlines they call for, set-based (one read, one insert and
 * at most two updates per call, whatever the number of arrêts), idempotent (a task is unique per
 * rule and subject). Called by every channel that writes arrêts, inside its transaction.
 *
 * Tasks exist for workers the cell has taken on (issue 14): a worker without an open dossier
 * who is in triage « À qualifier » gets one « Qualifier le signalement » task instead of his rule
 * tasks, which appear when his dossier opens (src/services/intake/triage-decider.ts); a worker the
 * cell set aside (« Non retenu », « Hors périmètre ») gets none (domain/intake/triage.ts).
 */
import type { Kysely } from 'kysely';
import * as rulesRepo from '../../db/repositories/intake-rules.repository';
import * as settingsRepo from '../../db/repositories/tenant-setting.repository';
import * as taskRepo from '../../db/repositories/task.repository';
import * as triageRepo from '../../db/repositories/triage.repository';
import type { DB } from '../../db/schema';
import { civilDate } from '../../domain/calendar/dates';
import { addDays, addYears } from '../../domain/calendar/dates';
import { ARRET_SCOPED_RULES, evaluateArrets, type RuleArret, type RuleWorker, type TaskProposal } from '../../domain/intake/rules';
import { rulesConfigFrom, type IntakeRulesConfig } from '../../domain/intake/rules-config';
import { OPEN_STATES } from '../../domain/dossier/states';
import { gateTasksByTriage } from '../../domain/intake/triage';
import { step } from '../../shared/timing';

/** The service's rule configuration (defaults merged with its `intake_rules` setting). */
export async function loadRulesConfig(trx: Kysely<DB>, tenantId: string): Promise<IntakeRulesConfig> {
  const row = await settingsRepo.findSetting(trx, tenantId, settingsRepo.RULES_SETTING_KEY);
  return rulesConfigFrom(row?.value ?? null);
}

/** First day whose arrêts matter: those of the IJ window and of an ALD episode still open (+ one reset year). */
export function lookBackSince(today: string, config: IntakeRulesConfig): string {
  const lookBackYears = Math.max(config.ijWindowYears, config.aldMaxYears) + config.aldResetYears;
  return addDays(addYears(today, -lookBackYears), -1);
}

export interface RuleFacts {
  targets: RuleArret[];
  byWorker: Map<string, RuleArret[]>;
  workers: Map<string, RuleWorker>;
}

/** The arrêts `ids`, every other arrêt of their workers over the look-back, and the workers (one statement). */
export async function loadRuleFacts(trx: Kysely<DB>, tenantId: string, ids: readonly string[], config: IntakeRulesConfig, today: string): Promise<RuleFacts> {
  const rows = await step('rules.findRuleFacts', () => rulesRepo.findRuleFacts(trx, tenantId, ids, lookBackSince(today, config), OPEN_STATES));
  const targets: RuleArret[] = [];
  const byWorker = new Map<string, RuleArret[]>();
  const workers = new Map<string, RuleWorker>();
  for (const r of rows) {
    const a: RuleArret = {
      id: r.id,
      workerId: r.worker_id,
      nature: r.nature,
      startDate: r.start_date,
      expectedEndDate: r.expected_end_date,
      actualEndDate: r.actual_end_date,
      ald: r.ald,
      cancelled: r.cancelled,
    };
    if (r.target) targets.push(a);
    const list = byWorker.get(r.worker_id);
    if (list) list.push(a);
    else byWorker.set(r.worker_id, [a]);
    if (!workers.has(r.worker_id)) {
      workers.set(r.worker_id, { id: r.worker_id, birthDate: r.birth_date, dossierId: r.dossier_id, miCarriereVisitOn: r.mi_carriere_visit_on, miCarriereDoneYear: r.mi_carriere_done_year });
    }
  }
  return { targets, byWorker, workers };
}

export const toTaskRows = (tasks: readonly TaskProposal[]) =>
  tasks.map((t) => ({ workerId: t.workerId, dossierId: t.dossierId, kind: t.ruleId, title: t.title, dueDate: t.dueDate, ruleId: t.ruleId, subjectRef: t.subjectRef }));

/**
 * Evaluates the rules for `arretIds` and writes the resulting tasks. Returns the number of
 * tasks created (tasks already there are kept as they are).
 */
export async function applyArretRules(trx: Kysely<DB>, tenantId: string, arretIds: readonly string[], now: Date): Promise<number> {
  const ids = [...new Set(arretIds)];
  if (ids.length === 0) return 0;
  const config = await loadRulesConfig(trx, tenantId);
  const today = civilDate(now);
  const { targets, byWorker, workers } = await loadRuleFacts(trx, tenantId, ids, config, today);

  const e = await step('rules.evaluate', async () => evaluateArrets(targets, byWorker, workers, config, today));
  if (e.cancelledArretIds.length > 0) await step('rules.cancelOpenArretTasks', () => taskRepo.cancelOpenArretTasks(trx, tenantId, e.cancelledArretIds, ARRET_SCOPED_RULES, now));
  const evaluated = [...e.repriseSubjects.keys()];
  const keep = [...e.repriseSubjects.values()].filter((s): s is string => s !== null);
  if (evaluated.length > 0) await step('rules.cancelStaleRepriseTasks', () => taskRepo.cancelStaleRepriseTasks(trx, tenantId, evaluated, keep, now));
  const outside = [...new Set(e.tasks.filter((t) => t.dossierId === null).map((t) => t.workerId))];
  const triageOf = outside.length > 0 ? await step('rules.findWorkerTriage', () => triageRepo.findWorkerTriage(trx, tenantId, outside)) : new Map();
  const gated = gateTasksByTriage(e.tasks, triageOf);
  const triaged = gated.triage.length > 0 ? await step('rules.insertTriageTasks', () => triageRepo.insertTriageTasks(trx, tenantId, gated.triage, now)) : 0;
  return triaged + (await step('rules.insertRuleTasks', () => taskRepo.insertRuleTasks(trx, tenantId, toTaskRows(gated.kept), now)));
}
