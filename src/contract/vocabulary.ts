/**
 * The vocabulary the UI shows, from the domain (one source): enum values and their French
 * labels. The web takes them from here, never from src/domain directly.
 */
import { TOKEN_SCOPES as DOMAIN_TOKEN_SCOPES, type TokenScope } from '../domain/access/policy';

export { CATEGORIES, CATEGORY_LABELS, ROLES, ROLE_LABELS, STAFF_ROLES, HEALTH_PROFESSIONAL_ROLES, ORGANISATION_KINDS, ORGANISATION_KIND_LABELS } from '../domain/access/roles';
export type { Category, Role, OrganisationKind } from '../domain/access/roles';
export { DOSSIER_ORIGINS, ORIGIN_LABELS } from '../domain/dossier/origins';
export type { DossierOrigin } from '../domain/dossier/origins';
export { DOSSIER_STATES, STATE_LABELS } from '../domain/dossier/states';
export type { DossierState } from '../domain/dossier/states';
export { CAPABILITIES } from '../domain/access/policy';
export { formatSiret } from '../domain/identity/siret';
export type { Capability, TokenScope } from '../domain/access/policy';

/** The scopes an API token may carry, in order. */
export const TOKEN_SCOPES = Object.keys(DOMAIN_TOKEN_SCOPES) as TokenScope[];
/** What each scope grants, in French (the token form). */
export const TOKEN_SCOPE_LABELS: Readonly<Record<TokenScope, string>> = Object.fromEntries(
  Object.entries(DOMAIN_TOKEN_SCOPES).map(([k, v]) => [k, v.label]),
) as Record<TokenScope, string>;
