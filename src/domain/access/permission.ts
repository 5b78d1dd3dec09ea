/**
 * What an API operation requires, declared on the operation itself (src/contract) and enforced
 * for every request by one hook (src/http/auth.ts) that asks this module. A permission says
 * what the caller must hold *before* the service runs; what the service then decides about one
 * worker (the relation: service, consented, employer, self) stays in the policy's `can`.
 *
 *   - public         no login (health, login, the worker's questionnaire link)
 *   - authenticated  any signed-in principal (user or token); `session: true` for user sessions only
 *   - capability     one of the capabilities (CAPABILITIES), `refusal` being the French message
 *   - data           the role may do `action` on data of `category` under some scope; the service
 *                    then checks the relation with the worker concerned
 */
import { MaintienError } from '../errors';
import { CATEGORY_POLICY, has, TOKEN_SCOPES, type Action, type Capability, type Principal } from './policy';
import type { Category } from './roles';

export type Permission =
  | { kind: 'public' }
  | { kind: 'authenticated'; session?: boolean }
  | { kind: 'capability'; anyOf: readonly Capability[]; session?: boolean; refusal?: string }
  | { kind: 'data'; action: Action; category: Category; session?: boolean; refusal?: string };

/** The permission as published in the OpenAPI document (`x-permission`). */
export function describePermission(p: Permission): string {
  switch (p.kind) {
    case 'public':
      return 'public';
    case 'authenticated':
      return p.session ? 'session' : 'authenticated';
    case 'capability':
      return `${p.session ? 'session+' : ''}capability:${p.anyOf.join('|')}`;
    case 'data':
      return `${p.session ? 'session+' : ''}data:${p.category}:${p.action}`;
  }
}

/** May this principal call an operation requiring `p`? (Relation to a worker is checked later.) */
export function permits(principal: Principal | null, p: Permission): boolean {
  if (p.kind === 'public') return true;
  if (!principal) return false;
  switch (p.kind) {
    case 'authenticated':
      return true;
    case 'capability':
      return p.anyOf.some((c) => has(principal, c));
    case 'data':
      if (principal.kind === 'token') {
        return p.action === 'read' && principal.scopes.some((s) => (TOKEN_SCOPES[s].read as readonly Category[]).includes(p.category));
      }
      return principal.role !== null && CATEGORY_POLICY[principal.role][p.category][p.action] !== null;
  }
}

/** Throws the refusal of `p` unless the (authenticated) principal holds it. */
export function ensurePermission(principal: Principal, p: Permission): void {
  if (permits(principal, p)) return;
  if (principal.kind === 'token') {
    throw new MaintienError('forbidden', 'PORTEE_INSUFFISANTE', "La portée de ce jeton d'API ne permet pas cette action.");
  }
  const refusal = p.kind === 'capability' || p.kind === 'data' ? p.refusal : undefined;
  throw new MaintienError('forbidden', 'ACCES_REFUSE', refusal ?? 'Votre rôle ne permet pas cette action.');
}

/** Does the permission need a user session (not an API token)? */
export function requiresSession(p: Permission): boolean {
  return p.kind !== 'public' && p.session === true;
}
