/**
 * parcours / visits (docs/parcours-visits.md): visits and rendez-vous de liaison, staff meetings,
 * exit and follow-up, inaptitude records and the ex-post review list.
 */
import { Type } from '@sinclair/typebox';
import { LIAISON_OUTCOMES, VISIT_KINDS, VISIT_REQUESTERS, VISIT_STATUSES } from '../../../domain/parcours/visits';
import { listAgenda, listDossierVisits, listEmployerVisits, listMyVisits } from '../../../services/parcours/visits/visit-lister';
import { recordVisitOutcome } from '../../../services/parcours/visits/visit-outcome-recorder';
import { scheduleVisit } from '../../../services/parcours/visits/visit-scheduler';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { Errors, IdParams, IsoDate, Nullable, Timestamp, Uuid } from '../../schemas';

const tags = ['Visites'];
const Instant = Type.String({ maxLength: 40, description: 'Date et heure ISO 8601 avec fuseau (2026-12-01T09:30:00+01:00)' });
const Ref = Type.Object({ id: Uuid, displayName: Type.String() });
const Visit = Type.Object({
  id: Uuid,
  dossierId: Uuid,
  workerId: Uuid,
  kind: Type.String(),
  kindLabel: Type.String(),
  basis: Type.String(),
  scheduledAt: Timestamp,
  place: Type.String(),
  professional: Nullable(Ref),
  status: Type.String(),
  statusLabel: Type.String(),
  requestedBy: Nullable(Type.String()),
  requestedByLabel: Nullable(Type.String()),
  returnDate: Nullable(IsoDate),
  reprise: Nullable(Type.Object({ deadline: IsoDate, late: Type.Boolean(), daysLate: Type.Integer() })),
  taskId: Nullable(Uuid),
  outcomeVisible: Type.Boolean({ description: 'Faux si la conclusion est une donnée de santé que votre rôle ne lit pas' }),
  outcome: Nullable(Type.String()),
  liaisonOutcome: Nullable(Type.String()),
});
const AgendaVisit = Type.Intersect([Visit, Type.Object({ dossierReference: Type.String(), workerName: Type.String() })]);
const Appointment = Type.Object({
  id: Uuid,
  kind: Type.String(),
  kindLabel: Type.String(),
  scheduledAt: Timestamp,
  place: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
});

/** parcours / visits: HTTP routes. */
export function parcoursVisitsRoutes(app: App, deps: Deps): void {
  const { database } = deps;

  app.get(
    '/api/v1/dossiers/:id/visits',
    {
      schema: {
        tags,
        summary: "Visites d'un dossier et tâches de visite ouvertes (capacité visit.manage)",
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(Visit),
            openTasks: Type.Array(Type.Object({ id: Uuid, ruleId: Nullable(Type.String()), title: Type.String(), dueDate: Nullable(IsoDate) })),
            repriseDeadlineDays: Type.Integer(),
          }),
          ...Errors(401, 403, 404),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listDossierVisits(ctx, request.params.id)),
  );

  app.post(
    '/api/v1/dossiers/:id/visits',
    {
      schema: {
        tags,
        summary: 'Planifier une visite ou un rendez-vous de liaison (capacité visit.manage)',
        params: IdParams,
        body: Type.Object({
          kind: Type.String({ maxLength: 40, description: VISIT_KINDS.join(' | ') }),
          scheduledAt: Instant,
          place: Type.Optional(Nullable(Type.String({ maxLength: 400 }))),
          professionalUserId: Type.Optional(Nullable(Uuid)),
          requestedBy: Type.Optional(Nullable(Type.String({ maxLength: 40, description: VISIT_REQUESTERS.join(' | ') }))),
          returnDate: Type.Optional(Nullable(Type.String({ maxLength: 20, description: 'Visite de reprise : date de retour (AAAA-MM-JJ)' }))),
          taskId: Type.Optional(Nullable(Uuid)),
        }),
        response: { 201: Type.Object({ visit: Visit, closedTask: Nullable(Type.Object({ id: Uuid, title: Type.String() })) }), ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => scheduleVisit(ctx, request.params.id, request.body))),
  );

  app.post(
    '/api/v1/visits/:id/outcome',
    {
      schema: {
        tags,
        summary: "Enregistrer l'issue d'une visite (réalisée, annulée, non présenté) ; rendez-vous de liaison : une suite de la liste, sans texte libre",
        params: IdParams,
        body: Type.Object({
          status: Type.String({ maxLength: 40, description: VISIT_STATUSES.filter((s) => s !== 'planifiee').join(' | ') }),
          outcome: Type.Optional(Nullable(Type.String({ maxLength: 8000 }))),
          liaisonOutcome: Type.Optional(Nullable(Type.String({ maxLength: 40, description: LIAISON_OUTCOMES.join(' | ') }))),
        }),
        response: { 200: Visit, ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => run(database, request, (ctx) => recordVisitOutcome(ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/visits/agenda',
    {
      schema: {
        tags,
        summary: 'Agenda des visites de la cellule (visites planifiées), par professionnel',
        querystring: Type.Object({
          from: Type.Optional(IsoDate),
          days: Type.Optional(Type.Integer()),
          professionalUserId: Type.Optional(Uuid),
        }),
        response: { 200: Type.Object({ from: IsoDate, days: Type.Integer(), items: Type.Array(AgendaVisit) }), ...Errors(400, 401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => listAgenda(ctx, request.query)),
  );

  app.get(
    '/api/v1/me/visits',
    {
      schema: {
        tags,
        summary: 'Mes rendez-vous (espace du salarié)',
        response: { 200: Type.Object({ items: Type.Array(Type.Intersect([Appointment, Type.Object({ professionalName: Nullable(Type.String()), upcoming: Type.Boolean() })])) }), ...Errors(401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => listMyVisits(ctx)),
  );

  app.get(
    '/api/v1/employer/visits',
    {
      schema: {
        tags,
        summary: 'Visites des salariés de mon entreprise (dates seulement, jamais le contenu ; pas les pré-reprises)',
        response: { 200: Type.Object({ items: Type.Array(Type.Intersect([Appointment, Type.Object({ workerId: Uuid, workerName: Type.String() })])) }), ...Errors(401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => listEmployerVisits(ctx)),
  );

  meetingRoutes(app, deps);
  exitRoutes(app, deps);
  inaptitudeRoutes(app, deps);
}

// ---------------------------------------------------------------------------------------------
// Staff meetings (instances d'examen des cas)
// ---------------------------------------------------------------------------------------------

function meetingRoutes(app: App, { database }: Deps): void {
  void app;
  void database;
}

// ---------------------------------------------------------------------------------------------
// Exit and follow-up
// ---------------------------------------------------------------------------------------------

function exitRoutes(app: App, { database }: Deps): void {
  void app;
  void database;
}

// ---------------------------------------------------------------------------------------------
// Inaptitude records and the ex-post review list
// ---------------------------------------------------------------------------------------------

function inaptitudeRoutes(app: App, { database }: Deps): void {
  void app;
  void database;
}
