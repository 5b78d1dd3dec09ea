/**
 * Triage « À qualifier » (issue 14, items 1 and 2): every signal about a worker without an open
 * dossier joins his one open triage item; the cell decides — open a dossier, attach to the
 * worker's open dossier, « Non retenu » with a reason, « Hors périmètre ». Pure: statuses,
 * labels, the decisions, and which detection-rule tasks a worker in triage gets.
 */
import type { TaskProposal } from './rules';

export const TRIAGE_STATUSES = ['a_qualifier', 'retenu', 'non_retenu', 'hors_perimetre'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];
export const TRIAGE_STATUS_LABELS: Readonly<Record<TriageStatus, string>> = {
  a_qualifier: 'À qualifier',
  retenu: 'Retenu',
  non_retenu: 'Non retenu',
  hors_perimetre: 'Hors périmètre',
};
export const isTriageStatus = (s: string): s is TriageStatus => (TRIAGE_STATUSES as readonly string[]).includes(s);

/** The cell's decisions on an item « À qualifier ». */
export const TRIAGE_ACTIONS = ['ouvrir', 'rattacher', 'non_retenu', 'hors_perimetre'] as const;
export type TriageAction = (typeof TRIAGE_ACTIONS)[number];
export const TRIAGE_ACTION_LABELS: Readonly<Record<TriageAction, string>> = {
  ouvrir: 'Ouvrir un dossier',
  rattacher: 'Rattacher au dossier en cours',
  non_retenu: 'Non retenu',
  hors_perimetre: 'Hors périmètre',
};
export const isTriageAction = (s: string): s is TriageAction => (TRIAGE_ACTIONS as readonly string[]).includes(s);

/** Where each decision leads. */
export const TRIAGE_ACTION_STATUS: Readonly<Record<TriageAction, Exclude<TriageStatus, 'a_qualifier'>>> = {
  ouvrir: 'retenu',
  rattacher: 'retenu',
  non_retenu: 'non_retenu',
  hors_perimetre: 'hors_perimetre',
};

export const MIN_REASON_LENGTH = 3;
export const MAX_REASON_LENGTH = 1000;
/** At most this many items in one bulk decision (a page of filter results is far less). */
export const MAX_BULK_ITEMS = 5000;

/** The task a worker in triage gets instead of his rule tasks (one per item). */
export const TRIAGE_TASK = { ruleId: 'a_qualifier', kind: 'a_qualifier', title: 'Qualifier le signalement' } as const;
export const triageTaskSubject = (itemId: string) => `triage:${itemId}`;

/** The answer to send back to the issuer of a flux line out of the service's scope. */
export const OUT_OF_SCOPE_ANSWER = 'Salarié non suivi par ce service';
export const OUT_OF_SCOPE_STATUSES = ['hors_perimetre', 'pris_en_charge'] as const;
export type OutOfScopeStatus = (typeof OUT_OF_SCOPE_STATUSES)[number];
export const OUT_OF_SCOPE_STATUS_LABELS: Readonly<Record<OutOfScopeStatus, string>> = {
  hors_perimetre: 'Hors périmètre',
  pris_en_charge: 'Pris en charge',
};

/** A worker without an open dossier, as the triage knows him. */
export interface WorkerTriage {
  /** His open item « À qualifier », if any. */
  openItemId: string | null;
  /** The cell already decided on an item of his (« Non retenu », « Hors périmètre »). */
  decided: boolean;
}

export interface TriageTaskProposal {
  workerId: string;
  itemId: string;
  dueDate: string;
}

/**
 * Detection-rule tasks exist for workers the cell has taken on. Of the tasks the rules call
 * for: those of a worker with an open dossier stay; a worker still in triage gets one « à
 * qualifier » task (due on the earliest of his rule tasks) instead of his; a worker the cell
 * set aside gets none; a worker triage never saw (arrêts entered by the team) keeps them.
 */
export function gateTasksByTriage(tasks: readonly TaskProposal[], triageOf: ReadonlyMap<string, WorkerTriage>) {
  const kept: TaskProposal[] = [];
  const triage = new Map<string, TriageTaskProposal>();
  for (const t of tasks) {
    const w = t.dossierId === null ? triageOf.get(t.workerId) : undefined;
    if (!w) {
      kept.push(t);
      continue;
    }
    if (w.openItemId === null) continue; // decided: no task until a dossier opens
    const prev = triage.get(w.openItemId);
    if (!prev) triage.set(w.openItemId, { workerId: t.workerId, itemId: w.openItemId, dueDate: t.dueDate });
    else if (t.dueDate < prev.dueDate) prev.dueDate = t.dueDate;
  }
  return { kept, triage: [...triage.values()] };
}
