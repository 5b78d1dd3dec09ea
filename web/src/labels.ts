/** French labels of the vocabulary shared with the server (glossary.md). */

import { CATEGORY_LABELS as DOMAIN_CATEGORY_LABELS, ROLE_LABELS, STAFF_ROLES, TOKEN_SCOPES } from '../../src/domain/access';
import { DOSSIER_ORIGINS, ORIGIN_LABELS as DOMAIN_ORIGIN_LABELS } from '../../src/domain/dossier/origins';
import { DOSSIER_STATES, STATE_LABELS as DOMAIN_STATE_LABELS } from '../../src/domain/dossier/states';

// The vocabulary comes from the domain itself (pure modules, bundled by Vite): one source.
export const STATES = DOSSIER_STATES;
export const STATE_LABELS: Record<string, string> = DOMAIN_STATE_LABELS;

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
export const ORIGIN_LABELS: Record<string, string> = DOMAIN_ORIGIN_LABELS;
export const CATEGORY_LABELS: Record<string, string> = DOMAIN_CATEGORY_LABELS;

export const CATEGORY_COLORS: Record<string, string> = {
  medical: 'red',
  sensitive: 'grape',
  administrative: 'blue',
  employer_visible: 'cyan',
};

/** Roles an administrator can give to an account of the service. */
export const STAFF_ROLE_LABELS: Record<string, string> = Object.fromEntries(STAFF_ROLES.map((r) => [r, ROLE_LABELS[r]]));

export const TOKEN_SCOPE_LABELS: Record<string, string> = Object.fromEntries(Object.entries(TOKEN_SCOPES).map(([k, v]) => [k, v.label]));

export const SEX_OPTIONS = [
  { value: '1', label: 'Homme' },
  { value: '2', label: 'Femme' },
];

export function stateLabel(code: string, label?: string | null): string {
  return label || STATE_LABELS[code] || code;
}
