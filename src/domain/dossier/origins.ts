/** How a situation reached the cell (domain §3): the origin of a dossier. */
export const DOSSIER_ORIGINS = ['flux_am', 'employeur', 'medecin_conseil', 'salarie', 'equipe', 'partenaire', 'visite'] as const;
export type DossierOrigin = (typeof DOSSIER_ORIGINS)[number];

export const ORIGIN_LABELS: Readonly<Record<DossierOrigin, string>> = {
  flux_am: 'Flux Assurance maladie',
  employeur: 'Employeur',
  medecin_conseil: 'Médecin conseil',
  salarie: 'Salarié',
  equipe: 'Équipe SPSTI',
  partenaire: 'Partenaire',
  visite: 'Visite',
};

export const isDossierOrigin = (x: unknown): x is DossierOrigin =>
  typeof x === 'string' && (DOSSIER_ORIGINS as readonly string[]).includes(x);

/** Reference shown to users: PDP-<year>-<5-digit sequence>, unique per service. */
export function dossierReference(year: number, sequence: number): string {
  return `PDP-${year}-${String(sequence).padStart(5, '0')}`;
}
