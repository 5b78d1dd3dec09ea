import type { Checked } from '../errors';

/**
 * Life cycle of a PDP case (« dossier ») in the cellule de prévention de la
 * désinsertion professionnelle.
 */
export const DOSSIER_STATES = [
  'signale',
  'a_evaluer',
  'en_accompagnement',
  'sorti',
  'suivi',
  'clos',
  'non_retenu',
  'reoriente',
] as const;

export type DossierState = (typeof DOSSIER_STATES)[number];

export const STATE_LABELS: Readonly<Record<DossierState, string>> = {
  signale: 'Signalé',
  a_evaluer: 'À évaluer',
  en_accompagnement: 'En accompagnement',
  sorti: 'Sorti',
  suivi: 'En suivi',
  clos: 'Clos',
  non_retenu: 'Non retenu',
  reoriente: 'Réorienté',
};

/** Button labels, keyed by target state (no transition leads back to « Signalé »). */
export const TRANSITION_LABELS: Readonly<Record<Exclude<DossierState, 'signale'>, string>> = {
  a_evaluer: 'Passer en évaluation',
  en_accompagnement: "Démarrer l'accompagnement",
  sorti: 'Enregistrer la sortie',
  suivi: 'Passer en suivi',
  clos: 'Clore le dossier',
  non_retenu: 'Ne pas retenir',
  reoriente: 'Réorienter',
};

const TRANSITIONS: Readonly<Record<DossierState, readonly DossierState[]>> = {
  signale: ['a_evaluer', 'non_retenu', 'reoriente'],
  a_evaluer: ['en_accompagnement', 'non_retenu', 'reoriente'],
  en_accompagnement: ['sorti', 'reoriente'],
  sorti: ['suivi', 'clos'],
  suivi: ['clos'],
  // A case set aside can be reconsidered (new facts) before it is closed.
  non_retenu: ['clos', 'a_evaluer'],
  reoriente: ['clos'],
  clos: [],
};

const OPEN_STATE_SET: ReadonlySet<DossierState> = new Set(['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi']);

/** The states in which the cellule still works on the case, in life-cycle order. */
export const OPEN_STATES: readonly DossierState[] = DOSSIER_STATES.filter((s) => OPEN_STATE_SET.has(s));

const MIN_REASON_LENGTH = 3;

/** Type guard for values read from storage or requests. */
export function isDossierState(x: unknown): x is DossierState {
  return typeof x === 'string' && (DOSSIER_STATES as readonly string[]).includes(x);
}

/** True while the cellule still works on the case (not closed, set aside or redirected). */
export function isOpenState(s: DossierState): boolean {
  return OPEN_STATE_SET.has(s);
}

/** Target states reachable from `from`, in display order (empty for an unknown state). */
export function allowedTransitions(from: DossierState): DossierState[] {
  return isDossierState(from) ? [...TRANSITIONS[from]] : [];
}

/**
 * Whether the transition must be justified: refusing or redirecting a case, and
 * reconsidering a refused one, are decisions the worker must be able to explain later.
 */
export function transitionRequiresReason(from: DossierState, to: DossierState): boolean {
  return to === 'non_retenu' || to === 'reoriente' || (from === 'non_retenu' && to === 'a_evaluer');
}

/**
 * Checks a state change. Refusals, in this order: `ETAT_INCONNU` (either state is
 * not a dossier state, field `from` or `to`), `TRANSITION_INTERDITE`, `MOTIF_REQUIS`
 * (reason missing or shorter than 3 characters once trimmed, field `reason`).
 */
export function checkTransition(
  from: string,
  to: string,
  opts: { reason?: string } = {},
): Checked<{ from: DossierState; to: DossierState }> {
  for (const [field, s] of [['from', from], ['to', to]] as const) {
    if (!isDossierState(s)) {
      return { ok: false, code: 'ETAT_INCONNU', message: `État de dossier inconnu : « ${s} ».`, field };
    }
  }
  const f = from as DossierState;
  const t = to as DossierState;
  if (!TRANSITIONS[f].includes(t)) {
    return {
      ok: false,
      code: 'TRANSITION_INTERDITE',
      message: `Un dossier « ${STATE_LABELS[f]} » ne peut pas passer à l'état « ${STATE_LABELS[t]} ».`,
    };
  }
  if (transitionRequiresReason(f, t) && (opts.reason ?? '').trim().length < MIN_REASON_LENGTH) {
    return {
      ok: false,
      code: 'MOTIF_REQUIS',
      message: `Indiquez un motif (au moins ${MIN_REASON_LENGTH} caractères) pour passer à l'état « ${STATE_LABELS[t]} ».`,
      field: 'reason',
    };
  }
  return { ok: true, value: { from: f, to: t } };
}
