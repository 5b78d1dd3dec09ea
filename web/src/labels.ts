/** French labels of the vocabulary shared with the server (glossary.md). */

export const STATES = [
  'signale',
  'a_evaluer',
  'en_accompagnement',
  'sorti',
  'suivi',
  'clos',
  'non_retenu',
  'reoriente',
] as const;

export const STATE_LABELS: Record<string, string> = {
  signale: 'Signalé',
  a_evaluer: 'À évaluer',
  en_accompagnement: 'En accompagnement',
  sorti: 'Sorti',
  suivi: 'En suivi',
  clos: 'Clos',
  non_retenu: 'Non retenu',
  reoriente: 'Réorienté',
};

/**
 * Badge colours. The « light » variant writes shade 9 on a pale background: only these palettes
 * reach the AA contrast ratio (never yellow, orange, lime, green or teal).
 */
export const STATE_COLORS: Record<string, string> = {
  signale: 'violet',
  a_evaluer: 'pink',
  en_accompagnement: 'blue',
  sorti: 'cyan',
  suivi: 'grape',
  clos: 'gray',
  non_retenu: 'gray',
  reoriente: 'indigo',
};

export const ORIGINS = ['flux_am', 'employeur', 'medecin_conseil', 'salarie', 'equipe', 'partenaire', 'visite'] as const;

export const ORIGIN_LABELS: Record<string, string> = {
  flux_am: 'Flux Assurance maladie',
  employeur: 'Employeur',
  medecin_conseil: 'Médecin conseil',
  salarie: 'Salarié',
  equipe: 'Équipe SPSTI',
  partenaire: 'Partenaire',
  visite: 'Visite',
};

export const CATEGORY_LABELS: Record<string, string> = {
  medical: 'Médical',
  sensitive: 'Sensible',
  administrative: 'Administratif',
  employer_visible: "Visible par l'employeur",
};

export const CATEGORY_COLORS: Record<string, string> = {
  medical: 'red',
  sensitive: 'grape',
  administrative: 'blue',
  employer_visible: 'cyan',
};

/** Roles an administrator can give to an account of the service. */
export const STAFF_ROLE_LABELS: Record<string, string> = {
  medecin_travail: 'Médecin du travail',
  infirmier: 'Infirmier·e en santé au travail',
  assistant_social: 'Assistant·e social·e',
  psychologue: 'Psychologue du travail',
  ergonome: 'Ergonome',
  charge_mission: 'Chargé·e de mission PDP',
  assistant: 'Assistant·e',
  admin: 'Administrateur·rice',
};

export const TOKEN_SCOPE_LABELS: Record<string, string> = {
  flux: "Dépôt du flux « arrêts de travail » de l'Assurance maladie",
  'dossiers:read': 'Lecture administrative des dossiers',
};

export const SEX_OPTIONS = [
  { value: '1', label: 'Homme' },
  { value: '2', label: 'Femme' },
];

export function stateLabel(code: string, label?: string | null): string {
  return label || STATE_LABELS[code] || code;
}
