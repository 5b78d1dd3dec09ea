import { Type } from '@sinclair/typebox';
import { DOSSIER_ORIGINS } from '../../domain/dossier/origins';
import { DOSSIER_STATES } from '../../domain/dossier/states';
import { CATEGORIES } from '../../domain/access';
import { assignDossier } from '../../services/dossier/dossier-assigner';
import { listDossiers, MAX_PAGE_SIZE } from '../../services/dossier/dossier-lister';
import { openDossier } from '../../services/dossier/dossier-opener';
import { readDossier } from '../../services/dossier/dossier-reader';
import { transitionDossier } from '../../services/dossier/dossier-transitioner';
import { addEntry } from '../../services/dossier/entry-adder';
import { run } from '../auth';
import type { App, Deps } from '../deps';
import { DossierPage, Entry, Errors, IdParams, IsoDate, Nullable, Timestamp, Uuid } from '../schemas';

const tags = ['Dossiers'];

const WorklistItem = Type.Object({
  id: Uuid,
  reference: Type.String(),
  state: Type.String(),
  stateLabel: Type.String(),
  origin: Type.String(),
  originLabel: Type.String(),
  worker: Type.Object({ id: Uuid, displayName: Type.String() }),
  company: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  nextDueDate: Nullable(IsoDate),
  overdue: Type.Boolean(),
  openedAt: Timestamp,
  updatedAt: Timestamp,
  assignees: Type.Array(Type.Object({ id: Uuid, displayName: Type.String(), isReferent: Type.Boolean() })),
});

export function dossierRoutes(app: App, { database }: Deps) {
  app.get(
    '/api/v1/dossiers',
    {
      schema: {
        tags,
        summary: 'Liste de travail des dossiers (« Mes dossiers », « Tous les dossiers du service »)',
        querystring: Type.Object({
          scope: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('service')], { default: 'mine' })),
          state: Type.Optional(Type.String({ maxLength: 200, description: `États séparés par des virgules : ${DOSSIER_STATES.join(', ')}` })),
          assignee: Type.Optional(Uuid),
          overdue: Type.Optional(Type.Boolean()),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          sort: Type.Optional(Type.Union([Type.Literal('due'), Type.Literal('opened'), Type.Literal('updated'), Type.Literal('reference')])),
          order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(WorklistItem),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            counts: Type.Record(Type.String(), Type.Integer()),
            overdueCount: Type.Integer(),
          }),
          ...Errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const states = q.state ? q.state.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      return run(database, request, (ctx) =>
        listDossiers(ctx, { scope: q.scope ?? (request.principal?.kind === 'token' ? 'service' : 'mine'), states, assigneeId: q.assignee, overdue: q.overdue, q: q.q, sort: q.sort, order: q.order, page: q.page, pageSize: q.pageSize }),
      );
    },
  );

  app.post(
    '/api/v1/dossiers',
    {
      schema: {
        tags,
        summary: 'Ouvrir un dossier PDP pour un salarié',
        body: Type.Object({
          workerId: Uuid,
          origin: Type.Union(DOSSIER_ORIGINS.map((o) => Type.Literal(o))),
          summary: Type.String({ minLength: 1, maxLength: 2000 }),
          assigneeIds: Type.Optional(Type.Array(Uuid, { maxItems: 10 })),
          referentId: Type.Optional(Uuid),
          nextDueDate: Type.Optional(IsoDate),
        }),
        response: { 201: Type.Object({ id: Uuid, reference: Type.String() }), ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const created = await run(database, request, (ctx) => openDossier(ctx, request.body));
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/dossiers/:id',
    { schema: { tags, summary: 'Page dossier (filtrée selon les droits de l’appelant)', params: IdParams, response: { 200: DossierPage, ...Errors(400, 401, 404) } } },
    async (request) => run(database, request, (ctx) => readDossier(ctx, request.params.id)),
  );

  app.post(
    '/api/v1/dossiers/:id/transitions',
    {
      schema: {
        tags,
        summary: "Changer l'état du dossier",
        params: IdParams,
        body: Type.Object({ to: Type.String({ maxLength: 40 }), reason: Type.Optional(Type.String({ maxLength: 2000 })) }),
        response: { 200: DossierPage, ...Errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      run(database, request, async (ctx) => {
        await transitionDossier(ctx, request.params.id, request.body);
        return readDossier(ctx, request.params.id);
      }),
  );

  app.post(
    '/api/v1/dossiers/:id/entries',
    {
      schema: {
        tags,
        summary: 'Ajouter une note au dossier',
        params: IdParams,
        body: Type.Object({
          category: Type.Union(CATEGORIES.map((c) => Type.Literal(c))),
          title: Type.Optional(Type.String({ maxLength: 200 })),
          body: Type.String({ minLength: 1, maxLength: 20000 }),
          sharedWithWorker: Type.Optional(Type.Boolean()),
        }),
        response: { 201: Entry, ...Errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const entry = await run(database, request, (ctx) => addEntry(ctx, request.params.id, request.body));
      return reply.status(201).send(entry);
    },
  );

  app.put(
    '/api/v1/dossiers/:id/assignees',
    {
      schema: {
        tags,
        summary: 'Définir les intervenants du dossier',
        params: IdParams,
        body: Type.Object({ userIds: Type.Array(Uuid, { maxItems: 10 }), referentId: Type.Optional(Nullable(Uuid)) }),
        response: { 200: DossierPage, ...Errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      run(database, request, async (ctx) => {
        await assignDossier(ctx, request.params.id, request.body);
        return readDossier(ctx, request.params.id);
      }),
  );
}
