/**
 * The vocabulary the UI shows, from the domain (one source): enum values and their French
 * labels. The web takes them from here, never from src/domain directly.
 */
export { CATEGORIES, CATEGORY_LABELS, ROLES, ROLE_LABELS, STAFF_ROLES, HEALTH_PROFESSIONAL_ROLES, ORGANISATION_KINDS, ORGANISATION_KIND_LABELS } from '../domain/access/roles';
export type { Category, Role, OrganisationKind } from '../domain/access/roles';
export { DOSSIER_ORIGINS, ORIGIN_LABELS } from '../domain/dossier/origins';
export type { DossierOrigin } from '../domain/dossier/origins';
export { DOSSIER_STATES, STATE_LABELS } from '../domain/dossier/states';
export type { DossierState } from '../domain/dossier/states';
