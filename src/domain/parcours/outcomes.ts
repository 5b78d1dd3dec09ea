/**
 * Outcomes of a PDP accompaniment (domain §8; IGAS recommendation 20; contract C6): the
 * situation at exit and at the 6- and 12-month follow-ups, with their French labels. One list for
 * the three moments, so the indicators compare like with like.
 */
export const OUTCOMES = [
  'maintien_poste',
  'poste_amenage',
  'reclassement_interne',
  'reclassement_externe',
  'reconversion',
  'inaptitude_sans_dispense',
  'inaptitude_avec_dispense',
  'invalidite',
  'retraite',
  'demandeur_emploi',
  'perdu_de_vue',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const isOutcome = (x: unknown): x is Outcome => typeof x === 'string' && (OUTCOMES as readonly string[]).includes(x);

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  maintien_poste: 'Maintien au poste',
  poste_amenage: 'Maintien sur le poste aménagé',
  reclassement_interne: "Reclassement dans l'entreprise",
  reclassement_externe: 'Reclassement dans une autre entreprise',
  reconversion: 'Reconversion professionnelle',
  inaptitude_sans_dispense: 'Inaptitude, sans dispense de reclassement',
  inaptitude_avec_dispense: 'Inaptitude, avec dispense de reclassement',
  invalidite: 'Invalidité',
  retraite: 'Retraite',
  demandeur_emploi: "Demandeur d'emploi",
  perdu_de_vue: 'Perdu de vue',
};

/** Outcomes where the worker is still in employment (the « maintien en emploi » indicator). */
export const IN_EMPLOYMENT_OUTCOMES: readonly Outcome[] = ['maintien_poste', 'poste_amenage', 'reclassement_interne', 'reclassement_externe', 'reconversion'];

/** The follow-up is impossible: the worker must be re-contacted. */
export const LOST_OUTCOME: Outcome = 'perdu_de_vue';
