/**
 * Status flow of a measure of the plan de maintien: proposée → en attente d'accord → accordée →
 * en cours → terminée, or refusée / abandonnée. The approvals of the catalogue must all be
 * recorded before « accordée » (catalogue rule « accords requis »).
 */
export const MEASURE_STATUSES = ['proposee', 'en_attente_accord', 'accordee', 'en_cours', 'terminee', 'refusee', 'abandonnee'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export const isMeasureStatus = (s: string): s is MeasureStatus => (MEASURE_STATUSES as readonly string[]).includes(s);

export const MEASURE_STATUS_LABELS: Readonly<Record<MeasureStatus, string>> = {
  proposee: 'Proposée',
  en_attente_accord: "En attente d'accord",
  accordee: 'Accordée',
  en_cours: 'En cours',
  terminee: 'Terminée',
  refusee: 'Refusée',
  abandonnee: 'Abandonnée',
};

/** Label of the action that moves a measure to a status. */
export const MEASURE_TRANSITION_LABELS: Readonly<Record<MeasureStatus, string>> = {
  proposee: 'Proposer',
  en_attente_accord: 'Demander les accords',
  accordee: 'Accorder',
  en_cours: 'Démarrer',
  terminee: 'Terminer',
  refusee: 'Refusée',
  abandonnee: 'Abandonner',
};

const FLOW: Readonly<Record<MeasureStatus, readonly MeasureStatus[]>> = {
  proposee: ['en_attente_accord', 'accordee', 'abandonnee'],
  en_attente_accord: ['accordee', 'refusee', 'abandonnee'],
  accordee: ['en_cours', 'abandonnee'],
  en_cours: ['terminee', 'abandonnee'],
  terminee: [],
  refusee: [],
  abandonnee: [],
};

export const TERMINAL_MEASURE_STATUSES: readonly MeasureStatus[] = MEASURE_STATUSES.filter((s) => FLOW[s].length === 0);
/** Statuses in which a measure is still on the plan (not ended). */
export const ACTIVE_MEASURE_STATUSES: readonly MeasureStatus[] = MEASURE_STATUSES.filter((s) => FLOW[s].length > 0);

export function allowedMeasureTransitions(from: MeasureStatus): readonly MeasureStatus[] {
  return FLOW[from];
}

export function canMoveMeasure(from: MeasureStatus, to: MeasureStatus): boolean {
  return FLOW[from].includes(to);
}

/** Moving to these statuses requires every approval of the catalogue. */
export const STATUSES_REQUIRING_APPROVALS: readonly MeasureStatus[] = ['accordee'];
/** A reason is asked when a measure is refused or abandoned. */
export const measureTransitionRequiresReason = (to: MeasureStatus) => to === 'refusee' || to === 'abandonnee';
/** A measure may be renewed while granted or running. */
export const RENEWABLE_STATUSES: readonly MeasureStatus[] = ['accordee', 'en_cours'];
/** Approvals may be recorded until the measure is granted. */
export const APPROVAL_STATUSES: readonly MeasureStatus[] = ['proposee', 'en_attente_accord', 'accordee', 'en_cours'];
