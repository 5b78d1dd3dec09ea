/**
 * Capability tokens never reach the logs. A capability token is a secret carried in the path that
 * alone opens something (the worker's questionnaire link today; invitations, password resets and
 * calendar feeds tomorrow): the request log line keeps the path's shape, the token replaced by
 * `[jeton]`. A new route of that kind is one more entry in CAPABILITY_TOKEN_ROUTES, written as
 * the route is (`:token` marks the secret segment); what follows the token is kept.
 * `test/integration/logs.int.test.ts` fails if an API path with a `{token}` parameter is missing.
 */
export const CAPABILITY_TOKEN_ROUTES: readonly string[] = ['/api/v1/public/questionnaire-links/:token'];

export const REDACTED_TOKEN = '[jeton]';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `/a/:token/b` → /^(\/a\/)[^/]+(?=\/b(\/|$))/i : the literal parts kept, the token segment captured out. */
function compile(route: string): RegExp {
  const parts = route.split(':token');
  if (parts.length !== 2) throw new Error(`Route de jeton sans ou avec plusieurs « :token » : ${route}`);
  const [before, after] = parts;
  return new RegExp(`^(${escape(before)})[^/]+(?=${escape(after)}(/|$))`, 'i');
}

const PATTERNS = CAPABILITY_TOKEN_ROUTES.map(compile);

/** The path (no query string: it may carry a searched name or NIR) with every capability token redacted. */
export function loggedPath(url: string): string {
  const path = url.split('?')[0];
  for (const p of PATTERNS) {
    if (p.test(path)) return path.replace(p, `$1${REDACTED_TOKEN}`);
  }
  return path;
}
