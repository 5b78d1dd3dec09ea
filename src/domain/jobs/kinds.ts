/**
 * Jobs (docs/jobs.md): long work recorded in the database, run by a runner loop, resumed after a
 * crash. This module holds what the contract, the services and the web share about them: the
 * states and their French labels, and per kind its label, the capabilities that may see and start
 * it, the French words of its refusal and of its « already running » conflict, and the labels of
 * its counts. A new kind (the flux import) adds one entry here and its runner in
 * src/services/jobs/kinds.ts.
 */
import type { Capability } from '../access/policy';

export const JOB_STATES = ['en_attente', 'en_cours', 'termine', 'en_echec'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** The states the one-at-a-time guard covers (the partial unique index of migration 0020_jobs). */
export const ACTIVE_JOB_STATES = ['en_attente', 'en_cours'] as const satisfies readonly JobState[];

export const JOB_STATE_LABELS: Readonly<Record<JobState, string>> = {
  en_attente: 'En attente',
  en_cours: 'En cours',
  termine: 'Terminé',
  en_echec: 'En échec',
};

export const JOB_KINDS = ['risk.score_all', 'flux.import'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface JobKindInfo {
  /** What the job does, for lists (« Recalcul du niveau suggéré »). */
  label: string;
  /** What `done` and `total` count, plural (« salariés », « lignes »). */
  unit: string;
  /** Who sees jobs of this kind (any of). */
  view: readonly Capability[];
  /** Who starts one (any of). */
  start: readonly Capability[];
  /** Refusal when the role may not see or start it. */
  refusal: string;
  /** The answer when one of this kind already waits or runs for the service (409). */
  conflict: { code: string; message: string };
  /** Labels of the counts the kind reports, in display order. */
  counts: Readonly<Record<string, string>>;
}

export const JOB_KIND_INFO: Readonly<Record<JobKind, JobKindInfo>> = {
  'risk.score_all': {
    label: "Recalcul du niveau suggéré de l'indice",
    unit: 'salariés',
    view: ['risk.assess'],
    start: ['risk.assess'],
    refusal: "Seuls le médecin du travail et l'infirmier en santé au travail accèdent au repérage par l'indice.",
    conflict: {
      code: 'CALCUL_EN_COURS',
      message: "Un calcul de l'indice est déjà en cours pour ce service. Suivez son avancement ici ; la liste se met à jour quand il se termine.",
    },
    counts: { level0: 'Niveau 0', level1: 'Niveau 1', level2: 'Niveau 2', level3: 'Niveau 3' },
  },
  // The flux import (docs/flux-operations.md): seen by whoever sees « Imports du flux » and by the
  // machine client that deposited it; started by the flux token, the administrator (who manages
  // the flux channel's tokens) and the cell staff who reconcile the flux's identities.
  'flux.import': {
    label: 'Import du flux « arrêts de travail »',
    unit: 'lignes',
    view: ['flux.history', 'flux.ingest'],
    start: ['flux.ingest', 'token.manage', 'quarantine.resolve'],
    refusal: "Votre rôle ne permet pas de déposer un fichier du flux « arrêts de travail ».",
    conflict: {
      code: 'IMPORT_FLUX_EN_COURS',
      message: 'Un import du flux est déjà en cours pour ce service : un seul à la fois. Suivez son avancement dans « Imports du flux » et déposez ce fichier quand il sera terminé.',
    },
    counts: { accepted: 'Acceptées', duplicates: 'Doublons', rejected: 'Rejetées', quarantined: 'En quarantaine', outOfScope: 'Hors périmètre' },
  },
};

export const isJobKind = (s: string): s is JobKind => (JOB_KINDS as readonly string[]).includes(s);
export const isJobState = (s: string): s is JobState => (JOB_STATES as readonly string[]).includes(s);

/** Every capability that sees some kind of job (the coarse gate of the jobs' list). */
export const JOB_VIEW_CAPABILITIES: readonly Capability[] = [...new Set(JOB_KINDS.flatMap((k) => JOB_KIND_INFO[k].view))];

/**
 * Pace of the current attempt: units per second since it started, and seconds left at that pace
 * (null while unknown: nothing done yet, no total, or under a second of measure).
 */
export function jobPace(p: {
  done: number;
  total: number | null;
  attemptDoneStart: number;
  attemptStartedAt: Date | null;
  progressAt: Date | null;
}): { ratePerSecond: number | null; secondsLeft: number | null } {
  if (!p.attemptStartedAt || !p.progressAt) return { ratePerSecond: null, secondsLeft: null };
  const seconds = (p.progressAt.getTime() - p.attemptStartedAt.getTime()) / 1000;
  const units = p.done - p.attemptDoneStart;
  if (seconds < 1 || units <= 0) return { ratePerSecond: null, secondsLeft: null };
  const rate = units / seconds;
  const secondsLeft = p.total === null ? null : Math.max(0, Math.ceil((p.total - p.done) / rate));
  return { ratePerSecond: Math.round(rate * 10) / 10, secondsLeft };
}
