/**
 * The cell's decisions on items « À qualifier », one by one or in bulk (selected rows, or every
 * row of the current filter), set-based whatever their number:
 * - `ouvrir`: a dossier « Signalé » opens for each worker, assigned to the chosen professionals
 *   and referent; its signals (and the declarations, fiches, saisines behind them) join it, the
 *   « à qualifier » task is done and the detection rules run again for the worker's arrêts — his
 *   rule tasks appear on the dossier;
 * - `rattacher`: the same with the worker's open dossier (one opened since the signal came);
 * - `non_retenu` (reason required) and `hors_perimetre`: the item is closed, its task cancelled;
 *   a new signal about the worker starts a new item.
 * An item no longer « À qualifier » (decided meanwhile by someone else) is skipped and reported.
 */
import * as dossiers from '../../db/repositories/dossier.repository';
import * as triage from '../../db/repositories/triage.repository';
import { ensure } from '../../domain/access';
import { civilDate } from '../../domain/calendar/dates';
import { isDossierOrigin, ORIGIN_LABELS, type DossierOrigin } from '../../domain/dossier/origins';
import { OPEN_STATES } from '../../domain/dossier/states';
import { invalid } from '../../domain/errors';
import { isTriageAction, MAX_BULK_ITEMS, MAX_REASON_LENGTH, MIN_REASON_LENGTH, TRIAGE_ACTION_STATUS, type TriageAction } from '../../domain/intake/triage';
import type { Ctx } from '../context';
import { checkAssignees } from '../dossier/dossier-assigner';
import { applyArretRules, loadRulesConfig, lookBackSince } from './arret-rules-applier';
import { triageFilter, type TriageQuery } from './triage-lister';

export interface TriageDecision {
  action: string;
  /** The items chosen one by one… */
  ids?: string[];
  /** …or every item of this filter (the list's query). */
  filter?: TriageQuery;
  assigneeIds?: string[];
  referentId?: string | null;
  reason?: string | null;
}

export interface TriageSkip {
  id: string;
  code: string;
  message: string;
}

const SKIP = {
  decided: { code: 'DEJA_QUALIFIE', message: 'Ce signalement a déjà été qualifié : rechargez la liste.' },
  noDossier: { code: 'AUCUN_DOSSIER_EN_COURS', message: 'Ce salarié n’a pas de dossier en cours : ouvrez-en un.' },
};

export async function decideTriage(ctx: Ctx, d: TriageDecision) {
  const p = ctx.principal;
  if (!isTriageAction(d.action)) throw invalid('ACTION_INCONNUE', 'Action inconnue : « ouvrir », « rattacher », « non_retenu » ou « hors_perimetre » attendu.', 'action');
  const action: TriageAction = d.action;
  ensure(p, action === 'ouvrir' || action === 'rattacher' ? 'dossier.create' : 'dossier.transition');
  if ((d.ids === undefined) === (d.filter === undefined)) throw invalid('SELECTION_REQUISE', 'Choisissez des lignes, ou toutes les lignes du filtre.', 'ids');
  const reason = d.reason?.trim() || null;
  if (action === 'non_retenu' && (!reason || reason.length < MIN_REASON_LENGTH)) throw invalid('MOTIF_REQUIS', 'Indiquez pourquoi le signalement n’est pas retenu.', 'reason');
  if (reason && reason.length > MAX_REASON_LENGTH) throw invalid('MOTIF_TROP_LONG', `Le motif ne peut pas dépasser ${MAX_REASON_LENGTH} caractères.`, 'reason');

  let ids: string[];
  if (d.ids) {
    ids = [...new Set(d.ids)];
    if (ids.length === 0) throw invalid('SELECTION_REQUISE', 'Choisissez au moins une ligne.', 'ids');
    if (ids.length > MAX_BULK_ITEMS) throw invalid('SELECTION_TROP_GRANDE', `Au plus ${MAX_BULK_ITEMS.toLocaleString('fr-FR')} lignes à la fois.`, 'ids');
  } else {
    const f = triageFilter(ctx, { ...d.filter!, status: 'a_qualifier' });
    ids = await triage.findItemIds(ctx.trx, f, MAX_BULK_ITEMS);
  }

  let assigneeIds: string[] = [];
  let referentId: string | null = null;
  if (action === 'ouvrir') {
    assigneeIds = [...new Set(d.assigneeIds ?? (p.userId ? [p.userId] : []))];
    referentId = d.referentId ?? assigneeIds[0] ?? null;
    await checkAssignees(ctx, assigneeIds, referentId);
  }

  const open = await triage.lockOpenItems(ctx.trx, p.tenantId, ids);
  const openIds = new Set(open.map((x) => x.id));
  const skipped: TriageSkip[] = ids.filter((id) => !openIds.has(id)).map((id) => ({ id, ...SKIP.decided }));
  const result: Array<{ itemId: string; dossierId: string; reference: string; opened: boolean }> = [];

  if (action === 'non_retenu' || action === 'hors_perimetre') {
    await triage.markSetAside(ctx.trx, p.tenantId, [...openIds], { status: TRIAGE_ACTION_STATUS[action] as 'non_retenu' | 'hors_perimetre', reason, at: ctx.now, userId: p.userId });
  } else if (open.length > 0) {
    const existing = new Map((await triage.findOpenDossiers(ctx.trx, p.tenantId, open.map((x) => x.worker_id), OPEN_STATES)).map((x) => [x.worker_id, x]));
    const toOpen = action === 'ouvrir' ? open.filter((x) => !existing.has(x.worker_id)) : [];
    if (action === 'rattacher') for (const x of open) if (!existing.has(x.worker_id)) skipped.push({ id: x.id, ...SKIP.noDossier });
    for (const x of open) {
      const e = existing.get(x.worker_id);
      if (e) result.push({ itemId: x.id, dossierId: e.id, reference: e.reference, opened: false });
    }
    if (toOpen.length > 0) {
      const first = new Map((await triage.findFirstSignals(ctx.trx, p.tenantId, toOpen.map((x) => x.id))).map((x) => [x.item_id, x]));
      const rows = toOpen.map((x) => {
        const s = first.get(x.id);
        const origin: DossierOrigin = s && isDossierOrigin(s.source) ? s.source : 'equipe';
        return { workerId: x.worker_id, origin, summary: s?.reason ?? 'Signalement qualifié par la cellule', nextDueDate: null, openedBy: p.userId };
      });
      const opened = await dossiers.openDossiers(ctx.trx, p.tenantId, rows, ctx.now);
      await triage.insertAssignments(ctx.trx, p.tenantId, opened.map((o) => o.id), assigneeIds, referentId, ctx.now);
      await triage.insertOpeningEntries(ctx.trx, p.tenantId, opened.map((o) => o.id), { at: ctx.now, userId: p.userId, authorName: p.label, originLabels: ORIGIN_LABELS });
      const byWorker = new Map(opened.map((o) => [o.worker_id, o]));
      for (const x of toOpen) {
        const o = byWorker.get(x.worker_id)!;
        result.push({ itemId: x.id, dossierId: o.id, reference: o.reference, opened: true });
      }
    }
    await triage.markRetained(ctx.trx, p.tenantId, result, { at: ctx.now, userId: p.userId, authorName: p.label, entryTitle: 'Signalement qualifié' });
    // The worker is taken on: his rule tasks appear now (on the dossier).
    const workers = [...new Set(open.filter((x) => result.some((r) => r.itemId === x.id)).map((x) => x.worker_id))];
    if (workers.length > 0) {
      const config = await loadRulesConfig(ctx.trx, p.tenantId);
      const arretIds = await triage.findArretIdsOfWorkers(ctx.trx, p.tenantId, workers, lookBackSince(civilDate(ctx.now), config));
      await applyArretRules(ctx.trx, p.tenantId, arretIds, ctx.now);
    }
  }

  const decided = action === 'non_retenu' || action === 'hors_perimetre' ? [...openIds] : result.map((r) => r.itemId);
  if (decided.length > 0) {
    await ctx.record({
      action: 'triage.decide',
      subjectType: 'triage_item',
      subjectId: decided.length === 1 ? decided[0] : null,
      category: 'administrative',
      details: { action, items: decided, opened: result.filter((r) => r.opened).map((r) => r.dossierId), bulk: d.filter !== undefined || ids.length > 1 },
    });
  }
  return {
    action,
    status: TRIAGE_ACTION_STATUS[action],
    decided: decided.length,
    skipped,
    dossiers: result.map((r) => ({ itemId: r.itemId, id: r.dossierId, reference: r.reference, opened: r.opened })),
  };
}
