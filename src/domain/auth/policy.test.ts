import { describe, expect, it } from 'vitest';
import { afterFailedAttempt, AUTH_DEFAULTS, checkPasswordStrength, isLocked, sessionExpiry } from './policy';

const now = new Date('2026-11-25T09:00:00Z');
const policy = { maxFailedAttempts: 5, lockoutMinutes: 15 };

describe('lockout', () => {
  it('does not lock before the threshold (4th failure)', () => {
    expect(afterFailedAttempt({ failures: 3, lastFailureAt: now }, now, policy)).toEqual({ failedAttempts: 4, lockedUntil: null });
  });
  it('locks at the threshold (5th failure) for the configured time', () => {
    const r = afterFailedAttempt({ failures: 4, lastFailureAt: now }, now, policy);
    expect(r.lockedUntil?.toISOString()).toBe('2026-11-25T09:15:00.000Z');
    expect(r.failedAttempts).toBe(0);
  });
  it('counts the first failure from nothing', () => {
    expect(afterFailedAttempt(null, now, policy)).toEqual({ failedAttempts: 1, lockedUntil: null });
  });
  it('remembers a failure up to the last millisecond of the lockout window, then forgets it', () => {
    const last = new Date(now.getTime() - 15 * 60_000);
    expect(afterFailedAttempt({ failures: 4, lastFailureAt: new Date(last.getTime() + 1) }, now, policy).lockedUntil).not.toBeNull();
    expect(afterFailedAttempt({ failures: 4, lastFailureAt: last }, now, policy)).toEqual({ failedAttempts: 1, lockedUntil: null });
  });
  it('is locked until the last millisecond, then free', () => {
    const until = new Date('2026-11-25T09:15:00Z');
    expect(isLocked(until, new Date(until.getTime() - 1))).toBe(true);
    expect(isLocked(until, until)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
  it('has documented defaults', () => {
    expect(AUTH_DEFAULTS.maxFailedAttempts).toBe(5);
    expect(AUTH_DEFAULTS.lockoutMinutes).toBe(15);
  });
});

describe('session expiry', () => {
  const p = { sessionIdleMinutes: 120, sessionMaxHours: 12 };
  it('extends by the idle time', () => {
    expect(sessionExpiry(now, now, p).toISOString()).toBe('2026-11-25T11:00:00.000Z');
  });
  it('never goes past the maximum lifetime', () => {
    const later = new Date('2026-11-25T20:30:00Z');
    expect(sessionExpiry(now, later, p).toISOString()).toBe('2026-11-25T21:00:00.000Z');
  });
});

describe('password strength', () => {
  it('requires the minimum length (boundary)', () => {
    expect(checkPasswordStrength('a'.repeat(11), { minPasswordLength: 12 })).toMatch(/12 caractères/);
    expect(checkPasswordStrength('a'.repeat(12), { minPasswordLength: 12 })).toBeNull();
  });
});
