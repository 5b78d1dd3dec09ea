/**
 * Saved worklists, like the Assurance maladie's weekly queries: arrêts of more than 2 and
 * 3 months, ALD, repeated arrêts, fiches de liaison without an answer, quarantined flux lines.
 * `listWorklists` gives every list with its count; `readWorklist` one page of one list.
 */
import * as fluxAdmin from '../../db/repositories/flux-admin.repository';
import * as rulesRepo from '../../db/repositories/intake-rules.repository';
import * as signalsRepo from '../../db/repositories/intake-signals.repository';
import { ensure, has, type Principal } from '../../domain/access';
import { civilDate } from '../../domain/calendar/dates';
import { invalid } from '../../domain/errors';
import { arretDurationDays, longArretStartedOnOrBefore, NATURE_LABELS, repeatedWindowStart, type ArretNature } from '../../domain/intake/rules';
import type { IntakeRulesConfig } from '../../domain/intake/rules-config';
import type { Ctx } from '../context';
import { OPEN_STATES } from '../../domain/dossier/states';
import { workerDisplayName } from '../worker/worker-format';
import { loadRulesConfig } from './arret-rules-applier';

import { WORKLIST_KEYS, type WorklistKey } from '../../domain/intake/channels';
export { WORKLIST_KEYS, type WorklistKey };
export const WORKLIST_PAGE_SIZE = 25;

interface WorklistDef {
  label: string;
  description: (c: IntakeRulesConfig) => string;
  /** Who may see the list beyond `signal.read` (quarantined lines hold identities). */
  visible?: (p: Principal) => boolean;
}

export const WORKLISTS: Readonly<Record<WorklistKey, WorklistDef>> = {
  'arrets-2-mois': { label: 'Arrêts de plus de 2 mois', description: (c) => `Arrêts en cours depuis plus de ${c.worklistLongDays} jours, les plus longs d'abord.` },
  'arrets-3-mois': { label: 'Arrêts de plus de 3 mois', description: (c) => `Arrêts en cours depuis plus de ${c.worklistVeryLongDays} jours, les plus longs d'abord.` },
  ald: { label: 'ALD', description: () => 'Arrêts en cours au titre d’une affection de longue durée, les plus anciens d’abord.' },
  'arrets-repetes': {
    label: `Arrêts répétés (≥ 3 en 12 mois)`,
    description: (c) => `Salariés ayant au moins ${c.repeatedMinCount} arrêts commencés sur les ${c.repeatedWindowDays} derniers jours.`,
  },
  'vpr-sans-reponse': { label: 'Orientations VPR sans réponse', description: () => 'Fiches de liaison du service médical en attente de la réponse de la cellule, les plus anciennes d’abord.' },
  quarantaine: {
    label: 'Lignes en quarantaine',
    description: () => 'Lignes du flux de l’Assurance maladie dont l’identité diverge, à rapprocher.',
    visible: (p) => has(p, 'quarantine.resolve'),
  },
};

export const isWorklistKey = (k: string): k is WorklistKey => (WORKLIST_KEYS as readonly string[]).includes(k);

function labelOf(key: WorklistKey, c: IntakeRulesConfig) {
  return key === 'arrets-repetes' ? `Arrêts répétés (≥ ${c.repeatedMinCount} en 12 mois)` : WORKLISTS[key].label;
}

function arretFilter(key: 'arrets-2-mois' | 'arrets-3-mois' | 'ald' | 'arrets-repetes', c: IntakeRulesConfig, today: string): rulesRepo.ArretListFilter {
  switch (key) {
    case 'arrets-2-mois':
      return { kind: 'long', startedOnOrBefore: longArretStartedOnOrBefore(today, c.worklistLongDays), today };
    case 'arrets-3-mois':
      return { kind: 'long', startedOnOrBefore: longArretStartedOnOrBefore(today, c.worklistVeryLongDays), today };
    case 'ald':
      return { kind: 'ald', today };
    case 'arrets-repetes':
      return { kind: 'repeated', since: repeatedWindowStart(today, c), minCount: c.repeatedMinCount };
  }
}

async function countOf(ctx: Ctx, key: WorklistKey, c: IntakeRulesConfig, today: string): Promise<number> {
  const t = ctx.principal.tenantId;
  if (key === 'vpr-sans-reponse') return signalsRepo.countPendingVpr(ctx.trx, t);
  if (key === 'quarantaine') return (await fluxAdmin.countQuarantineByStatus(ctx.trx, t)).a_traiter;
  return rulesRepo.countArretList(ctx.trx, t, arretFilter(key, c, today));
}

const visibleKeys = (p: Principal) => WORKLIST_KEYS.filter((k) => WORKLISTS[k].visible?.(p) ?? true);

export async function listWorklists(ctx: Ctx) {
  ensure(ctx.principal, 'signal.read');
  const c = await loadRulesConfig(ctx.trx, ctx.principal.tenantId);
  const today = civilDate(ctx.now);
  const items = [];
  for (const key of visibleKeys(ctx.principal)) {
    items.push({ key, label: labelOf(key, c), description: WORKLISTS[key].description(c), count: await countOf(ctx, key, c, today) });
  }
  return { items };
}

export interface WorklistRow {
  id: string;
  worker: { id: string; displayName: string };
  company: { id: string; name: string } | null;
  dossier: { id: string; reference: string } | null;
  arret: { id: string; nature: string; natureLabel: string; ald: boolean; startDate: string; endDate: string | null; durationDays: number } | null;
  arretCount: number | null;
  /** Fiches de liaison and quarantined lines: when they arrived and from whom. */
  receivedAt: Date | string | null;
  from: string | null;
  note: string | null;
}

export async function readWorklist(ctx: Ctx, key: string, pageParam?: number) {
  const p = ctx.principal;
  ensure(p, 'signal.read');
  if (!isWorklistKey(key) || !visibleKeys(p).includes(key)) throw invalid('LISTE_INCONNUE', `Liste de travail inconnue : « ${key} ».`, 'key');
  const c = await loadRulesConfig(ctx.trx, p.tenantId);
  const today = civilDate(ctx.now);
  const page = Math.max(1, pageParam ?? 1);
  const limit = WORKLIST_PAGE_SIZE;
  const offset = (page - 1) * limit;
  const total = await countOf(ctx, key, c, today);
  let items: WorklistRow[];
  if (key === 'vpr-sans-reponse') {
    const rows = await rulesRepo.findPendingVprPage(ctx.trx, p.tenantId, OPEN_STATES, limit, offset);
    items = rows.map((r) => {
      const [dossierId, reference] = r.dossier ? r.dossier.split('|') : [null, null];
      return {
        id: r.id,
        worker: { id: r.worker_id, displayName: workerDisplayName(r) },
        company: null,
        dossier: dossierId ? { id: dossierId, reference: reference ?? '' } : null,
        arret: null,
        arretCount: null,
        receivedAt: r.filed_at,
        from: [r.filed_by_name, r.organisation_name].filter(Boolean).join(' · '),
        note: null,
      };
    });
  } else if (key === 'quarantaine') {
    const rows = await rulesRepo.findQuarantinePage(ctx.trx, p.tenantId, limit, offset);
    items = rows.map((r) => ({
      id: r.id,
      worker: { id: '', displayName: '' },
      company: null,
      dossier: null,
      arret: null,
      arretCount: null,
      receivedAt: r.created_at,
      from: r.emetteur,
      note: `${r.file_name ?? 'Lot'} · ligne ${r.line} · message ${r.id_message} · ${r.code}`,
    }));
  } else {
    const rows = await rulesRepo.findArretListPage(ctx.trx, p.tenantId, arretFilter(key, c, today), OPEN_STATES, limit, offset);
    items = rows.map((r) => {
      const end = r.actual_end_date ?? r.expected_end_date;
      return {
        id: r.arret_id,
        worker: { id: r.worker_id, displayName: workerDisplayName(r) },
        company: r.company_id ? { id: r.company_id, name: r.company_name ?? '' } : null,
        dossier: r.dossier_id ? { id: r.dossier_id, reference: r.dossier_reference ?? '' } : null,
        arret: {
          id: r.arret_id,
          nature: r.nature,
          natureLabel: NATURE_LABELS[r.nature as ArretNature] ?? r.nature,
          ald: r.ald,
          startDate: r.start_date,
          endDate: end,
          // Duration so far for a running arrêt: the list is about how long it has lasted.
          durationDays: arretDurationDays({ startDate: r.start_date, expectedEndDate: null, actualEndDate: end && end < today ? end : null }, today),
        },
        arretCount: key === 'arrets-repetes' ? Number(r.arret_count) : null,
        receivedAt: null,
        from: null,
        note: null,
      };
    });
  }
  return { key, label: labelOf(key, c), description: WORKLISTS[key].description(c), total, page, pageSize: limit, items };
}
