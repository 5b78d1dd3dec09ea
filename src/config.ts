/** Configuration from the environment, read once at start-up. */
import { isIP } from 'node:net';
import { AUTH_DEFAULTS, type AuthPolicy } from './domain/auth/policy';

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies: boolean;
  logLevel: string;
  /**
   * Reverse proxies whose `X-Forwarded-For` is believed (addresses or CIDRs; empty = none, the
   * client address is the TCP peer). Anyone else's forwarded header is ignored, so it cannot
   * change the address the login rate limit counts.
   */
  trustedProxies: string[];
  /** Embedded engine only: hours between two VACUUM (ANALYZE) runs (0 = never). */
  vacuumEveryHours: number;
  auth: AuthPolicy;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} doit être un entier positif (reçu « ${raw} »).`);
  return n;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** MAINTIEN_TRUSTED_PROXIES: comma-separated IPv4/IPv6 addresses or CIDRs (or loopback, linklocal, uniquelocal). */
function proxiesFromEnv(env: NodeJS.ProcessEnv): string[] {
  const raw = env.MAINTIEN_TRUSTED_PROXIES ?? '';
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
  for (const e of entries) {
    const [addr, prefix, ...rest] = e.split('/');
    const version = isIP(addr);
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 6 ? 128 : 32));
    if (!(PROXY_NAMES.has(e) || (version !== 0 && prefixOk && rest.length === 0))) {
      throw new Error(`MAINTIEN_TRUSTED_PROXIES : « ${e} » n'est ni une adresse IP ni un réseau CIDR (exemple : 10.0.0.1,192.168.0.0/24).`);
    }
  }
  return entries;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFromEnv(env, 'PORT', 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.MAINTIEN_DATA_DIR || './data',
    secureCookies: env.MAINTIEN_SECURE_COOKIES === '1' || env.MAINTIEN_SECURE_COOKIES === 'true',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustedProxies: proxiesFromEnv(env),
    vacuumEveryHours: intFromEnv(env, 'MAINTIEN_VACUUM_HOURS', 6),
    auth: {
      maxFailedAttempts: intFromEnv(env, 'MAINTIEN_LOGIN_MAX_FAILURES', AUTH_DEFAULTS.maxFailedAttempts),
      lockoutMinutes: intFromEnv(env, 'MAINTIEN_LOGIN_LOCKOUT_MINUTES', AUTH_DEFAULTS.lockoutMinutes),
      loginAttemptsPerMinute: intFromEnv(env, 'MAINTIEN_LOGIN_RATE_PER_MINUTE', AUTH_DEFAULTS.loginAttemptsPerMinute),
      sessionIdleMinutes: intFromEnv(env, 'MAINTIEN_SESSION_IDLE_MINUTES', AUTH_DEFAULTS.sessionIdleMinutes),
      sessionMaxHours: intFromEnv(env, 'MAINTIEN_SESSION_MAX_HOURS', AUTH_DEFAULTS.sessionMaxHours),
      minPasswordLength: intFromEnv(env, 'MAINTIEN_MIN_PASSWORD_LENGTH', AUTH_DEFAULTS.minPasswordLength),
    },
  };
}
