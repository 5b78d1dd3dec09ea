/** Shared by the measure services: access to a dossier's plan, presentation, timeline notes. */
import * as measures from '../../../db/repositories/measure.repository';
import { can, ensure } from '../../../domain/access';
import { forbidden, notFound } from '../../../domain/errors';
import { addDays, civilDate } from '../../../domain/calendar/dates';
import {
  approvalLabel,
  catalogueMeasure,
  checkApprovals,
  CRPE_ELIGIBILITY_LABELS,
  eligibilityFrom,
  frDate,
  isMeasureCode,
  measureLabel,
  measureAdvisories,
  missingApprovals,
  type MeasureArret,
  type MeasureCode,
} from '../../../domain/parcours/catalogue';
import {
  allowedMeasureTransitions,
  APPROVAL_STATUSES,
  isMeasureStatus,
  MEASURE_STATUS_LABELS,
  MEASURE_TRANSITION_LABELS,
  measureTransitionRequiresReason,
  RENEWABLE_STATUSES,
  type MeasureStatus,
} from '../../../domain/parcours/measure-states';
import type { Ctx, TimelineNote } from '../../context';
import { dossierNotFound, loadDossier } from '../../dossier/dossier-access';

export type Measure = NonNullable<Awaited<ReturnType<typeof measures.findMeasure>>>;
export type Approval = Awaited<ReturnType<typeof measures.findApprovals>>[number];

export const measureNotFound = () => notFound('MESURE_INTROUVABLE', "Cette mesure n'existe pas ou vous n'y avez pas accès.");

/**
 * The dossier of a plan, for reading (sensitive data of the service's own dossiers: health
 * professionals and the cell; partners and employers have their own views) or for writing
 * (capability measure.manage). A dossier out of reach answers as absent.
 */
export async function loadPlanDossier(ctx: Ctx, dossierId: string, mode: 'read' | 'write', opts: { forUpdate?: boolean } = {}) {
  const p = ctx.principal;
  if (mode === 'write') ensure(p, 'measure.manage');
  const { dossier, relation } = await loadDossier(ctx, dossierId, opts);
  if (relation !== 'service' || !can(p, mode, 'sensitive', relation)) {
    // The service's own staff without the right are told so; anyone else sees no such dossier.
    if (relation === 'service') throw forbidden("Votre rôle ne permet pas d'accéder au plan de maintien.");
    throw dossierNotFound();
  }
  return dossier;
}

/** A measure and its dossier, checked like the dossier. */
export async function loadMeasure(ctx: Ctx, measureId: string, mode: 'read' | 'write') {
  const p = ctx.principal;
  if (mode === 'write') ensure(p, 'measure.manage');
  const m = await measures.findMeasure(ctx.trx, p.tenantId, measureId, { forUpdate: mode === 'write' });
  if (!m) throw measureNotFound();
  try {
    await loadPlanDossier(ctx, m.dossier_id, mode);
  } catch (e) {
    if ((e as { code?: string }).code === 'DOSSIER_INTROUVABLE') throw measureNotFound();
    throw e;
  }
  return m;
}

export const measureStatus = (m: { status: string }): MeasureStatus => (isMeasureStatus(m.status) ? m.status : 'proposee');
export const measureCode = (m: { catalogue_code: string }): MeasureCode | null => (isMeasureCode(m.catalogue_code) ? m.catalogue_code : null);

/** Arrêts of the worker as the catalogue rules read them. */
export function toMeasureArrets(rows: readonly { start_date: string; actual_end_date: string | null; expected_end_date: string | null; cancelled_at: unknown; nature: string }[]): MeasureArret[] {
  return rows.map((a) => ({ startDate: a.start_date, endDate: a.actual_end_date ?? a.expected_end_date, cancelled: a.cancelled_at !== null, nature: a.nature }));
}

export function periodText(start: string, end: string | null): string {
  return end ? `du ${frDate(start)} au ${frDate(end)}` : `à partir du ${frDate(start)}`;
}

/**
 * The full view of a measure for the cell (with approvals, what is missing, what may be done
 * next, on which ground a CRPE rests, and what the plan explains: `advisories`, computed from the
 * worker's arrêts when given — the PMSMP advice during an arrêt, the PTP seniority waiver).
 */
export function presentMeasure(m: Measure, approvals: readonly Approval[], mayWrite: boolean, arrets?: readonly MeasureArret[]) {
  const status = measureStatus(m);
  const code = measureCode(m);
  const entry = code ? catalogueMeasure(code) : null;
  const decisions = approvals.map((a) => ({ kind: a.kind, decision: a.decision as 'accord' | 'refus', decidedAt: a.decided_on }));
  const missing = code ? missingApprovals(code, decisions) : [];
  const blocking = code ? checkApprovals(code, decisions) : null;
  const renewable = entry !== null && RENEWABLE_STATUSES.includes(status) && (entry.limits.maxRenewals === null || m.renewals < entry.limits.maxRenewals) && m.end_date !== null;
  const eligibility = eligibilityFrom(m.eligibility);
  const advisories = code && arrets ? measureAdvisories(code, m.periods, arrets, { requestDate: civilDate(m.created_at), eligibility }) : [];
  const fractionable = entry !== null && entry.limits.fractionable === true && APPROVAL_STATUSES.includes(status) && m.end_date !== null;
  return {
    id: m.id,
    dossierId: m.dossier_id,
    code: m.catalogue_code,
    label: measureLabel(m.catalogue_code),
    catalogueVersion: m.catalogue_version,
    legalBasis: entry?.legalBasis ?? [],
    status,
    statusLabel: MEASURE_STATUS_LABELS[status],
    startDate: m.start_date,
    endDate: m.end_date,
    periods: m.periods.map((x, i) => ({ start: x.start, end: x.end, fraction: i > 0 && x.fraction === true })),
    renewals: m.renewals,
    maxRenewals: entry?.limits.maxRenewals ?? null,
    details: m.details,
    employerNote: m.employer_note,
    sharedWithWorker: m.shared_with_worker,
    employerVisible: m.employer_visible,
    employerVisibleAllowed: entry?.employerVisibleAllowed ?? false,
    statusReason: m.status_reason,
    proposedByName: m.proposed_by_name,
    createdAt: m.created_at,
    updatedAt: m.updated_at,
    approvals: approvals.map((a) => ({
      id: a.id,
      kind: a.kind,
      kindLabel: approvalLabel(a.kind),
      decision: a.decision,
      decisionLabel: a.decision === 'accord' ? 'Accord' : 'Refus',
      decidedOn: a.decided_on,
      byName: a.by_name,
      byOrganisation: a.by_organisation,
      note: a.note,
      recordedByName: a.recorded_by_name,
      recordedAt: a.recorded_at,
    })),
    requiredApprovals: (entry?.approvals ?? []).map((k) => ({ kind: k, label: approvalLabel(k), given: !missing.includes(k) })),
    missingApprovals: missing.map((k) => ({ kind: k, label: approvalLabel(k) })),
    blockingRule: blocking?.message ?? null,
    allowedTransitions: mayWrite
      ? allowedMeasureTransitions(status).map((to) => ({ to, label: MEASURE_TRANSITION_LABELS[to], requiresReason: measureTransitionRequiresReason(to) }))
      : [],
    mayRecordApproval: mayWrite && APPROVAL_STATUSES.includes(status),
    mayRenew: mayWrite && renewable,
    mayAddFraction: mayWrite && fractionable,
    eligibility: eligibility ? { ...eligibility, basisLabel: CRPE_ELIGIBILITY_LABELS[eligibility.basis] } : null,
    advisories,
    nextRenewalStart: (renewable || fractionable) && m.end_date ? addDays(m.end_date, 1) : null,
  };
}

/** The timeline entry of a measure event (kind 'measure'); shared with the worker when the measure is. */
export function measureEntry(m: Pick<Measure, 'dossier_id' | 'shared_with_worker'>, title: string, body: string): TimelineNote {
  return { dossierId: m.dossier_id, kind: 'measure', category: 'sensitive', title, body, sharedWithWorker: m.shared_with_worker };
}
