import { apiTokens, audit, users } from '../../contract/admin';
import { searchAudit, verifyAudit } from '../../services/audit/audit-verifier';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/user/api-token-manager';
import { createUser } from '../../services/user/user-creator';
import { listStaff } from '../../services/user/user-lister';
import { run } from '../auth';
import type { App, Deps } from '../deps';
import { route } from '../route';

export function adminRoutes(app: App, { database, config }: Deps) {
  route(app, users.list, async (request) => run(database, request, (ctx) => listStaff(ctx, request.query)));

  route(app, users.create, async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => createUser(ctx, config.auth, request.body))));

  route(app, apiTokens.list, async (request) => run(database, request, (ctx) => listApiTokens(ctx)));

  route(app, apiTokens.create, async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => createApiToken(ctx, request.body))));

  route(app, apiTokens.revoke, async (request, reply) => {
    await run(database, request, (ctx) => revokeApiToken(ctx, request.params.id));
    return reply.status(204).send(null);
  });

  route(app, audit.search, async (request) => run(database, request, (ctx) => searchAudit(ctx, request.query)));

  route(app, audit.verify, async (request) => run(database, request, (ctx) => verifyAudit(ctx)));
}
