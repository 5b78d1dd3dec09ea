/** Workers, companies and their employments. */
import { Type } from '@sinclair/typebox';
import { Errors, IdParams, IsoDate, Nullable, Timestamp, Uuid } from './common';
import { capability, defineOperation } from './operation';

export const Employment = Type.Object({
  id: Uuid,
  company: Type.Object({ id: Uuid, name: Type.String(), siret: Type.String() }),
  jobTitle: Type.String(),
  startDate: IsoDate,
  endDate: Nullable(IsoDate),
});

const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
};

/** A row of the worker search. */
export const WorkerListItem = Type.Object({
  id: Uuid,
  displayName: Type.String(),
  birthDate: IsoDate,
  companyName: Nullable(Type.String()),
  openDossier: Nullable(Type.Object({ id: Uuid, reference: Type.String(), state: Type.String(), stateLabel: Type.String() })),
});

/** The worker page (« Fiche salarié »): identity, employments, dossiers. */
export const WorkerRecord = Type.Object({
  id: Uuid,
  displayName: Type.String(),
  birthName: Type.String(),
  usageName: Nullable(Type.String()),
  firstNames: Type.String(),
  birthDate: IsoDate,
  sex: Type.Integer(),
  nirMasked: Nullable(Type.String()),
  nir: Type.Optional(Type.String()),
  identityStatus: Type.String(),
  identityStatusLabel: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  city: Nullable(Type.String()),
  employments: Type.Array(Employment),
  dossiers: Type.Array(
    Type.Object({ id: Uuid, reference: Type.String(), state: Type.String(), stateLabel: Type.String(), openedAt: Timestamp, closedAt: Nullable(Timestamp) }),
  ),
});

export const Company = Type.Object({
  id: Uuid,
  name: Type.String(),
  siret: Type.String(),
  naf: Nullable(Type.String()),
  city: Nullable(Type.String()),
  postalCode: Nullable(Type.String()),
  workforce: Nullable(Type.Integer()),
});

export const workers = {
  search: defineOperation({
    method: 'GET',
    path: '/api/v1/workers',
    permission: capability('worker.search'),
    tags: ['Salariés'],
    summary: 'Rechercher un salarié (nom, prénom, date de naissance JJ/MM/AAAA ou NIR complet)',
    querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...Paging }),
    response: {
      200: Type.Object({ items: Type.Array(WorkerListItem), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }),
      ...Errors(400, 401, 403),
    },
  }),
  create: defineOperation({
    method: 'POST',
    path: '/api/v1/workers',
    permission: capability('worker.create'),
    tags: ['Salariés'],
    summary: 'Créer un salarié (NIR contrôlé), avec son poste actuel',
    body: Type.Object({
      nir: Type.Optional(Type.String({ maxLength: 30 })),
      birthName: Type.String({ minLength: 1, maxLength: 100 }),
      usageName: Type.Optional(Type.String({ maxLength: 100 })),
      firstNames: Type.String({ minLength: 1, maxLength: 150 }),
      birthDate: IsoDate,
      sex: Type.Union([Type.Literal(1), Type.Literal(2)]),
      email: Type.Optional(Type.String({ maxLength: 254 })),
      phone: Type.Optional(Type.String({ maxLength: 30 })),
      postalCode: Type.Optional(Type.String({ maxLength: 10 })),
      city: Type.Optional(Type.String({ maxLength: 100 })),
      companyId: Type.Optional(Uuid),
      jobTitle: Type.Optional(Type.String({ maxLength: 150 })),
      startDate: Type.Optional(IsoDate),
    }),
    response: { 201: Type.Object({ id: Uuid }), ...Errors(400, 401, 403, 404, 409) },
  }),
  read: defineOperation({
    method: 'GET',
    path: '/api/v1/workers/:id',
    permission: capability('worker.search'),
    tags: ['Salariés'],
    summary: 'Fiche salarié',
    params: IdParams,
    response: { 200: WorkerRecord, ...Errors(400, 401, 403, 404) },
  }),
};

export const companies = {
  search: defineOperation({
    method: 'GET',
    path: '/api/v1/companies',
    permission: capability('company.search'),
    tags: ['Entreprises'],
    summary: 'Rechercher une entreprise adhérente (raison sociale, SIREN ou SIRET)',
    querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...Paging }),
    response: { 200: Type.Object({ items: Type.Array(Company), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }), ...Errors(400, 401, 403) },
  }),
  create: defineOperation({
    method: 'POST',
    path: '/api/v1/companies',
    permission: capability('company.create'),
    tags: ['Entreprises'],
    summary: 'Enregistrer une entreprise adhérente (SIRET contrôlé)',
    body: Type.Object({
      siret: Type.String({ maxLength: 20 }),
      name: Type.String({ minLength: 1, maxLength: 200 }),
      naf: Type.Optional(Type.String({ maxLength: 6 })),
      workforce: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000000 })),
      postalCode: Type.Optional(Type.String({ maxLength: 10 })),
      city: Type.Optional(Type.String({ maxLength: 100 })),
    }),
    response: { 201: Type.Object({ id: Uuid }), ...Errors(400, 401, 403, 409) },
  }),
  read: defineOperation({
    method: 'GET',
    path: '/api/v1/companies/:id',
    permission: capability('company.search'),
    tags: ['Entreprises'],
    summary: 'Fiche entreprise',
    params: IdParams,
    response: { 200: Company, ...Errors(400, 401, 403, 404) },
  }),
};
