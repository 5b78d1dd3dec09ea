/** Resolves a session cookie or an API token into a principal (one system lookup each). */
import type { Database } from '../../db/connection';
import * as users from '../../db/repositories/user.repository';
import { isTokenScope, type Principal, type TokenScope } from '../../domain/access';
import { sessionExpiry, type AuthPolicy } from '../../domain/auth/policy';
import { describeMe, userPrincipal, type MembershipFacts } from './principal';
import { sha256 } from './session-opener';

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  principal: Principal;
  facts: MembershipFacts;
}

/** Refreshing the expiry on every request would write on every read: once a minute is enough. */
const TOUCH_INTERVAL_MS = 60_000;

export async function resolveSession(database: Database, policy: AuthPolicy, token: string, now = new Date()): Promise<ResolvedSession | null> {
  if (!token || token.length > 200) return null;
  const id = sha256(token);
  const s = await users.findSession(database.db, id);
  if (!s || s.disabled_at) return null;
  if (new Date(s.expires_at).getTime() <= now.getTime()) {
    await users.deleteSession(database.db, id);
    return null;
  }
  if (now.getTime() - new Date(s.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    await users.extendSession(database.db, id, now, sessionExpiry(new Date(s.created_at), now, policy));
  }
  const facts: MembershipFacts = {
    tenantId: s.tenant_id,
    userId: s.user_id,
    displayName: s.display_name,
    email: s.email,
    workerId: s.worker_id,
    role: s.role,
    organisationId: s.organisation_id,
    organisationName: s.organisation_name,
    organisationKind: s.organisation_kind,
    companyId: s.company_id,
  };
  return { sessionId: id, csrfToken: s.csrf_token, principal: userPrincipal(facts), facts };
}

export function describeSession(s: ResolvedSession) {
  return describeMe(s.facts, s.principal, s.csrfToken);
}

export async function closeSession(database: Database, sessionId: string) {
  await users.deleteSession(database.db, sessionId);
}

export const API_TOKEN_PREFIX = 'mtn_';

export async function resolveApiToken(database: Database, bearer: string, now = new Date()): Promise<Principal | null> {
  if (!bearer.startsWith(API_TOKEN_PREFIX) || bearer.length > 200) return null;
  const t = await users.findApiTokenByHash(database.db, sha256(bearer));
  if (!t || t.revoked_at) return null;
  if (t.expires_at && new Date(t.expires_at).getTime() <= now.getTime()) return null;
  await users.touchApiToken(database.db, t.id, now);
  return {
    kind: 'token',
    tenantId: t.tenant_id,
    userId: null,
    tokenId: t.id,
    role: null,
    scopes: t.scopes.filter(isTokenScope) as TokenScope[],
    organisationId: t.organisation_id,
    organisationKind: t.organisation_kind,
    companyId: null,
    workerId: null,
    label: `Jeton d'API « ${t.name} »`,
  };
}
