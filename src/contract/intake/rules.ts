/**
 * The rules channel: tasks (« Mes tâches », « Tâches de l'équipe », a dossier's tasks), the saved
 * worklists (the Assurance maladie's weekly queries) and the service's « Règles de détection ».
 */
import { Type } from '@sinclair/typebox';
import { MAX_TASK_PAGE_SIZE, WORKLIST_KEYS } from '../../domain/intake/channels';
import { TASK_STATUSES } from '../../domain/intake/rules';
import { Errors, IdParams, IsoDate, Nullable, OneOf, Timestamp, Uuid } from '../common';
import { capability, defineOperation } from '../operation';
import { DossierRef, PageParam, PersonRef } from './shared';

export { TASK_STATUSES, WORKLIST_KEYS };
export type { WorklistKey } from '../../domain/intake/channels';

export const TASK_SCOPES = ['mine', 'team'] as const;
/** The status filter of the task lists: a task status, or every status. */
export const TASK_STATUS_FILTERS = [...TASK_STATUSES, 'tous'] as const;

export const Task = Type.Object({
  id: Uuid,
  kind: Type.String(),
  kindLabel: Type.String(),
  title: Type.String(),
  dueDate: Nullable(IsoDate),
  overdue: Type.Boolean(),
  status: Type.String({ description: TASK_STATUSES.join(' | ') }),
  statusLabel: Type.String(),
  ruleId: Nullable(Type.String()),
  owner: Nullable(PersonRef),
  worker: PersonRef,
  dossier: Nullable(DossierRef),
  createdAt: Timestamp,
  doneAt: Nullable(Timestamp),
});

export const WorklistSummary = Type.Object({ key: Type.String(), label: Type.String(), description: Type.String(), count: Type.Integer() });

export const WorklistRow = Type.Object({
  id: Uuid,
  worker: Type.Object({ id: Type.String(), displayName: Type.String() }),
  company: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  dossier: Nullable(DossierRef),
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

export const WorklistPage = Type.Object({
  key: Type.String(),
  label: Type.String(),
  description: Type.String(),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(WorklistRow),
});

const RuleValue = Type.Union([Type.Integer(), Type.String()]);
export const RuleParameter = Type.Object({
  key: Type.String(),
  label: Type.String(),
  basis: Type.String(),
  kind: OneOf(['integer', 'date'] as const),
  unit: Nullable(Type.String()),
  min: Nullable(Type.Integer()),
  max: Nullable(Type.Integer()),
  value: RuleValue,
  defaultValue: RuleValue,
});
export const RulesSettings = Type.Object({ parameters: Type.Array(RuleParameter), updatedAt: Nullable(Timestamp) });

const taskTags = ['Tâches'];
const ClosedTask = Type.Object({ id: Uuid, status: Type.String() });

export const tasks = {
  list: defineOperation({
    method: 'GET',
    path: '/api/v1/tasks',
    permission: capability('task.manage'),
    tags: taskTags,
    summary: "Tâches : « Mes tâches » (scope=mine) ou « Tâches de l'équipe » (scope=team)",
    querystring: Type.Object({
      scope: Type.Optional(OneOf(TASK_SCOPES)),
      status: Type.Optional(OneOf(TASK_STATUS_FILTERS)),
      overdue: Type.Optional(Type.Boolean()),
      owner: Type.Optional(Type.String({ maxLength: 36, description: "Tâches de l'équipe : id du responsable, ou « none » pour les tâches non attribuées" })),
      page: PageParam,
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
  }),
  done: defineOperation({
    method: 'POST',
    path: '/api/v1/tasks/:id/done',
    permission: capability('task.manage'),
    tags: taskTags,
    summary: 'Marquer une tâche comme faite',
    params: IdParams,
    response: { 200: ClosedTask, ...Errors(400, 401, 403, 404, 409) },
  }),
  cancel: defineOperation({
    method: 'POST',
    path: '/api/v1/tasks/:id/cancel',
    permission: capability('task.manage'),
    tags: taskTags,
    summary: 'Annuler une tâche',
    params: IdParams,
    response: { 200: ClosedTask, ...Errors(400, 401, 403, 404, 409) },
  }),
  assign: defineOperation({
    method: 'PUT',
    path: '/api/v1/tasks/:id/owner',
    permission: capability('task.manage'),
    tags: taskTags,
    summary: "Attribuer une tâche à un professionnel (ou la rendre à l'équipe avec null)",
    params: IdParams,
    body: Type.Object({ ownerId: Nullable(Uuid) }),
    response: { 200: Type.Object({ id: Uuid, owner: Nullable(PersonRef) }), ...Errors(400, 401, 403, 404) },
  }),
  scheduleMiCarriere: defineOperation({
    method: 'POST',
    path: '/api/v1/tasks/mi-carriere',
    permission: capability(['settings.manage', 'task.manage']),
    tags: taskTags,
    summary: "Créer les tâches « Visite de mi-carrière » de l'année pour tout le service",
    response: { 200: Type.Object({ year: Type.Integer(), created: Type.Integer() }), ...Errors(401, 403) },
  }),
  ofDossier: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/tasks',
    permission: capability('task.manage'),
    tags: taskTags,
    summary: "Tâches ouvertes d'un dossier",
    params: IdParams,
    response: { 200: Type.Object({ items: Type.Array(Task) }), ...Errors(400, 401, 403, 404) },
  }),
};

export const worklists = {
  list: defineOperation({
    method: 'GET',
    path: '/api/v1/worklists',
    permission: capability('signal.read'),
    tags: ['Listes de travail'],
    summary: 'Listes de travail enregistrées (requêtes hebdomadaires) et leurs effectifs',
    response: { 200: Type.Object({ items: Type.Array(WorklistSummary) }), ...Errors(401, 403) },
  }),
  read: defineOperation({
    method: 'GET',
    path: '/api/v1/worklists/:key',
    // `quarantaine` also needs quarantine.resolve: the service answers LISTE_INCONNUE otherwise.
    permission: capability('signal.read'),
    tags: ['Listes de travail'],
    summary: `Une page d'une liste de travail (${WORKLIST_KEYS.join(', ')})`,
    params: Type.Object({ key: Type.String({ maxLength: 40 }) }),
    querystring: Type.Object({ page: PageParam }),
    response: { 200: WorklistPage, ...Errors(400, 401, 403) },
  }),
};

export const intakeRules = {
  read: defineOperation({
    method: 'GET',
    path: '/api/v1/settings/intake-rules',
    permission: capability('settings.manage'),
    tags: ['Paramètres'],
    summary: 'Règles de détection du service',
    response: { 200: RulesSettings, ...Errors(401, 403) },
  }),
  update: defineOperation({
    method: 'PUT',
    path: '/api/v1/settings/intake-rules',
    permission: capability('settings.manage'),
    tags: ['Paramètres'],
    summary: 'Enregistrer les règles de détection (les paramètres absents reprennent leur valeur par défaut)',
    body: Type.Object({ values: Type.Record(Type.String({ maxLength: 60 }), Nullable(RuleValue), { maxProperties: 60 }) }),
    response: { 200: RulesSettings, ...Errors(400, 401, 403) },
  }),
};
