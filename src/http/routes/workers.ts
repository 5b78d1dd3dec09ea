import { Type } from '@sinclair/typebox';
import { createCompany } from '../../services/company/company-creator';
import { readCompany, searchCompanies } from '../../services/company/company-reader';
import { createWorker } from '../../services/worker/worker-creator';
import { readWorker } from '../../services/worker/worker-reader';
import { searchWorkers } from '../../services/worker/worker-searcher';
import { run } from '../auth';
import type { App, Deps } from '../deps';
import { Employment, Errors, IdParams, IsoDate, Nullable, Timestamp, Uuid } from '../schemas';

const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
};

const Company = Type.Object({
  id: Uuid,
  name: Type.String(),
  siret: Type.String(),
  naf: Nullable(Type.String()),
  city: Nullable(Type.String()),
  postalCode: Nullable(Type.String()),
  workforce: Nullable(Type.Integer()),
});

export function workerRoutes(app: App, { database }: Deps) {
  app.get(
    '/api/v1/workers',
    {
      schema: {
        tags: ['Salariés'],
        summary: 'Rechercher un salarié (nom, prénom, date de naissance JJ/MM/AAAA ou NIR complet)',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...Paging }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Uuid,
                displayName: Type.String(),
                birthDate: IsoDate,
                companyName: Nullable(Type.String()),
                openDossier: Nullable(Type.Object({ id: Uuid, reference: Type.String(), state: Type.String(), stateLabel: Type.String() })),
              }),
            ),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          ...Errors(400, 401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => searchWorkers(ctx, request.query)),
  );

  app.post(
    '/api/v1/workers',
    {
      schema: {
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
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => createWorker(ctx, request.body))),
  );

  app.get(
    '/api/v1/workers/:id',
    {
      schema: {
        tags: ['Salariés'],
        summary: 'Fiche salarié',
        params: IdParams,
        response: {
          200: Type.Object({
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
          }),
          ...Errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => run(database, request, (ctx) => readWorker(ctx, request.params.id)),
  );

  app.get(
    '/api/v1/companies',
    {
      schema: {
        tags: ['Entreprises'],
        summary: 'Rechercher une entreprise adhérente (raison sociale, SIREN ou SIRET)',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), ...Paging }),
        response: { 200: Type.Object({ items: Type.Array(Company), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }), ...Errors(400, 401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => searchCompanies(ctx, request.query)),
  );

  app.post(
    '/api/v1/companies',
    {
      schema: {
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
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => createCompany(ctx, request.body))),
  );

  app.get(
    '/api/v1/companies/:id',
    { schema: { tags: ['Entreprises'], summary: 'Fiche entreprise', params: IdParams, response: { 200: Company, ...Errors(400, 401, 403, 404) } } },
    async (request) => run(database, request, (ctx) => readCompany(ctx, request.params.id)),
  );
}
