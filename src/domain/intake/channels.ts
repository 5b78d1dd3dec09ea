/**
 * Enumerations, French labels and limits of the intake channels, shared by the services that
 * apply them and the API contract that publishes them (src/contract/intake). Pure data.
 */

// ---- Signals ---------------------------------------------------------------------------------
export const SIGNAL_KINDS = ['arret', 'declaration_arret', 'vpr_orientation', 'saisine'] as const;
export type SignalKind = (typeof SIGNAL_KINDS)[number];
export const SIGNAL_KIND_LABELS: Readonly<Record<SignalKind, string>> = {
  arret: 'Arrêt de travail (Assurance maladie)',
  declaration_arret: "Déclaration d'arrêt par l'employeur",
  vpr_orientation: 'Orientation en visite de pré-reprise (fiche de liaison)',
  saisine: 'Saisine de la cellule',
};

// ---- Quarantine of the AM flux ---------------------------------------------------------------
export const QUARANTINE_STATUSES = ['a_traiter', 'rattachee', 'rejetee'] as const;
export type QuarantineStatus = (typeof QUARANTINE_STATUSES)[number];
export const QUARANTINE_STATUS_LABELS: Readonly<Record<QuarantineStatus, string>> = {
  a_traiter: 'À traiter',
  rattachee: 'Rattachée',
  rejetee: 'Rejetée',
};
export const QUARANTINE_ACTIONS = ['rattacher', 'rejeter'] as const;
export type QuarantineAction = (typeof QUARANTINE_ACTIONS)[number];
/** Longest note on a quarantine decision. */
export const MAX_NOTE_LENGTH = 2000;

// ---- Saved worklists ---------------------------------------------------------------------------
export const WORKLIST_KEYS = ['arrets-2-mois', 'arrets-3-mois', 'ald', 'arrets-repetes', 'vpr-sans-reponse', 'quarantaine'] as const;
export type WorklistKey = (typeof WORKLIST_KEYS)[number];

// ---- Page sizes and batch limits ---------------------------------------------------------------
export const MAX_TASK_PAGE_SIZE = 100;
export const AM_RETURN_PAGE_MAX = 100;
/** Most messages in one export file (and in one confirmation). */
export const AM_RETURN_EXPORT_MAX = 10_000;
