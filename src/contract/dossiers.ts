/** Dossiers PDP: the worklist, the dossier page, its state changes, notes and assignees. */
import { Type } from '@sinclair/typebox';
import { CATEGORIES } from '../domain/access/roles';
import { DOSSIER_ORIGINS } from '../domain/dossier/origins';
import { DOSSIER_STATES } from '../domain/dossier/states';
import { WORKLIST_MAX_PAGE_SIZE, WORKLIST_SORTS } from '../domain/dossier/worklist';
import { Errors, IdParams, IsoDate, Labelled, Nullable, OneOf, Timestamp, Uuid } from './common';
import { authenticated, capability, defineOperation } from './operation';
import { Employment } from './workers';

const tags = ['Dossiers'];

export const Entry = Type.Object({
  id: Uuid,
  kind: Type.String(),
  category: Type.String(),
  categoryLabel: Type.String(),
  title: Nullable(Type.String()),
  body: Type.String(),
  authorName: Nullable(Type.String()),
  createdAt: Timestamp,
  sharedWithWorker: Type.Boolean(),
});

/** What identifies a dossier in every view of it. */
const dossierHead = {
  id: Uuid,
  reference: Type.String(),
  state: Type.String(),
  stateLabel: Type.String(),
  origin: Type.String(),
  originLabel: Type.String(),
};

export const DossierPage = Type.Object({
  ...dossierHead,
  summary: Type.String(),
  openedAt: Timestamp,
  closedAt: Nullable(Timestamp),
  nextDueDate: Nullable(IsoDate),
  overdue: Type.Boolean(),
  version: Type.Integer(),
  worker: Type.Object({
    id: Uuid,
    displayName: Type.String(),
    birthDate: IsoDate,
    sex: Type.Integer(),
    nirMasked: Nullable(Type.String()),
    nir: Type.Optional(Type.String({ description: 'Présent seulement pour qui peut lire les données sensibles' })),
  }),
  employments: Type.Array(Employment),
  assignees: Type.Array(
    Type.Object({ id: Uuid, displayName: Type.String(), role: Nullable(Type.String()), roleLabel: Type.String(), isReferent: Type.Boolean() }),
  ),
  allowedTransitions: Type.Array(Type.Object({ to: Type.String(), label: Type.String(), requiresReason: Type.Boolean() })),
  transitions: Type.Array(
    Type.Object({
      from: Nullable(Type.String()),
      to: Type.String(),
      fromLabel: Nullable(Type.String()),
      toLabel: Type.String(),
      reason: Nullable(Type.String()),
      actorName: Nullable(Type.String()),
      at: Timestamp,
    }),
  ),
  timeline: Type.Array(Entry),
  writableCategories: Type.Array(Labelled),
});

export const WorklistItem = Type.Object({
  ...dossierHead,
  worker: Type.Object({ id: Uuid, displayName: Type.String() }),
  company: Nullable(Type.Object({ id: Uuid, name: Type.String() })),
  nextDueDate: Nullable(IsoDate),
  overdue: Type.Boolean(),
  openedAt: Timestamp,
  updatedAt: Timestamp,
  assignees: Type.Array(Type.Object({ id: Uuid, displayName: Type.String(), isReferent: Type.Boolean() })),
});

export const Worklist = Type.Object({
  items: Type.Array(WorklistItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  counts: Type.Record(Type.String(), Type.Integer()),
  overdueCount: Type.Integer(),
});

export const dossiers = {
  list: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers',
    permission: capability('worklist.service'),
    tags,
    summary: 'Liste de travail des dossiers (« Mes dossiers », « Tous les dossiers du service »)',
    querystring: Type.Object({
      scope: Type.Optional(OneOf(['mine', 'service'] as const)),
      state: Type.Optional(Type.String({ maxLength: 200, description: `États séparés par des virgules : ${DOSSIER_STATES.join(', ')}` })),
      assignee: Type.Optional(Uuid),
      overdue: Type.Optional(Type.Boolean()),
      q: Type.Optional(Type.String({ maxLength: 100 })),
      sort: Type.Optional(OneOf(WORKLIST_SORTS)),
      order: Type.Optional(OneOf(['asc', 'desc'] as const)),
      page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
      pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: WORKLIST_MAX_PAGE_SIZE })),
    }),
    response: { 200: Worklist, ...Errors(400, 401, 403) },
  }),
  open: defineOperation({
    method: 'POST',
    path: '/api/v1/dossiers',
    permission: capability('dossier.create'),
    tags,
    summary: 'Ouvrir un dossier PDP pour un salarié',
    body: Type.Object({
      workerId: Uuid,
      origin: OneOf(DOSSIER_ORIGINS),
      summary: Type.String({ minLength: 1, maxLength: 2000 }),
      assigneeIds: Type.Optional(Type.Array(Uuid, { maxItems: 10 })),
      referentId: Type.Optional(Uuid),
      nextDueDate: Type.Optional(IsoDate),
    }),
    response: { 201: Type.Object({ id: Uuid, reference: Type.String() }), ...Errors(400, 401, 403, 404, 409) },
  }),
  read: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id',
    // Every role reads some dossiers (its relation with the worker decides which): an unrelated
    // dossier answers 404, exactly like one that does not exist.
    permission: authenticated,
    tags,
    summary: 'Page dossier (filtrée selon les droits de l’appelant)',
    params: IdParams,
    response: { 200: DossierPage, ...Errors(400, 401, 404) },
  }),
  transition: defineOperation({
    method: 'POST',
    path: '/api/v1/dossiers/:id/transitions',
    permission: capability('dossier.transition', { refusal: "Votre rôle ne permet pas de changer l'état d'un dossier." }),
    tags,
    summary: "Changer l'état du dossier",
    params: IdParams,
    body: Type.Object({ to: Type.String({ maxLength: 40 }), reason: Type.Optional(Type.String({ maxLength: 2000 })) }),
    response: { 200: DossierPage, ...Errors(400, 401, 403, 404) },
  }),
  addEntry: defineOperation({
    method: 'POST',
    path: '/api/v1/dossiers/:id/entries',
    // The category written is checked against the caller's relation by the service.
    permission: authenticated,
    tags,
    summary: 'Ajouter une note au dossier',
    params: IdParams,
    body: Type.Object({
      category: OneOf(CATEGORIES),
      title: Type.Optional(Type.String({ maxLength: 200 })),
      body: Type.String({ minLength: 1, maxLength: 20000 }),
      sharedWithWorker: Type.Optional(Type.Boolean()),
    }),
    response: { 201: Entry, ...Errors(400, 401, 403, 404) },
  }),
  assign: defineOperation({
    method: 'PUT',
    path: '/api/v1/dossiers/:id/assignees',
    permission: capability('dossier.assign'),
    tags,
    summary: 'Définir les intervenants du dossier',
    params: IdParams,
    body: Type.Object({ userIds: Type.Array(Uuid, { maxItems: 10 }), referentId: Type.Optional(Nullable(Uuid)) }),
    response: { 200: DossierPage, ...Errors(400, 401, 403, 404) },
  }),
};
