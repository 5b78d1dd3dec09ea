import { Type } from '@sinclair/typebox';
import { ROLES } from '../../domain/access';
import { searchAudit, verifyAudit } from '../../services/audit/audit-verifier';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/user/api-token-manager';
import { createUser } from '../../services/user/user-creator';
import { listStaff } from '../../services/user/user-lister';
import { run } from '../auth';
import type { App, Deps } from '../deps';
import { Errors, IdParams, Nullable, Timestamp, Uuid } from '../schemas';

export function adminRoutes(app: App, { database, config }: Deps) {
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['Comptes'],
        summary: 'Professionnels du service (choix des intervenants)',
        querystring: Type.Object({ role: Type.Optional(Type.String({ maxLength: 40 })) }),
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Uuid, displayName: Type.String(), role: Type.String(), roleLabel: Type.String() })) }), ...Errors(400, 401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => listStaff(ctx, request.query)),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['Comptes'],
        summary: 'Créer un compte (administrateur)',
        body: Type.Object({
          email: Type.String({ maxLength: 254 }),
          displayName: Type.String({ minLength: 1, maxLength: 120 }),
          password: Type.String({ maxLength: 1024 }),
          role: Type.Union(ROLES.map((r) => Type.Literal(r))),
          organisationId: Type.Optional(Uuid),
          companyId: Type.Optional(Uuid),
          workerId: Type.Optional(Uuid),
        }),
        response: { 201: Type.Object({ id: Uuid }), ...Errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => createUser(ctx, config.auth, request.body))),
  );

  const Token = Type.Object({
    id: Uuid,
    name: Type.String(),
    scopes: Type.Array(Type.String()),
    createdAt: Timestamp,
    expiresAt: Nullable(Timestamp),
    revokedAt: Nullable(Timestamp),
    lastUsedAt: Nullable(Timestamp),
  });

  app.get(
    '/api/v1/api-tokens',
    { config: { auth: 'session' }, schema: { tags: ['Jetons d’API'], summary: "Jetons d'API du service", response: { 200: Type.Object({ items: Type.Array(Token) }), ...Errors(401, 403) } } },
    async (request) => run(database, request, (ctx) => listApiTokens(ctx)),
  );

  app.post(
    '/api/v1/api-tokens',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['Jetons d’API'],
        summary: "Créer un jeton d'API (affiché une seule fois)",
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 100 }),
          scopes: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: 10 }),
          expiresInDays: Type.Optional(Type.Integer()),
          organisationId: Type.Optional(Uuid),
        }),
        response: { 201: Type.Object({ id: Uuid, token: Type.String() }), ...Errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => createApiToken(ctx, request.body))),
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    { config: { auth: 'session' }, schema: { tags: ['Jetons d’API'], summary: "Révoquer un jeton d'API", params: IdParams, response: { 204: Type.Null(), ...Errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      await run(database, request, (ctx) => revokeApiToken(ctx, request.params.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/audit',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['Audit'],
        summary: "Rechercher dans le journal d'audit",
        querystring: Type.Object({
          subjectType: Type.Optional(Type.String({ maxLength: 40 })),
          subjectId: Type.Optional(Type.String({ maxLength: 64 })),
          action: Type.Optional(Type.String({ maxLength: 60 })),
          actorUserId: Type.Optional(Uuid),
          beforeSeq: Type.Optional(Type.Integer({ minimum: 1 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                seq: Type.Integer(),
                at: Timestamp,
                actorLabel: Type.String(),
                action: Type.String(),
                subjectType: Type.String(),
                subjectId: Nullable(Type.String()),
                category: Nullable(Type.String()),
                purpose: Nullable(Type.String()),
              }),
            ),
          }),
          ...Errors(400, 401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => searchAudit(ctx, request.query)),
  );

  app.post(
    '/api/v1/audit/verify',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['Audit'],
        summary: "Vérifier l'intégrité du journal d'audit (chaîne de hachage)",
        response: {
          200: Type.Object({ ok: Type.Boolean(), checked: Type.Integer(), problems: Type.Array(Type.Object({ seq: Type.Integer(), code: Type.String(), message: Type.String() })) }),
          ...Errors(401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => verifyAudit(ctx)),
  );
}
