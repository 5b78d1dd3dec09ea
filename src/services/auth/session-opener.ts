/**
 * Login: checks the password, applies the lockout policy, opens a server-side session.
 * The cookie carries a random token; the database keeps only its SHA-256.
 *
 * Lock-out is counted per (e-mail, client address), whether the e-mail is an account or not: an
 * unknown e-mail gets exactly the answers a real one gets (no enumeration), and failures from one
 * address never lock the account's owner out from another (no lock-out aimed at someone else).
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
    `Trop de tentatives infructueuses pour ce compte depuis cet appareil : la connexion est suspendue. Réessayez après ${until.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' })}.`,
  );

export interface LoginProps {
  email: string;
  password: string;
  /** The client address (the TCP peer, or the trusted proxy's X-Forwarded-For). */
  address: string;
  now?: Date;
}

/** The throttle key: SHA-256 of the normalised e-mail and the address, neither kept in clear. */
export const loginThrottleKey = (email: string, address: string) => sha256(`${email.trim().toLowerCase()}\n${address}`);

export async function openSession(database: Database, policy: AuthPolicy, props: LoginProps) {
  const { db } = database;
  const now = props.now ?? new Date();
  const key = loginThrottleKey(props.email, props.address);
  const [account, throttle] = await Promise.all([users.findLoginByEmail(db, props.email), users.findLoginThrottle(db, key)]);
  const auditAs = (action: string, details: Record<string, unknown> = {}) =>
    account
      ? inTenant(db, account.tenant_id, (trx) =>
          appendAuditEvents(trx, account.tenant_id, [
            { actorUserId: account.id, actorTokenId: null, actorLabel: account.display_name, action, subjectType: 'user', subjectId: account.id, details, at: now },
          ]),
        )
      : Promise.resolve();
  if (throttle && isLocked(throttle.locked_until, now)) {
    await auditAs('auth.login_refused', { reason: 'locked' });
    throw lockedError(throttle.locked_until!);
  }
  const ok = account ? await verifyPassword(props.password, account.password_hash) : await verifyPassword(props.password, await dummyPasswordHash()).then(() => false);
  if (!account || !ok || account.disabled_at) {
    const previous = throttle ? { failures: throttle.failures, lastFailureAt: throttle.last_failure_at } : null;
    const next = afterFailedAttempt(previous, now, policy);
    const forgetBefore = new Date(now.getTime() - policy.lockoutMinutes * 60_000);
    await users.recordLoginFailure(db, key, next.failedAttempts, next.lockedUntil, now, forgetBefore);
    await auditAs('auth.login_failed', next.lockedUntil ? { locked: true } : {});
    if (next.lockedUntil) throw lockedError(next.lockedUntil);
    throw BAD_CREDENTIALS();
  }
  const memberships = await users.findMemberships(db, account.tenant_id, account.id);
  const m = memberships[0];
  if (!m) throw BAD_CREDENTIALS();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await users.recordLoginSuccess(db, account.tenant_id, account.id, key, now);
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
