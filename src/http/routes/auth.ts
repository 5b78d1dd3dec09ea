import { Type } from '@sinclair/typebox';
import { openSession } from '../../services/auth/session-opener';
import { closeSession, describeSession } from '../../services/auth/session-resolver';
import { clearSessionCookie, setSessionCookie } from '../auth';
import type { App, Deps } from '../deps';
import { Errors, Me } from '../schemas';

export function authRoutes(app: App, { database, config }: Deps) {
  app.post(
    '/api/v1/auth/login',
    {
      config: {
        auth: 'public',
        rateLimit: { max: config.auth.loginAttemptsPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['Authentification'],
        summary: 'Se connecter (ouvre une session, cookie HttpOnly)',
        body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 1024 }) }),
        response: { 200: Me, ...Errors(400, 401, 423, 429) },
      },
    },
    async (request, reply) => {
      const { token, me } = await openSession(database, config.auth, request.body);
      setSessionCookie(reply, config, token);
      return me;
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { auth: 'session' }, schema: { tags: ['Authentification'], summary: 'Se déconnecter', response: { 204: Type.Null(), ...Errors(401, 403) } } },
    async (request, reply) => {
      await closeSession(database, request.session!.sessionId);
      clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    { config: { auth: 'session' }, schema: { tags: ['Authentification'], summary: 'Utilisateur connecté et jeton anti-CSRF', response: { 200: Me, ...Errors(401) } } },
    async (request) => describeSession(request.session!),
  );
}
