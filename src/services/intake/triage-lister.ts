/**
 * « À qualifier »: one row per worker whose signals wait for the cell's decision, with what it
 * decides on — the absence so far (the absence the intake rules measure, counted at `ctx.now`)
 * and its nature, the motif, the employer and whether it is a member company, earlier dossiers
 * and their outcome, the signed index level (only for those who may read it), age, received date. Filters: status, source, member company, absence length,
 * name. Also the flux lines out of the service's scope (« Hors périmètre »).
 */
import * as triage from '../../db/repositories/triage.repository';
import { canReadShared, ensure } from '../../domain/access';
import { civilDate } from '../../domain/calendar/dates';
import { ageAt } from '../../domain/risk/health-model';
import { isDossierOrigin, ORIGIN_LABELS } from '../../domain/dossier/origins';
import { isDossierState, STATE_LABELS } from '../../domain/dossier/states';
import { invalid } from '../../domain/errors';
import { absenceNatureLabel, orderNatures } from '../../domain/intake/absence-so-far';
import { NATURE_LABELS } from '../../domain/intake/declarations';
import {
  isTriageStatus,
  OUT_OF_SCOPE_ANSWER,
  OUT_OF_SCOPE_STATUS_LABELS,
  OUT_OF_SCOPE_STATUSES,
  TRIAGE_STATUS_LABELS,
  TRIAGE_STATUSES,
  type OutOfScopeStatus,
  type TriageStatus,
} from '../../domain/intake/triage';
import type { Ctx } from '../context';
import { workerDisplayName } from '../worker/worker-format';

export const TRIAGE_PAGE_SIZE = 50;
export const TRIAGE_SORTS = ['recu', 'absence', 'echeance'] as const;

export interface TriageQuery {
  status?: string;
  source?: string[];
  member?: 'oui' | 'non';
  minDays?: number;
  q?: string;
  sort?: string;
  page?: number;
  pageSize?: number;
}

/** The repository filter of a query (shared by the list and the bulk decision « all rows of the filter »). */
export function triageFilter(ctx: Ctx, q: TriageQuery): triage.TriageFilter {
  const status = q.status ?? 'a_qualifier';
  if (!isTriageStatus(status)) throw invalid('STATUT_INCONNU', `Statut inconnu : « ${status} ».`, 'status');
  const sources = (q.source ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  for (const s of sources) if (!isDossierOrigin(s)) throw invalid('SOURCE_INCONNUE', `Source inconnue : « ${s} ».`, 'source');
  if (q.member !== undefined && q.member !== 'oui' && q.member !== 'non') throw invalid('VALEUR_INCONNUE', 'Entreprise adhérente : « oui » ou « non ».', 'member');
  if (q.minDays !== undefined && (!Number.isInteger(q.minDays) || q.minDays < 0 || q.minDays > 100_000)) {
    throw invalid('NOMBRE_INVALIDE', 'La durée d’absence minimale doit être un nombre de jours.', 'minDays');
  }
  const search = q.q?.trim().slice(0, 100) || undefined;
  return {
    tenantId: ctx.principal.tenantId,
    status,
    source: sources,
    member: q.member === undefined ? undefined : q.member === 'oui',
    minDays: q.minDays,
    search,
    today: civilDate(ctx.now),
  };
}

const sourceLabel = (s: string) => (isDossierOrigin(s) ? ORIGIN_LABELS[s] : s);

/**
 * The row's absence « à ce jour » (computed by the SQL of `absenceSoFar`, at `ctx.now`): its start,
 * its last day (null while open-ended), days so far, whether it runs today, its nature (the most
 * protective of its arrêts, the others named in the label) and whether a TPT is running.
 */
function absenceOf(r: triage.TriageRow) {
  if (r.absence_start === null) return null;
  const natures = orderNatures(r.absence_natures ?? []);
  return {
    startDate: r.absence_start,
    endDate: r.absence_end,
    days: Number(r.absence_days),
    ongoing: r.absence_ongoing === true,
    tpt: r.absence_tpt === true,
    nature: natures[0] ?? '',
    natureLabel: absenceNatureLabel(natures, NATURE_LABELS),
  };
}

export async function listTriage(ctx: Ctx, q: TriageQuery) {
  const p = ctx.principal;
  ensure(p, 'signal.read');
  const f = triageFilter(ctx, q);
  const sort = (q.sort ?? 'recu') as triage.TriageSort;
  if (!(TRIAGE_SORTS as readonly string[]).includes(sort)) throw invalid('TRI_INCONNU', `Tri inconnu : « ${sort} ».`, 'sort');
  const pageSize = Math.min(Math.max(q.pageSize ?? TRIAGE_PAGE_SIZE, 1), 200);
  const page = Math.max(q.page ?? 1, 1);
  const [rows, total, byStatus] = await Promise.all([
    triage.findItemsPage(ctx.trx, f, { sort, limit: pageSize, offset: (page - 1) * pageSize }),
    triage.countItems(ctx.trx, f),
    triage.countByStatus(ctx.trx, p.tenantId),
  ]);
  // The signed level is the risk index's final level (sensitive): shown only to whom may read it, and audited.
  const withLevel = canReadShared(p, 'risk.final_level', 'service');
  const shown = rows.filter((r) => withLevel && r.index_level !== null);
  if (shown.length > 0) {
    await ctx.record({ action: 'triage.list', subjectType: 'triage_item', subjectId: null, category: 'sensitive', details: { items: shown.map((r) => r.id) } });
  }
  const today = civilDate(ctx.now);
  return {
    items: rows.map((r) => ({
      id: r.id,
      status: r.status as TriageStatus,
      statusLabel: TRIAGE_STATUS_LABELS[r.status as TriageStatus] ?? r.status,
      firstReceivedAt: r.first_received_at,
      lastReceivedAt: r.last_received_at,
      decidedAt: r.decided_at,
      decisionReason: r.decision_reason,
      worker: { id: r.worker_id, displayName: workerDisplayName(r), birthDate: r.birth_date, age: ageAt(r.birth_date, today) },
      absence: absenceOf(r),
      motif: r.last_reason,
      signals: r.signals,
      arrets: r.arrets,
      sources: (r.sources ?? []).map((s) => ({ source: s, label: sourceLabel(s) })),
      company: r.company_id ? { id: r.company_id, name: r.company_name!, siret: r.company_siret!, member: !!r.company_member } : null,
      earlierDossiers: r.earlier_dossiers,
      lastDossier: r.last_dossier_reference
        ? { reference: r.last_dossier_reference, state: r.last_dossier_state!, stateLabel: isDossierState(r.last_dossier_state!) ? STATE_LABELS[r.last_dossier_state] : r.last_dossier_state! }
        : null,
      earlierSetAside: r.earlier_set_aside,
      indexLevel: withLevel ? r.index_level : null,
      openDossier: r.open_dossier_id ? { id: r.open_dossier_id, reference: r.open_dossier_reference! } : null,
      taskDue: r.task_due,
      dossierReference: r.dossier_reference,
    })),
    total,
    page,
    pageSize,
    counts: Object.fromEntries(TRIAGE_STATUSES.map((s) => [s, byStatus[s] ?? 0])) as Record<TriageStatus, number>,
  };
}

export async function countTriage(ctx: Ctx) {
  ensure(ctx.principal, 'signal.read');
  return { toQualify: await triage.countOpen(ctx.trx, ctx.principal.tenantId) };
}

export async function listOutOfScope(ctx: Ctx, q: { status?: string; page?: number }) {
  const p = ctx.principal;
  ensure(p, 'signal.read');
  const status = (q.status ?? 'hors_perimetre') as OutOfScopeStatus;
  if (!(OUT_OF_SCOPE_STATUSES as readonly string[]).includes(status)) throw invalid('STATUT_INCONNU', `Statut inconnu : « ${status} ».`, 'status');
  const page = Math.max(q.page ?? 1, 1);
  const [rows, counts] = await Promise.all([
    triage.listOutOfScope(ctx.trx, p.tenantId, status, TRIAGE_PAGE_SIZE, (page - 1) * TRIAGE_PAGE_SIZE),
    triage.countOutOfScope(ctx.trx, p.tenantId),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      batchId: r.batch_id,
      line: r.line,
      issuer: r.emetteur,
      messageId: r.id_message,
      arretId: r.id_arret,
      messageType: r.type_message,
      siret: r.siret,
      companyName: r.company_name,
      // The company the SIRET names and whether it is a member now (null: SIRET absent or unknown).
      companyId: r.company_id,
      companyMember: r.company_member,
      startDate: r.start_date,
      receivedAt: r.created_at,
      status: r.status,
      statusLabel: OUT_OF_SCOPE_STATUS_LABELS[r.status as OutOfScopeStatus] ?? r.status,
      answer: OUT_OF_SCOPE_ANSWER,
    })),
    page,
    pageSize: TRIAGE_PAGE_SIZE,
    counts: Object.fromEntries(OUT_OF_SCOPE_STATUSES.map((s) => [s, counts[s] ?? 0])) as Record<OutOfScopeStatus, number>,
  };
}
