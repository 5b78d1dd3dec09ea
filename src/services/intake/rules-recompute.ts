/**
 * Recomputing the tasks already created when the rules change (issue 13: absences of
 * contiguous arrêts, the 2022 reform dates, maternité, IJ less the carence, calendar-year ALD
 * reset, anticipated mi-carrière). A SQL migration cannot run the rules, so the recompute runs
 * once per service at start-up, after the migrations (`runRulesRecomputeOnce`, called by
 * `maintien serve|start|migrate`), and records the version applied in the service's setting
 * `intake_rules_version`: the next starts do nothing.
 *
 * Scope: the open rule tasks (`a_faire`) of open dossiers; done and cancelled tasks stay as
 * they are. Each open task is judged against the current rules (evaluated without the
 * « only while it runs » and history filters, which only decide whether a *new* task is
 * worth creating):
 * - still called for → kept as is (owner, due date);
 * - called for under another subject (the pré-reprise, liaison or reprise of an absence now
 *   belongs to its first arrêt) → moved to that subject, keeping its owner; a reprise takes
 *   the new due date;
 * - no longer called for (a maternité's pré-reprise or liaison, an IJ alarm that the carence
 *   moves, an ALD period merged by the calendar-year reset, a mi-carrière already held) →
 *   cancelled (`annule`);
 * - about an arrêt or a period the recompute does not see (older than the look-back) → kept.
 * Then the tasks the current rules call for today are inserted (idempotent, as by every channel).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import * as orgs from '../../db/repositories/organisation.repository';
import * as rulesRepo from '../../db/repositories/intake-rules.repository';
import * as settingsRepo from '../../db/repositories/tenant-setting.repository';
import * as taskRepo from '../../db/repositories/task.repository';
import type { DB } from '../../db/schema';
import { civilDate } from '../../domain/calendar/dates';
import { OPEN_STATES } from '../../domain/dossier/states';
import { arretSubject, evaluateArrets, miCarriereCovered, type TaskProposal } from '../../domain/intake/rules';
import { systemPrincipal, withCtx } from '../context';
import { loadRuleFacts, loadRulesConfig, lookBackSince, toTaskRows } from './arret-rules-applier';

/** Version of the intake rules; raise it when a change of the rules calls for a recompute. */
export const RULES_VERSION = 2;
/** tenant_setting key recording the rules version whose recompute was applied. */
export const RULES_VERSION_SETTING_KEY = 'intake_rules_version';

export interface RecomputeResult {
  evaluatedArrets: number;
  openTasks: number;
  kept: number;
  moved: number;
  cancelled: number;
  created: number;
}

const key = (rule: string, subject: string) => `${rule}|${subject}`;

/** Recomputes the open rule tasks of the open dossiers of one service (inside its transaction). */
export async function recomputeRuleTasks(trx: Kysely<DB>, tenantId: string, now: Date): Promise<RecomputeResult> {
  const config = await loadRulesConfig(trx, tenantId);
  const today = civilDate(now);
  const ids = await rulesRepo.findArretIdsOfOpenDossierWorkers(trx, tenantId, lookBackSince(today, config), OPEN_STATES);
  const facts = await loadRuleFacts(trx, tenantId, ids, config, today);
  const current = evaluateArrets(facts.targets, facts.byWorker, facts.workers, config, today);
  const justified = evaluateArrets(facts.targets, facts.byWorker, facts.workers, config, today, { existing: true });
  const justifiedTasks = new Map<string, TaskProposal>(justified.tasks.map((t) => [key(t.ruleId, t.subjectRef), t]));
  const arretWorker = new Map<string, string>();
  for (const a of facts.targets) arretWorker.set(a.id, a.workerId);

  const open = await taskRepo.findOpenRuleTasksOfOpenDossiers(trx, tenantId, OPEN_STATES);
  const cancel: string[] = [];
  const moves: Array<{ id: string; subjectRef: string; dueDate: string | null }> = [];
  const claimed = new Set<string>();
  let kept = 0;
  for (const t of open) {
    if (justifiedTasks.has(key(t.rule_id, t.subject_ref))) {
      kept++;
      continue;
    }
    const parts = t.subject_ref.split(':');
    const worker = facts.workers.get(t.worker_id);
    if (t.rule_id === 'mi_carriere') {
      const year = Number(parts[2]);
      if (worker && Number.isInteger(year) && miCarriereCovered(worker, year, config)) cancel.push(t.id);
      else kept++;
      continue;
    }
    if (t.rule_id === 'fin_droits_ald') {
      // worker:<id>:ald:<start>: judged only when an ALD arrêt loaded starts that day.
      const start = parts[3];
      const arrets = facts.byWorker.get(t.worker_id) ?? [];
      if (!arrets.some((a) => a.ald && !a.cancelled && a.startDate === start)) {
        kept++;
        continue;
      }
      // Its period is no longer one (the calendar-year reset merged it into an earlier one): the
      // task of the period it now belongs to comes with the insert below.
      cancel.push(t.id);
      continue;
    }
    // Arrêt-scoped rules: arret:<id>[:<return>].
    const arretId = parts[0] === 'arret' ? parts[1] : null;
    if (!arretId || arretWorker.get(arretId) !== t.worker_id) {
      kept++;
      continue;
    }
    let target: TaskProposal | undefined;
    if (t.rule_id === 'pre_reprise' || t.rule_id === 'rdv_liaison') {
      const head = justified.incapacityHeads.get(arretId);
      if (head && head !== arretId) target = justifiedTasks.get(key(t.rule_id, arretSubject(head)));
    } else if (t.rule_id === 'visite_reprise') {
      // The reprise subject of the absence holding the arrêt (held by its head).
      const head = justified.absenceHeads.get(arretId);
      const subject = head ? justified.repriseSubjects.get(head) : null;
      if (subject) target = justifiedTasks.get(key('visite_reprise', subject));
    }
    if (target && !claimed.has(key(target.ruleId, target.subjectRef))) {
      claimed.add(key(target.ruleId, target.subjectRef));
      moves.push({ id: t.id, subjectRef: target.subjectRef, dueDate: t.rule_id === 'visite_reprise' ? target.dueDate : null });
    } else cancel.push(t.id);
  }
  const moved = await taskRepo.resubjectRuleTasks(trx, tenantId, moves);
  const movedSet = new Set(moved);
  for (const m of moves) if (!movedSet.has(m.id)) cancel.push(m.id);
  const cancelled = await taskRepo.cancelOpenTasks(trx, tenantId, cancel, now);
  // The tasks the rules call for today (a task moved above is already there: not duplicated).
  // A pré-reprise or liaison already done (or cancelled) about another arrêt of the same absence
  // is that absence's: not proposed again under its head's subject.
  const members = new Map<string, string[]>();
  for (const [arretId, head] of justified.incapacityHeads) {
    const list = members.get(head);
    if (list) list.push(arretId);
    else members.set(head, [arretId]);
  }
  const existing = new Set((await taskRepo.findRuleTaskKeys(trx, tenantId, ['pre_reprise', 'rdv_liaison'], [...facts.workers.keys()])).map((r) => key(r.rule_id, r.subject_ref)));
  const insert = new Map<string, TaskProposal>();
  for (const t of current.tasks) {
    if (t.ruleId === 'pre_reprise' || t.ruleId === 'rdv_liaison') {
      const head = t.subjectRef.split(':')[1];
      if ((members.get(head) ?? []).some((id) => id !== head && existing.has(key(t.ruleId, arretSubject(id))))) continue;
    }
    insert.set(key(t.ruleId, t.subjectRef), t);
  }
  const created = await taskRepo.insertRuleTasks(trx, tenantId, toTaskRows([...insert.values()]), now);
  return { evaluatedArrets: facts.targets.length, openTasks: open.length, kept, moved: moved.length, cancelled, created };
}

/**
 * Runs the recompute once per service whose recorded rules version is older than
 * RULES_VERSION, each service in its own transaction (an advisory lock per service keeps two
 * nodes starting together from doing it twice), with an audit event `task.recompute_rules`
 * carrying the counts. Returns the services recomputed.
 */
export async function runRulesRecomputeOnce(database: Database, now = new Date()): Promise<Array<{ slug: string } & RecomputeResult>> {
  const done: Array<{ slug: string } & RecomputeResult> = [];
  for (const tenant of await orgs.listTenants(database.db)) {
    const [spsti] = await orgs.findOrganisationsByKind(database.db, tenant.id, 'spsti');
    if (!spsti) continue;
    const r = await withCtx(
      database,
      systemPrincipal(tenant.id, spsti.id, 'Système (recalcul des tâches des règles)'),
      async (ctx) => {
        await rulesRepo.lockRulesRecompute(ctx.trx, tenant.id);
        const row = await settingsRepo.findSetting(ctx.trx, tenant.id, RULES_VERSION_SETTING_KEY);
        const applied = Number((row?.value as { version?: unknown } | undefined)?.version ?? 0);
        if (applied >= RULES_VERSION) return null;
        const result = await recomputeRuleTasks(ctx.trx, tenant.id, ctx.now);
        await settingsRepo.upsertSetting(ctx.trx, tenant.id, RULES_VERSION_SETTING_KEY, { version: RULES_VERSION, appliedAt: ctx.now.toISOString(), ...result }, null, ctx.now);
        await ctx.record({ action: 'task.recompute_rules', subjectType: 'tenant', subjectId: tenant.id, category: 'administrative', details: { version: RULES_VERSION, ...result } });
        return result;
      },
      now,
    );
    if (r) done.push({ slug: tenant.slug, ...r });
  }
  return done;
}
