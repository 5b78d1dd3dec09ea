/**
 * Reading visits: the visits of a case (cell), the cell's agenda (upcoming, by professional),
 * the worker's own appointments (carnet) and the employer's view of his employees' visits —
 * dates only, never an outcome, and never a visite de pré-reprise (domain/parcours/visits.ts).
 */
import * as visits from '../../../db/repositories/visit.repository';
import { can, ensure } from '../../../domain/access';
import { civilDate } from '../../../domain/calendar/dates';
import { forbidden, invalid } from '../../../domain/errors';
import { addDays } from '../../../domain/calendar/dates';
import { RULE_TASK_TITLES, type RuleId } from '../../../domain/intake/rules';
import { employerMaySeeVisit, isVisitKind, outcomeCategory, VISIT_KIND_LABELS, VISIT_STATUS_LABELS, VISIT_TASK_RULE, type VisitKind, type VisitStatus } from '../../../domain/parcours/visits';
import { workerDisplayName } from '../../worker/worker-format';
import type { Ctx } from '../../context';
import { loadDossier } from '../../dossier/dossier-access';
import { loadRulesConfig } from '../../intake/arret-rules-applier';
import { formatVisit } from './visit-format';

const TASK_RULES = [...new Set(Object.values(VISIT_TASK_RULE).filter((r): r is RuleId => r !== null))];

/** Visits of a case, with the open rule tasks a new visit may answer. */
export async function listDossierVisits(ctx: Ctx, dossierId: string) {
  const p = ctx.principal;
  ensure(p, 'visit.manage');
  const { dossier, relation } = await loadDossier(ctx, dossierId);
  if (relation !== 'service') throw forbidden();
  const [rows, tasks, config] = await Promise.all([
    visits.findVisitsOfDossier(ctx.trx, p.tenantId, dossier.id),
    visits.findOpenVisitTasks(ctx.trx, p.tenantId, dossier.worker_id, TASK_RULES),
    loadRulesConfig(ctx.trx, p.tenantId),
  ]);
  const items = rows.map((r) => formatVisit(r, { showOutcome: isVisitKind(r.kind) && can(p, 'read', outcomeCategory(r.kind), relation), deadlineDays: config.repriseDeadlineDays }));
  const medicalShown = rows.some((r) => r.outcome !== null && isVisitKind(r.kind) && outcomeCategory(r.kind) === 'medical' && can(p, 'read', 'medical', relation));
  // Domain §10: every read of health data is traced.
  if (medicalShown) {
    await ctx.record({ action: 'visit.read', subjectType: 'dossier', subjectId: dossier.id, category: 'medical', details: { visits: rows.length } });
  }
  return {
    items,
    openTasks: tasks.map((t) => ({ id: t.id, ruleId: t.rule_id, title: t.title ?? RULE_TASK_TITLES[t.rule_id as RuleId], dueDate: t.due_date })),
    repriseDeadlineDays: config.repriseDeadlineDays,
  };
}

export interface AgendaProps {
  from?: string;
  days?: number;
  professionalUserId?: string;
}

/** The cell's agenda: planned visits from a day (default today) over `days` (default 14, at most 92). */
export async function listAgenda(ctx: Ctx, props: AgendaProps) {
  const p = ctx.principal;
  ensure(p, 'visit.manage');
  const fromDay = props.from ?? civilDate(ctx.now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fromDay) || Number.isNaN(Date.parse(fromDay))) throw invalid('DATE_INVALIDE', 'Date de début invalide (AAAA-MM-JJ).', 'from');
  const days = props.days ?? 14;
  if (!Number.isInteger(days) || days < 1 || days > 92) throw invalid('PERIODE_INVALIDE', "La période de l'agenda va de 1 à 92 jours.", 'days');
  const parisMidnight = (iso: string) => new Date(`${iso}T00:00:00${parisOffset(iso)}`);
  const rows = await visits.findAgenda(ctx.trx, p.tenantId, { from: parisMidnight(fromDay), to: parisMidnight(addDays(fromDay, days)), professionalUserId: props.professionalUserId ?? null, limit: 1000 });
  const config = await loadRulesConfig(ctx.trx, p.tenantId);
  return {
    from: fromDay,
    days,
    items: rows.map((r) => ({
      ...formatVisit(r, { showOutcome: false, deadlineDays: config.repriseDeadlineDays }),
      dossierReference: r.reference,
      workerName: workerDisplayName({ birth_name: r.birth_name, usage_name: r.usage_name, first_names: r.first_names }),
    })),
  };
}

/** UTC offset of Paris on a civil day (+01:00 or +02:00). */
function parisOffset(iso: string): string {
  const noon = new Date(`${iso}T12:00:00Z`);
  const h = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(noon));
  return `+${String(h - 12).padStart(2, '0')}:00`;
}

/** The worker's own appointments (carnet): date, kind, place, professional, status — no outcome. */
export async function listMyVisits(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'worker.space');
  if (!p.workerId) return { items: [] };
  const rows = await visits.findVisitsOfWorker(ctx.trx, p.tenantId, p.workerId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      kindLabel: VISIT_KIND_LABELS[r.kind as VisitKind] ?? r.kind,
      scheduledAt: r.scheduled_at,
      place: r.place,
      professionalName: r.professional_name,
      status: r.status,
      statusLabel: VISIT_STATUS_LABELS[r.status as VisitStatus] ?? r.status,
      upcoming: r.status === 'planifiee' && r.scheduled_at.getTime() >= ctx.now.getTime(),
    })),
  };
}

/** Employer space: visits of his current employees that he may know of (no outcome, no pré-reprise). */
export async function listEmployerVisits(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'employer.space');
  if (!p.companyId) return { items: [] };
  const since = new Date(ctx.now.getTime() - 92 * 86_400_000);
  const rows = await visits.findVisitsOfCompany(ctx.trx, p.tenantId, p.companyId, civilDate(ctx.now), since, 500);
  return {
    items: rows
      .filter((r) => isVisitKind(r.kind) && employerMaySeeVisit(r.kind, r.requested_by))
      .map((r) => ({
        id: r.id,
        workerId: r.worker_id,
        workerName: workerDisplayName({ birth_name: r.birth_name, usage_name: r.usage_name, first_names: r.first_names }),
        kind: r.kind,
        kindLabel: VISIT_KIND_LABELS[r.kind as VisitKind],
        scheduledAt: r.scheduled_at,
        place: r.place,
        status: r.status,
        statusLabel: VISIT_STATUS_LABELS[r.status as VisitStatus] ?? r.status,
      })),
  };
}
