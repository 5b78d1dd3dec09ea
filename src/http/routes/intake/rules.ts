/**
 * Routes of the rules channel: tasks (« Mes tâches », « Tâches de l'équipe », a dossier's
 * tasks), saved worklists (the Assurance maladie's weekly queries) and the service's
 * « Règles de détection ».
 */
import { Type } from '@sinclair/typebox';
import { closeTask } from '../../../services/intake/task-completer';
import { assignTask } from '../../../services/intake/task-assigner';
import { listDossierTasks, listTasks, MAX_TASK_PAGE_SIZE } from '../../../services/intake/task-lister';
import { listWorklists, readWorklist, WORKLIST_KEYS } from '../../../services/intake/worklist-reader';
import { readRulesSettings } from '../../../services/intake/rules-settings-reader';
import { updateRulesSettings } from '../../../services/intake/rules-settings-updater';
import { miCarriereScheduler } from '../../../services/intake/mi-carriere-scheduler';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { Errors, IdParams, IsoDate, Nullable, Timestamp, Uuid } from '../../schemas';

export const Task = Type.Object({
  id: Uuid,
  kind: Type.String(),
  kindLabel: Type.String(),
  title: Type.String(),
  dueDate: Nullable(IsoDate),
  overdue: Type.Boolean(),
  status: Type.String(),
  statusLabel: Type.String(),
  ruleId: Nullable(Type.String()),
  owner: Nullable(Type.Object({ id: Uuid, displayName: Type.String() })),
  worker: Type.Object({ id: Uuid, displayName: Type.String() }),
  dossier: Nullable(Type.Object({ id: Uuid, reference: Type.String() })),
  createdAt: Timestamp,
  doneAt: Nullable(Timestamp),
});

const WorklistRow = Type.Object({
  id: Uuid,
  worker: Type.Object({ id: Type.String(), displayName: Type.String() }),
  company: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  dossier: Nullable(Type.Object({ id: Uuid, reference: Type.String() })),
  arret: Nullable(
    Type.Object({
      id: Uuid,
      nature: Type.String(),
      natureLabel: Type.String(),
      ald: Type.Boolean(),
      startDate: IsoDate,
      endDate: Nullable(IsoDate),
      durationDays: Type.Integer(),
    }),
  ),
  arretCount: Nullable(Type.Integer()),
  receivedAt: Nullable(Timestamp),
  from: Nullable(Type.String()),
  note: Nullable(Type.String()),
});

const RuleValue = Type.Union([Type.Integer(), Type.String()]);
const RulesSettings = Type.Object({
  parameters: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String(),
      basis: Type.String(),
      kind: Type.Union([Type.Literal('integer'), Type.Literal('date')]),
      unit: Nullable(Type.String()),
      min: Nullable(Type.Integer()),
      max: Nullable(Type.Integer()),
      value: RuleValue,
      defaultValue: RuleValue,
    }),
  ),
  updatedAt: Nullable(Timestamp),
});

export function rulesRoutes(app: App, { database }: Deps): void {
  app.get(
    '/api/v1/tasks',
    {
      schema: {
        tags: ['Tâches'],
        summary: "Tâches : « Mes tâches » (scope=mine) ou « Tâches de l'équipe » (scope=team)",
        querystring: Type.Object({
          scope: Type.Optional(Type.Union([Type.Literal('mine'), Type.Literal('team')])),
          status: Type.Optional(Type.Union([Type.Literal('a_faire'), Type.Literal('fait'), Type.Literal('annule'), Type.Literal('tous')])),
          overdue: Type.Optional(Type.Boolean()),
          owner: Type.Optional(Type.String({ maxLength: 36, description: "Tâches de l'équipe : id du responsable, ou « none » pour les tâches non attribuées" })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_TASK_PAGE_SIZE })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Task),
            total: Type.Integer(),
            overdueCount: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            counts: Type.Object({ mine: Type.Integer(), mineOverdue: Type.Integer(), team: Type.Integer(), teamOverdue: Type.Integer() }),
          }),
          ...Errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const q = request.query;
      return run(database, request, (ctx) => listTasks(ctx, { scope: q.scope ?? 'mine', status: q.status, overdue: q.overdue, owner: q.owner, page: q.page, pageSize: q.pageSize }));
    },
  );

  const Closed = Type.Object({ id: Uuid, status: Type.String() });
  app.post(
    '/api/v1/tasks/:id/done',
    { schema: { tags: ['Tâches'], summary: 'Marquer une tâche comme faite', params: IdParams, response: { 200: Closed, ...Errors(400, 401, 403, 404, 409) } } },
    async (request) => run(database, request, (ctx) => closeTask(ctx, request.params.id, 'fait')),
  );
  app.post(
    '/api/v1/tasks/:id/cancel',
    { schema: { tags: ['Tâches'], summary: 'Annuler une tâche', params: IdParams, response: { 200: Closed, ...Errors(400, 401, 403, 404, 409) } } },
    async (request) => run(database, request, (ctx) => closeTask(ctx, request.params.id, 'annule')),
  );
  app.put(
    '/api/v1/tasks/:id/owner',
    {
      schema: {
        tags: ['Tâches'],
        summary: "Attribuer une tâche à un professionnel (ou la rendre à l'équipe avec null)",
        params: IdParams,
        body: Type.Object({ ownerId: Nullable(Uuid) }),
        response: { 200: Type.Object({ id: Uuid, owner: Nullable(Type.Object({ id: Uuid, displayName: Type.String() })) }), ...Errors(400, 401, 403, 404) },
      },
    },
    async (request) => run(database, request, (ctx) => assignTask(ctx, request.params.id, request.body.ownerId)),
  );
  app.post(
    '/api/v1/tasks/mi-carriere',
    {
      schema: {
        tags: ['Tâches'],
        summary: "Créer les tâches « Visite de mi-carrière » de l'année pour tout le service",
        response: { 200: Type.Object({ year: Type.Integer(), created: Type.Integer() }), ...Errors(401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => miCarriereScheduler(ctx)),
  );

  app.get(
    '/api/v1/dossiers/:id/tasks',
    {
      schema: { tags: ['Tâches'], summary: "Tâches ouvertes d'un dossier", params: IdParams, response: { 200: Type.Object({ items: Type.Array(Task) }), ...Errors(400, 401, 403, 404) } },
    },
    async (request) => run(database, request, (ctx) => listDossierTasks(ctx, request.params.id)),
  );

  app.get(
    '/api/v1/worklists',
    {
      schema: {
        tags: ['Listes de travail'],
        summary: 'Listes de travail enregistrées (requêtes hebdomadaires) et leurs effectifs',
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), description: Type.String(), count: Type.Integer() })) }),
          ...Errors(401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listWorklists(ctx)),
  );
  app.get(
    '/api/v1/worklists/:key',
    {
      schema: {
        tags: ['Listes de travail'],
        summary: `Une page d'une liste de travail (${WORKLIST_KEYS.join(', ')})`,
        params: Type.Object({ key: Type.String({ maxLength: 40 }) }),
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })) }),
        response: {
          200: Type.Object({
            key: Type.String(),
            label: Type.String(),
            description: Type.String(),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            items: Type.Array(WorklistRow),
          }),
          ...Errors(400, 401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => readWorklist(ctx, request.params.key, request.query.page)),
  );

  app.get(
    '/api/v1/settings/intake-rules',
    { schema: { tags: ['Paramètres'], summary: 'Règles de détection du service', response: { 200: RulesSettings, ...Errors(401, 403) } } },
    async (request) => run(database, request, (ctx) => readRulesSettings(ctx)),
  );
  app.put(
    '/api/v1/settings/intake-rules',
    {
      schema: {
        tags: ['Paramètres'],
        summary: 'Enregistrer les règles de détection (les paramètres absents reprennent leur valeur par défaut)',
        body: Type.Object({ values: Type.Record(Type.String({ maxLength: 60 }), Nullable(RuleValue), { maxProperties: 60 }) }),
        response: { 200: RulesSettings, ...Errors(400, 401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => updateRulesSettings(ctx, request.body.values)),
  );
}
