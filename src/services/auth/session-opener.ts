/**
 * Login: checks the password, applies the lockout policy, opens a server-side session.
 * The cookie carries a random token; the database keeps only its SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../db/connection';
import { appendAuditEvents } from '../../db/repositories/audit.repository';
import * as users from '../../db/repositories/user.repository';
import { inTenant } from '../../db/tenant-tx';
import { afterFailedAttempt, isLocked, sessionExpiry, type AuthPolicy } from '../../domain/auth/policy';
import { MaintienError } from '../../domain/errors';
import { dummyPasswordHash, verifyPassword } from './password';
import { describeMe, userPrincipal, type MembershipFacts } from './principal';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const BAD_CREDENTIALS = () =>
  new MaintienError('unauthenticated', 'IDENTIFIANTS_INVALIDES', 'Adresse e-mail ou mot de passe incorrect.');

const lockedError = (until: Date) =>
  new MaintienError(
    'locked',
    'COMPTE_VERROUILLE',
    `Ce compte est verrouillé après plusieurs tentatives infructueuses. Réessayez après ${until.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' })}.`,
  );

export interface LoginProps {
  email: string;
  password: string;
  now?: Date;
}

export async function openSession(database: Database, policy: AuthPolicy, props: LoginProps) {
  const { db } = database;
  const now = props.now ?? new Date();
  const account = await users.findLoginByEmail(db, props.email);
  if (!account) {
    await verifyPassword(props.password, await dummyPasswordHash());
    throw BAD_CREDENTIALS();
  }
  const auditAs = (action: string, details: Record<string, unknown> = {}) =>
    inTenant(db, account.tenant_id, (trx) =>
      appendAuditEvents(trx, account.tenant_id, [
        { actorUserId: account.id, actorTokenId: null, actorLabel: account.display_name, action, subjectType: 'user', subjectId: account.id, details, at: now },
      ]),
    );
  if (isLocked(account.locked_until, now)) {
    await auditAs('auth.login_refused', { reason: 'locked' });
    throw lockedError(account.locked_until!);
  }
  const ok = await verifyPassword(props.password, account.password_hash);
  if (!ok || account.disabled_at) {
    const next = afterFailedAttempt(account.failed_attempts, now, policy);
    await users.recordLoginFailure(db, account.tenant_id, account.id, next.failedAttempts, next.lockedUntil);
    await auditAs('auth.login_failed', next.lockedUntil ? { locked: true } : {});
    if (next.lockedUntil) throw lockedError(next.lockedUntil);
    throw BAD_CREDENTIALS();
  }
  const memberships = await users.findMemberships(db, account.tenant_id, account.id);
  const m = memberships[0];
  if (!m) throw BAD_CREDENTIALS();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await users.recordLoginSuccess(db, account.tenant_id, account.id, now);
  await users.insertSession(db, {
    id: sha256(token),
    tenant_id: account.tenant_id,
    user_id: account.id,
    membership_id: m.id,
    csrf_token: csrfToken,
    created_at: now,
    last_seen_at: now,
    expires_at: sessionExpiry(now, now, policy),
  });
  await auditAs('auth.login');
  const facts: MembershipFacts = {
    tenantId: account.tenant_id,
    userId: account.id,
    displayName: account.display_name,
    email: account.email,
    workerId: null,
    role: m.role,
    organisationId: m.organisation_id,
    organisationName: m.organisation_name,
    organisationKind: m.organisation_kind,
    companyId: m.company_id,
  };
  const session = await users.findSession(db, sha256(token));
  facts.workerId = session?.worker_id ?? null;
  const principal = userPrincipal(facts);
  return { token, me: describeMe(facts, principal, csrfToken) };
}
