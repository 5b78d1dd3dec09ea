/** The case page: everything about one dossier that the caller may read. */
import * as dossiers from '../../db/repositories/dossier.repository';
import {
  AUDITED_READ_CATEGORIES,
  can,
  categoriesFor,
  CATEGORY_LABELS,
  entryFilter,
  has,
  isCategory,
  isRole,
  ROLE_LABELS,
} from '../../domain/access';
import { civilDate, isOverdue } from '../../domain/calendar/dates';
import { ORIGIN_LABELS, type DossierOrigin } from '../../domain/dossier/origins';
import { allowedTransitions, isDossierState, STATE_LABELS, TRANSITION_LABELS, transitionRequiresReason } from '../../domain/dossier/states';
import { maskNir } from '../../domain/identity/nir';
import { recordPartnerRead } from '../audit/read-audit';
import type { Ctx } from '../context';
import { dossierNotFound, loadDossier } from './dossier-access';
import { workerDisplayName } from '../worker/worker-format';

export async function readDossier(ctx: Ctx, id: string) {
  const p = ctx.principal;
  const { dossier: d, relation } = await loadDossier(ctx, id);
  // The case page is administrative at least: whoever may not read that (employers) has
  // their own space instead.
  if (!can(p, 'read', 'administrative', relation)) throw dossierNotFound();
  const tenantId = p.tenantId;
  const filter = entryFilter(p, relation);
  const parts = await dossiers.findCasePageParts(ctx.trx, tenantId, d.id, d.worker_id, filter);
  if (!parts) throw dossierNotFound();
  const { employments, assignees, transitions, entries } = parts;
  const worker = parts;
  const showNir = worker.nir !== null && can(p, 'read', 'sensitive', relation);
  const readCategories = new Set(entries.map((e) => e.category));
  if (showNir) readCategories.add('sensitive');
  const audited = [...readCategories].filter((c) => isCategory(c) && AUDITED_READ_CATEGORIES.includes(c));
  if (audited.length > 0) {
    await ctx.record({ action: 'dossier.read', subjectType: 'dossier', subjectId: d.id, category: audited.includes('medical') ? 'medical' : 'sensitive', details: { categories: audited.sort() } });
  }
  // A partner's agent reads administrative entries only, but from outside the cell, under the
  // worker's consent: every such read is accounted for, like his partner case page.
  if (relation === 'consented') await recordPartnerRead(ctx, d.id, 'dossier');
  const state = isDossierState(d.state) ? d.state : 'signale';
  const today = civilDate(ctx.now);
  const mayTransition = has(p, 'dossier.transition') && relation === 'service';
  return {
    id: d.id,
    reference: d.reference,
    state: d.state,
    stateLabel: STATE_LABELS[state],
    origin: d.origin,
    originLabel: ORIGIN_LABELS[d.origin as DossierOrigin] ?? d.origin,
    summary: d.summary,
    openedAt: d.opened_at,
    closedAt: d.closed_at,
    nextDueDate: d.next_due_date,
    overdue: isOverdue(d.next_due_date, today),
    version: d.version,
    worker: {
      id: worker.id,
      displayName: workerDisplayName(worker),
      birthDate: worker.birth_date,
      sex: worker.sex,
      nirMasked: worker.nir ? maskNir(worker.nir) : null,
      ...(showNir && worker.nir ? { nir: worker.nir } : {}),
    },
    employments: employments.map((e) => ({
      id: e.id,
      company: { id: e.company_id, name: e.company_name, siret: e.company_siret },
      jobTitle: e.job_title,
      startDate: e.start_date,
      endDate: e.end_date,
    })),
    assignees: assignees.map((a) => ({
      id: a.id,
      displayName: a.display_name,
      role: a.role,
      roleLabel: isRole(a.role) ? ROLE_LABELS[a.role] : '',
      isReferent: a.is_referent,
    })),
    allowedTransitions: mayTransition
      ? allowedTransitions(state).map((to) => ({ to, label: TRANSITION_LABELS[to as keyof typeof TRANSITION_LABELS], requiresReason: transitionRequiresReason(state, to) }))
      : [],
    transitions: relation === 'service' ? transitions.map((t) => ({
      from: t.from_state,
      to: t.to_state,
      fromLabel: t.from_state && isDossierState(t.from_state) ? STATE_LABELS[t.from_state] : null,
      toLabel: isDossierState(t.to_state) ? STATE_LABELS[t.to_state] : t.to_state,
      reason: t.reason,
      actorName: t.actor_name,
      at: t.at,
    })) : [],
    timeline: entries.map(toEntryDto),
    writableCategories: categoriesFor(p, 'write', relation).map((code) => ({ code, label: CATEGORY_LABELS[code] })),
  };
}

export function toEntryDto(e: { id: string; kind: string; category: string; title: string | null; body: string; author_name: string | null; created_at: Date | string; shared_with_worker: boolean }) {
  return {
    id: e.id,
    kind: e.kind,
    category: e.category,
    categoryLabel: isCategory(e.category) ? CATEGORY_LABELS[e.category] : e.category,
    title: e.title,
    body: e.body,
    authorName: e.author_name,
    createdAt: e.created_at,
    sharedWithWorker: e.shared_with_worker,
  };
}
