/** The API shape of a visit; the outcome only for those who may read its category. */
import type { VisitRow } from '../../../db/repositories/visit.repository';
import { civilDate } from '../../../domain/calendar/dates';
import {
  isVisitKind,
  outcomeLabel,
  repriseTiming,
  VISIT_KIND_BASIS,
  VISIT_KIND_LABELS,
  VISIT_REQUESTER_LABELS,
  VISIT_STATUS_LABELS,
  type VisitKind,
  type VisitRequester,
  type VisitStatus,
} from '../../../domain/parcours/visits';

export function visitTiming(kind: string, returnDate: string | null, scheduledAt: Date, deadlineDays: number) {
  if (kind !== 'reprise' || !returnDate) return null;
  return repriseTiming(returnDate, civilDate(scheduledAt), deadlineDays);
}

export function formatVisit(r: VisitRow, opts: { showOutcome: boolean; deadlineDays: number }) {
  const kind = (isVisitKind(r.kind) ? r.kind : 'demande') as VisitKind;
  return {
    id: r.id,
    dossierId: r.dossier_id,
    workerId: r.worker_id,
    kind,
    kindLabel: VISIT_KIND_LABELS[kind],
    basis: VISIT_KIND_BASIS[kind],
    scheduledAt: r.scheduled_at,
    place: r.place,
    professional: r.professional_user_id ? { id: r.professional_user_id, displayName: r.professional_name ?? '' } : null,
    status: r.status,
    statusLabel: VISIT_STATUS_LABELS[r.status as VisitStatus] ?? r.status,
    requestedBy: r.requested_by,
    requestedByLabel: r.requested_by ? (VISIT_REQUESTER_LABELS[r.requested_by as VisitRequester] ?? r.requested_by) : null,
    returnDate: r.return_date,
    reprise: visitTiming(kind, r.return_date, r.scheduled_at, opts.deadlineDays),
    taskId: r.task_id,
    outcomeVisible: opts.showOutcome,
    outcome: opts.showOutcome ? outcomeLabel(kind, r.outcome) : null,
    liaisonOutcome: kind === 'liaison' && opts.showOutcome ? r.outcome : null,
  };
}

export type Visit = ReturnType<typeof formatVisit>;
