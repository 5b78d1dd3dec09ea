/**
 * The HTTP application: REST API under /api/v1 (schemas on every route → OpenAPI at
 * /api/openapi.json, Swagger UI at /api/docs) and the web app's static files.
 */
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config';
import { checkDatabase } from '../db/repositories/health.repository';
import type { Database } from '../db/connection';
import { registerAuth } from './auth';
import type { App, Deps } from './deps';
import { containsNul, errorBody, sendError } from './errors';
import { loggedPath } from './log-redaction';
import { adminRoutes } from './routes/admin';
import { authRoutes } from './routes/auth';
import { dossierRoutes } from './routes/dossiers';
import { intakeRoutes } from './routes/intake';
import { jobRoutes } from './routes/jobs';
import { navigationRoutes } from './routes/navigation';
import { parcoursRoutes } from './routes/parcours';
import { riskRoutes } from './routes/risk';
import { spaceRoutes } from './routes/spaces';
import { workerRoutes } from './routes/workers';
import { ErrorResponse } from '../contract/common';
import { service } from '../contract/navigation';
import { route } from './route';

/** The built web app; MAINTIEN_WEB_DIST points elsewhere (parallel builds in development). */
export const WEB_DIST = process.env.MAINTIEN_WEB_DIST ? `${process.env.MAINTIEN_WEB_DIST.replace(/\/+$/, '')}/` : fileURLToPath(new URL('../../web/dist/', import.meta.url));

export interface BuildOptions {
  database: Database;
  config: Config;
  version?: string;
  /** false in tests; a pino level otherwise. */
  logger?: FastifyServerOptions['logger'];
  serveWeb?: boolean;
}

/**
 * Request log lines keep the path only: query strings may carry a searched name or NIR, and
 * capability tokens in the path are replaced by `[jeton]` (log-redaction.ts).
 */
const serializers = {
  req(req: { method: string; url: string; id: string }) {
    return { id: req.id, method: req.method, path: loggedPath(req.url) };
  },
  res(res: { statusCode: number }) {
    return { statusCode: res.statusCode };
  },
};

/**
 * Security headers on every answer — API, web app, Swagger UI, errors (docs/security.md § 6,
 * decision D13). The CSP allows no inline script anywhere: the built web app and Swagger UI
 * (@fastify/swagger-ui ≥ 5 serves its initializer as a file) load scripts from files only;
 * inline styles stay allowed because Mantine injects <style> tags. HSTS only when cookies are
 * secure, i.e. behind HTTPS. Every /api/v1/ answer carries personal data or may: `no-store`,
 * unless the route chose its own Cache-Control.
 */
async function registerSecurityHeaders(app: App, config: Config): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/v1/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

export async function buildApp(opts: BuildOptions): Promise<App> {
  const { database, config } = opts;
  const app = Fastify({
    logger: opts.logger === undefined ? { level: config.logLevel, serializers } : opts.logger === false ? false : { ...(opts.logger as object), serializers },
    bodyLimit: 1024 * 1024,
    // X-Forwarded-For is believed only from the configured proxies (MAINTIEN_TRUSTED_PROXIES).
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    ajv: { customOptions: { removeAdditional: true, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const deps: Deps = { database, config, version: opts.version ?? '0.1.0' };

  app.setErrorHandler((err, request, reply) => sendError(err as Error, request, reply));
  app.addHook('preValidation', async (request, reply) => {
    if (containsNul(request.body) || containsNul(request.query)) {
      return reply.status(400).send(errorBody('CARACTERE_INTERDIT', 'La requête contient un caractère nul, non autorisé.'));
    }
  });
  await registerSecurityHeaders(app, config);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      ...errorBody('TROP_DE_REQUETES', `Trop de tentatives : patientez ${Math.ceil(ctx.ttl / 1000)} secondes avant de réessayer.`),
    }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Maintien — API',
        version: deps.version,
        description:
          "API de Maintien, plateforme des cellules de prévention de la désinsertion professionnelle. Authentification : cookie de session (POST /api/v1/auth/login) avec l'en-tête X-CSRF-Token sur les requêtes qui modifient, ou jeton d'API (Authorization: Bearer).",
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'maintien_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [], csrf: [] }, { token: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.addSchema(ErrorResponse);

  registerAuth(app, database, config);

  route(app, service.health, async (_request, reply) => {
    try {
      await checkDatabase(database.db);
    } catch {
      return reply.status(503).send(errorBody('BASE_INDISPONIBLE', 'La base de données ne répond pas.'));
    }
    return { status: 'ok' as const, engine: database.engine, version: deps.version };
  });
  route(app, service.openapi, async () => app.swagger());

  authRoutes(app, deps);
  dossierRoutes(app, deps);
  workerRoutes(app, deps);
  adminRoutes(app, deps);
  spaceRoutes(app, deps);
  intakeRoutes(app, deps);
  riskRoutes(app, deps);
  parcoursRoutes(app, deps);
  navigationRoutes(app, deps);
  jobRoutes(app, deps);

  const webAvailable = (opts.serveWeb ?? true) && existsSync(WEB_DIST);
  if (webAvailable) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && webAvailable && !request.url.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return reply.status(404).send(errorBody('RESSOURCE_INTROUVABLE', "Cette adresse n'existe pas."));
  });

  return app;
}
