/**
 * The worklist « Mes dossiers » / « Tous les dossiers du service ». Browsing it is not audited
 * (names, states and deadlines: administrative); a search with a term is (`dossier.search`: the
 * kind of term, the number of results and the ids shown, never the term).
 */
import * as dossiers from '../../db/repositories/dossier.repository';
import { ensure, } from '../../domain/access';
import { civilDate, isOverdue } from '../../domain/calendar/dates';
import { ORIGIN_LABELS, type DossierOrigin } from '../../domain/dossier/origins';
import { DOSSIER_STATES, isDossierState, isOpenState, OPEN_STATES, STATE_LABELS } from '../../domain/dossier/states';
import { invalid } from '../../domain/errors';
import { WORKLIST_MAX_PAGE_SIZE } from '../../domain/dossier/worklist';
import { recordSearch } from '../audit/read-audit';
import type { Ctx } from '../context';
import { workerDisplayName } from '../worker/worker-format';

export interface WorklistFilter {
  scope: 'mine' | 'service';
  states?: string[];
  assigneeId?: string;
  overdue?: boolean;
  q?: string;
  sort?: 'due' | 'opened' | 'updated' | 'reference';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export const MAX_PAGE_SIZE = WORKLIST_MAX_PAGE_SIZE;

export async function listDossiers(ctx: Ctx, f: WorklistFilter) {
  const p = ctx.principal;
  ensure(p, 'worklist.service');
  if (f.scope === 'mine' && !p.userId) throw invalid('PERIMETRE_INVALIDE', '« Mes dossiers » suppose un compte utilisateur ; utilisez scope=service.', 'scope');
  for (const s of f.states ?? []) {
    if (!isDossierState(s)) throw invalid('ETAT_INCONNU', `État de dossier inconnu : « ${s} ».`, 'state');
  }
  const page = Math.max(1, f.page ?? 1);
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, f.pageSize ?? 25));
  const today = civilDate(ctx.now);
  const assigneeId = f.scope === 'mine' ? p.userId! : f.assigneeId;
  const base = {
    tenantId: p.tenantId,
    assigneeId,
    states: f.states,
    overdueBefore: f.overdue ? today : undefined,
    openStates: OPEN_STATES,
    text: f.q?.trim() || undefined,
  };
  const [rows, counts] = await Promise.all([
    dossiers.findWorklistPage(ctx.trx, {
      ...base,
      sort: f.sort ?? 'due',
      order: f.order ?? 'asc',
      limit: pageSize,
      offset: (page - 1) * pageSize,
    }),
    dossiers.countWorklist(ctx.trx, base, today),
  ]);
  const countByState: Record<string, number> = Object.fromEntries(DOSSIER_STATES.map((s) => [s, 0]));
  let overdueCount = 0;
  for (const c of counts) {
    countByState[c.state] = Number(c.n);
    if (isOpenState(c.state as never)) overdueCount += Number(c.overdue);
  }
  const selected = f.states && f.states.length > 0 ? f.states : DOSSIER_STATES;
  // Counts already carry the overdue filter when it is on.
  const total = selected.reduce((sum, s) => sum + (countByState[s] ?? 0), 0);
  if (base.text) await recordSearch(ctx, { action: 'dossier.search', subjectType: 'dossier', q: base.text, results: total, ids: { key: 'dossierIds', values: rows.map((r) => r.id) } });
  return {
    items: rows.map((r) => {
      const company = r.company;
      return {
        id: r.id,
        reference: r.reference,
        state: r.state,
        stateLabel: isDossierState(r.state) ? STATE_LABELS[r.state] : r.state,
        origin: r.origin,
        originLabel: ORIGIN_LABELS[r.origin as DossierOrigin] ?? r.origin,
        worker: { id: r.worker_id, displayName: workerDisplayName(r) },
        company: company ? { id: company.id, name: company.name } : null,
        nextDueDate: r.next_due_date,
        overdue: isOpenState(r.state as never) && isOverdue(r.next_due_date, today),
        openedAt: r.opened_at,
        updatedAt: r.updated_at,
        assignees: r.assignees.map((a) => ({ id: a.id, displayName: a.display_name, isReferent: a.is_referent })),
      };
    }),
    total,
    page,
    pageSize,
    counts: countByState,
    overdueCount,
  };
}
