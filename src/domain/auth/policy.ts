/**
 * Numbers of the authentication policy, in one place. The server reads overrides from the
 * environment (src/config.ts); these are the defaults.
 */
export const AUTH_DEFAULTS = {
  /** Consecutive failed logins on one e-mail from one client address that lock that pair. */
  maxFailedAttempts: 5,
  /** How long the pair stays locked; also how long a failure is remembered. */
  lockoutMinutes: 15,
  /** Login attempts allowed per client address and minute, whatever the account. */
  loginAttemptsPerMinute: 20,
  /** A session ends after this idle time… */
  sessionIdleMinutes: 120,
  /** …and at the latest this long after login. */
  sessionMaxHours: 12,
  /** Minimum password length for accounts created by an administrator (ANSSI guidance). */
  minPasswordLength: 12,
} as const;

export type AuthPolicy = { -readonly [K in keyof typeof AUTH_DEFAULTS]: number };

/** Is the account locked at `now`? */
export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/** Failures recorded so far for one (e-mail, client address) pair. */
export interface FailureRecord {
  failures: number;
  lastFailureAt: Date;
}

/**
 * After a failed attempt from one client address on one e-mail (known or not): the new failure
 * count and, when it reaches the threshold, the time until which logins of that e-mail from that
 * address are refused. Failures are consecutive: those older than `lockoutMinutes` before this one
 * are forgotten, so a user who mistypes once a day is never locked.
 */
export function afterFailedAttempt(
  previous: FailureRecord | null,
  now: Date,
  policy: Pick<AuthPolicy, 'maxFailedAttempts' | 'lockoutMinutes'>,
): { failedAttempts: number; lockedUntil: Date | null } {
  const window = policy.lockoutMinutes * 60_000;
  const recent = previous && now.getTime() - previous.lastFailureAt.getTime() < window ? previous.failures : 0;
  const n = recent + 1;
  if (n >= policy.maxFailedAttempts) {
    return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + window) };
  }
  return { failedAttempts: n, lockedUntil: null };
}

/** Expiry of a session refreshed at `now` and created at `createdAt`. */
export function sessionExpiry(createdAt: Date, now: Date, policy: Pick<AuthPolicy, 'sessionIdleMinutes' | 'sessionMaxHours'>): Date {
  const idle = now.getTime() + policy.sessionIdleMinutes * 60_000;
  const max = createdAt.getTime() + policy.sessionMaxHours * 3_600_000;
  return new Date(Math.min(idle, max));
}

export function checkPasswordStrength(password: string, policy: Pick<AuthPolicy, 'minPasswordLength'>): string | null {
  if (password.length < policy.minPasswordLength) {
    return `Le mot de passe doit comporter au moins ${policy.minPasswordLength} caractères.`;
  }
  return null;
}
