import { auth } from '../../contract/auth';
import { openSession } from '../../services/auth/session-opener';
import { closeSession, describeSession } from '../../services/auth/session-resolver';
import { clearSessionCookie, setSessionCookie } from '../auth';
import type { App, Deps } from '../deps';
import { route } from '../route';

export function authRoutes(app: App, { database, config }: Deps) {
  route(
    app,
    auth.login,
    async (request, reply) => {
      const { token, me } = await openSession(database, config.auth, { ...request.body, address: request.ip });
      setSessionCookie(reply, config, token);
      return me;
    },
    { config: { rateLimit: { max: config.auth.loginAttemptsPerMinute, timeWindow: '1 minute' } } },
  );

  route(app, auth.logout, async (request, reply) => {
    await closeSession(database, request.session!.sessionId);
    clearSessionCookie(reply, config);
    return reply.status(204).send(null);
  });

  route(app, auth.me, async (request) => describeSession(request.session!));
}
