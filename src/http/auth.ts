/**
 * Authentication of each request (session cookie or bearer API token) and the CSRF check on
 * mutations made with a cookie. Routes declare what they need with `config.auth`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/connection';
import { ensurePermission, type Principal } from '../domain/access';
import { MaintienError } from '../domain/errors';
import type { Config } from '../config';
import { resolveApiToken, resolveSession, type ResolvedSession } from '../services/auth/session-resolver';
import { withCtx, type Ctx } from '../services/context';

export const SESSION_COOKIE = 'maintien_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    session: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    /** 'public': no login needed; 'user': a session (or token where allowed) is required. */
    auth?: 'public' | 'user' | 'session';
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerAuth(app: FastifyInstance, database: Database, config: Config) {
  // Every API route comes from the contract and declares its permission (src/http/route.ts).
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1/') && !route.config?.permission) {
      throw new Error(`${String(route.method)} ${route.url}: route sans permission déclarée (enregistrez une opération de src/contract avec route()).`);
    }
  });
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/v1/')) return;
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const principal = await resolveApiToken(database, header.slice(7).trim());
      if (!principal) throw new MaintienError('unauthenticated', 'JETON_INVALIDE', "Jeton d'API inconnu, expiré ou révoqué.");
      request.principal = principal;
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const s = await resolveSession(database, config.auth, token);
      if (s) {
        request.session = s;
        request.principal = s.principal;
      }
    }
  });

  app.addHook('preHandler', async (request) => {
    // Static files of the web app and its client-side routes are public; the API is not.
    if (!request.url.startsWith('/api/v1/')) return;
    const mode = request.routeOptions.config?.auth ?? 'user';
    if (mode === 'public') return;
    if (!request.principal) {
      throw new MaintienError('unauthenticated', 'NON_AUTHENTIFIE', 'Connectez-vous pour accéder à cette ressource.');
    }
    if (mode === 'session' && !request.session) {
      throw new MaintienError('forbidden', 'SESSION_REQUISE', 'Cette action demande une connexion par compte utilisateur.', );
    }
    // Cookie-authenticated mutations must echo the session's CSRF token (double submit).
    if (request.session && MUTATING.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== request.session.csrfToken) {
        throw new MaintienError('forbidden', 'CSRF_INVALIDE', 'Jeton anti-CSRF absent ou invalide : rechargez la page et réessayez.');
      }
    }
    // What the operation requires (declared in src/contract), asked of the access policy.
    const permission = request.routeOptions.config?.permission;
    if (permission) ensurePermission(request.principal, permission);
  });
}

/** Runs a service in the caller's tenant transaction. */
export function run<T>(database: Database, request: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  if (!request.principal) throw new MaintienError('unauthenticated', 'NON_AUTHENTIFIE', 'Connectez-vous pour accéder à cette ressource.');
  return withCtx(database, request.principal, fn);
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: config.auth.sessionMaxHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config) {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies });
}
