/** French labels of the vocabulary shared with the server (glossary.md). */

import {
  CATEGORY_LABELS as CONTRACT_CATEGORY_LABELS,
  DOSSIER_ORIGINS,
  DOSSIER_STATES,
  ORIGIN_LABELS as CONTRACT_ORIGIN_LABELS,
  ROLE_LABELS,
  STAFF_ROLES,
  STATE_LABELS as CONTRACT_STATE_LABELS,
  TOKEN_SCOPE_LABELS as CONTRACT_TOKEN_SCOPE_LABELS,
} from '@contract';

// The vocabulary comes from the contract (which takes it from the domain): one source.
export const STATES = DOSSIER_STATES;
export const STATE_LABELS: Record<string, string> = CONTRACT_STATE_LABELS;

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

export const ORIGINS = DOSSIER_ORIGINS;
export const ORIGIN_LABELS: Record<string, string> = CONTRACT_ORIGIN_LABELS;
export const CATEGORY_LABELS: Record<string, string> = CONTRACT_CATEGORY_LABELS;

export const CATEGORY_COLORS: Record<string, string> = {
  medical: 'red',
  sensitive: 'grape',
  administrative: 'blue',
  employer_visible: 'cyan',
};

/** Roles an administrator can give to an account of the service. */
export const STAFF_ROLE_LABELS: Record<string, string> = Object.fromEntries(STAFF_ROLES.map((r) => [r, ROLE_LABELS[r]]));

export const TOKEN_SCOPE_LABELS: Record<string, string> = CONTRACT_TOKEN_SCOPE_LABELS;

export const SEX_OPTIONS = [
  { value: '1', label: 'Homme' },
  { value: '2', label: 'Femme' },
];

export function stateLabel(code: string, label?: string | null): string {
  return label || STATE_LABELS[code] || code;
}
