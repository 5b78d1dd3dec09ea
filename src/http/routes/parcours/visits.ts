/**
 * parcours / visits (docs/parcours-visits.md): visits and rendez-vous de liaison, staff meetings,
 * exit and follow-up, inaptitude records and the ex-post review list.
 */
import { Type } from '@sinclair/typebox';
import { LIAISON_OUTCOMES, VISIT_KINDS, VISIT_REQUESTERS, VISIT_STATUSES } from '../../../domain/parcours/visits';
import { listAgenda, listDossierVisits, listEmployerVisits, listMyVisits } from '../../../services/parcours/visits/visit-lister';
import { recordVisitOutcome } from '../../../services/parcours/visits/visit-outcome-recorder';
import { scheduleVisit } from '../../../services/parcours/visits/visit-scheduler';
import { MEETING_KINDS } from '../../../domain/parcours/meetings';
import { addAttendee, addCase, attendeeOptions } from '../../../services/parcours/meetings/meeting-agenda';
import { createMeeting, setMeetingStatus } from '../../../services/parcours/meetings/meeting-creator';
import { addDecision, recordMinutes } from '../../../services/parcours/meetings/meeting-minutes';
import { listDossierMeetings, listMeetings, readMeeting } from '../../../services/parcours/meetings/meeting-reader';
import { INAPTITUDE_ORIGINS } from '../../../domain/parcours/inaptitude';
import { OUTCOMES } from '../../../domain/parcours/outcomes';
import { listLostToFollowUp, readDossierExit } from '../../../services/parcours/exit/exit-reader';
import { recordExit } from '../../../services/parcours/exit/exit-recorder';
import { recordFollowUp } from '../../../services/parcours/exit/follow-up-recorder';
import { listReview, listWorkerInaptitudes } from '../../../services/parcours/inaptitude/inaptitude-lister';
import { recordDismissal, recordInaptitude } from '../../../services/parcours/inaptitude/inaptitude-recorder';
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

const MeetingSummary = Type.Object({
  id: Uuid,
  kind: Type.String(),
  kindLabel: Type.String(),
  title: Type.String(),
  scheduledAt: Timestamp,
  place: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  caseCount: Nullable(Type.Integer({ description: "Nul pour un partenaire (il ne voit que les dossiers où le salarié l'a autorisé)" })),
  attendeeCount: Type.Integer(),
});
const Organisation = Type.Object({ id: Uuid, name: Type.String(), kind: Type.String() });
const MeetingPage = Type.Object({
  id: Uuid,
  kind: Type.String(),
  kindLabel: Type.String(),
  title: Type.String(),
  scheduledAt: Timestamp,
  place: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  minutesCategory: Type.String(),
  canManage: Type.Boolean(),
  attendees: Type.Array(Type.Object({ id: Uuid, displayName: Type.String(), organisation: Organisation })),
  cases: Type.Array(
    Type.Object({
      dossierId: Uuid,
      reference: Type.String(),
      state: Type.String(),
      stateLabel: Type.String(),
      workerName: Type.String(),
      minutes: Nullable(Type.String()),
      minutesAt: Nullable(Timestamp),
      minutesByName: Nullable(Type.String()),
      partnersWithoutConsent: Type.Array(Type.String()),
      decisions: Type.Array(
        Type.Object({ id: Uuid, text: Type.String(), owner: Nullable(Ref), dueDate: Nullable(IsoDate), taskId: Nullable(Uuid), taskStatus: Nullable(Type.String()) }),
      ),
    }),
  ),
});
const MeetingCaseParams = Type.Object({ id: Uuid, dossierId: Uuid });

function meetingRoutes(app: App, { database }: Deps): void {
  const tags = ['Instances'];
  app.get(
    '/api/v1/meetings',
    { schema: { tags, summary: 'Instances (cellule : toutes ; partenaire : celles où il est invité)', response: { 200: Type.Object({ items: Type.Array(MeetingSummary) }), ...Errors(401, 403) } } },
    async (request) => run(database, request, (ctx) => listMeetings(ctx)),
  );
  app.post(
    '/api/v1/meetings',
    {
      schema: {
        tags,
        summary: 'Créer une instance (capacité meeting.manage)',
        body: Type.Object({
          kind: Type.String({ maxLength: 40, description: MEETING_KINDS.join(' | ') }),
          title: Type.Optional(Nullable(Type.String({ maxLength: 400 }))),
          scheduledAt: Instant,
          place: Type.Optional(Nullable(Type.String({ maxLength: 400 }))),
        }),
        response: { 201: Type.Object({ id: Uuid }), ...Errors(400, 401, 403) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => createMeeting(ctx, request.body))),
  );
  app.get(
    '/api/v1/meetings/attendee-options',
    {
      schema: {
        tags,
        summary: 'Personnes pouvant être invitées (professionnels du service, agents des partenaires)',
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Uuid, displayName: Type.String(), organisation: Organisation, partner: Type.Boolean() })) }), ...Errors(401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => attendeeOptions(ctx)),
  );
  app.get(
    '/api/v1/meetings/:id',
    { schema: { tags, summary: "Une instance : participants, ordre du jour, comptes rendus et décisions (un partenaire n'y voit que les dossiers autorisés)", params: IdParams, response: { 200: MeetingPage, ...Errors(401, 404) } } },
    async (request) => run(database, request, (ctx) => readMeeting(ctx, request.params.id)),
  );
  app.post(
    '/api/v1/meetings/:id/status',
    {
      schema: { tags, summary: "Clore une instance (tenue ou annulée)", params: IdParams, body: Type.Object({ status: Type.String({ maxLength: 20 }) }), response: { 200: Type.Object({ id: Uuid, status: Type.String() }), ...Errors(400, 401, 403, 404, 409) } },
    },
    async (request) => run(database, request, (ctx) => setMeetingStatus(ctx, request.params.id, request.body.status)),
  );
  app.post(
    '/api/v1/meetings/:id/cases',
    { schema: { tags, summary: "Inscrire un dossier à l'ordre du jour", params: IdParams, body: Type.Object({ dossierId: Uuid }), response: { 200: Type.Object({ added: Type.Boolean() }), ...Errors(400, 401, 403, 404, 409) } } },
    async (request) => run(database, request, (ctx) => addCase(ctx, request.params.id, request.body.dossierId)),
  );
  app.post(
    '/api/v1/meetings/:id/attendees',
    { schema: { tags, summary: 'Inviter un participant (un partenaire seulement en instance partenariale)', params: IdParams, body: Type.Object({ userId: Uuid }), response: { 200: Type.Object({ added: Type.Boolean() }), ...Errors(400, 401, 403, 404) } } },
    async (request) => run(database, request, (ctx) => addAttendee(ctx, request.params.id, request.body.userId)),
  );
  app.put(
    '/api/v1/meetings/:id/cases/:dossierId/minutes',
    {
      schema: {
        tags,
        summary: "Compte rendu d'un dossier (staff : donnée sensible ; instance partenariale : lu par les partenaires autorisés, sans information médicale)",
        params: MeetingCaseParams,
        body: Type.Object({ minutes: Nullable(Type.String({ maxLength: 20000 })) }),
        response: { 200: Type.Object({ dossierId: Uuid, minutes: Nullable(Type.String()) }), ...Errors(400, 401, 403, 404) },
      },
    },
    async (request) => run(database, request, (ctx) => recordMinutes(ctx, request.params.id, request.params.dossierId, request.body.minutes)),
  );
  app.post(
    '/api/v1/meetings/:id/cases/:dossierId/decisions',
    {
      schema: {
        tags,
        summary: 'Décision sur un dossier ; avec un responsable et une échéance, elle devient une tâche',
        params: MeetingCaseParams,
        body: Type.Object({ text: Type.String({ maxLength: 2000 }), ownerUserId: Type.Optional(Nullable(Uuid)), dueDate: Type.Optional(Nullable(Type.String({ maxLength: 20 }))) }),
        response: { 201: Type.Object({ id: Uuid, taskId: Nullable(Uuid) }), ...Errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => addDecision(ctx, request.params.id, request.params.dossierId, request.body))),
  );
  app.get(
    '/api/v1/dossiers/:id/meetings',
    {
      schema: {
        tags,
        summary: 'Instances où le dossier est inscrit',
        params: IdParams,
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ id: Uuid, kind: Type.String(), kindLabel: Type.String(), title: Type.String(), scheduledAt: Timestamp, status: Type.String(), statusLabel: Type.String(), hasMinutes: Type.Boolean() })) }),
          ...Errors(401, 403, 404),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listDossierMeetings(ctx, request.params.id)),
  );
}

// ---------------------------------------------------------------------------------------------
// Exit and follow-up
// ---------------------------------------------------------------------------------------------

const Option = Type.Object({ code: Type.String(), label: Type.String() });
const DossierExit = Type.Object({
  dossierId: Uuid,
  state: Type.String(),
  outcomes: Type.Array(Option),
  exit: Nullable(
    Type.Object({
      outcome: Type.String(),
      outcomeLabel: Type.String(),
      exitedAt: IsoDate,
      note: Nullable(Type.String()),
      lostToFollowUp: Type.Boolean(),
      followUps: Type.Array(
        Type.Object({
          horizon: Type.Integer(),
          dueDate: IsoDate,
          opensOn: IsoDate,
          open: Type.Boolean(),
          outcome: Nullable(Type.String()),
          outcomeLabel: Nullable(Type.String()),
          recordedOn: Nullable(IsoDate),
          taskId: Nullable(Uuid),
          taskStatus: Nullable(Type.String()),
        }),
      ),
    }),
  ),
});

function exitRoutes(app: App, { database }: Deps): void {
  const tags = ['Sortie et suivi'];
  app.get(
    '/api/v1/dossiers/:id/exit',
    { schema: { tags, summary: 'Sortie du dispositif et suivis à 6 et 12 mois (capacité followup.manage)', params: IdParams, response: { 200: DossierExit, ...Errors(401, 403, 404) } } },
    async (request) => run(database, request, (ctx) => readDossierExit(ctx, request.params.id)),
  );
  app.post(
    '/api/v1/dossiers/:id/exit',
    {
      schema: {
        tags,
        summary: 'Enregistrer la sortie (le dossier passe « Sorti ») ; crée les tâches de suivi à 6 et 12 mois',
        params: IdParams,
        body: Type.Object({ outcome: Type.String({ maxLength: 40, description: OUTCOMES.join(' | ') }), exitedAt: Type.String({ maxLength: 20 }), note: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))) }),
        response: { 201: Type.Object({ dossierId: Uuid, outcome: Type.String(), exitedAt: IsoDate, followUpTasksCreated: Type.Integer() }), ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => recordExit(ctx, request.params.id, request.body))),
  );
  app.post(
    '/api/v1/dossiers/:id/exit/follow-up',
    {
      schema: {
        tags,
        summary: 'Enregistrer la situation au suivi à 6 ou 12 mois',
        params: IdParams,
        body: Type.Object({ horizon: Type.Integer(), outcome: Type.String({ maxLength: 40 }) }),
        response: { 200: Type.Object({ dossierId: Uuid, horizon: Type.Integer(), outcome: Type.String(), lostToFollowUp: Type.Boolean(), state: Type.String() }), ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => run(database, request, (ctx) => recordFollowUp(ctx, request.params.id, request.body)),
  );
  app.get(
    '/api/v1/follow-ups/lost',
    {
      schema: {
        tags,
        summary: 'Salariés perdus de vue à recontacter',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                dossierId: Uuid,
                reference: Type.String(),
                state: Type.String(),
                stateLabel: Type.String(),
                workerId: Uuid,
                workerName: Type.String(),
                phone: Nullable(Type.String()),
                email: Nullable(Type.String()),
                exitedAt: IsoDate,
                outcomeLabel: Type.String(),
                lastFollowUp: Nullable(Type.Integer()),
                lastFollowUpOn: Nullable(IsoDate),
              }),
            ),
          }),
          ...Errors(401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listLostToFollowUp(ctx)),
  );
}

// ---------------------------------------------------------------------------------------------
// Inaptitude records and the ex-post review list
// ---------------------------------------------------------------------------------------------

function inaptitudeRoutes(app: App, { database }: Deps): void {
  const tags = ['Inaptitude'];
  app.get(
    '/api/v1/workers/:id/inaptitudes',
    {
      schema: {
        tags,
        summary: "Avis d'inaptitude d'un salarié (capacité inaptitude.manage)",
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Uuid,
                avisDate: IsoDate,
                dispenseReclassement: Type.Boolean(),
                origin: Type.String(),
                originLabel: Type.String(),
                dismissalDate: Nullable(IsoDate),
                companyName: Nullable(Type.String()),
                dossierId: Nullable(Uuid),
              }),
            ),
          }),
          ...Errors(401, 403, 404),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listWorkerInaptitudes(ctx, request.params.id)),
  );
  app.post(
    '/api/v1/workers/:id/inaptitudes',
    {
      schema: {
        tags,
        summary: "Enregistrer un avis d'inaptitude (avec ou sans dispense de reclassement, date de licenciement si connue)",
        params: IdParams,
        body: Type.Object({
          avisDate: Type.String({ maxLength: 20 }),
          dispenseReclassement: Type.Boolean(),
          origin: Type.Optional(Nullable(Type.String({ maxLength: 40, description: INAPTITUDE_ORIGINS.join(' | ') }))),
          dismissalDate: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
        }),
        response: { 201: Type.Object({ id: Uuid, dossierId: Nullable(Uuid) }), ...Errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => recordInaptitude(ctx, request.params.id, request.body))),
  );
  app.put(
    '/api/v1/inaptitudes/:id/dismissal',
    {
      schema: {
        tags,
        summary: 'Date du licenciement pour inaptitude',
        params: IdParams,
        body: Type.Object({ dismissalDate: Nullable(Type.String({ maxLength: 20 })) }),
        response: { 200: Type.Object({ id: Uuid, dismissalDate: Nullable(Type.String()) }), ...Errors(400, 401, 403, 404) },
      },
    },
    async (request) => run(database, request, (ctx) => recordDismissal(ctx, request.params.id, request.body.dismissalDate)),
  );
  app.get(
    '/api/v1/inaptitudes/review',
    {
      schema: {
        tags,
        summary: "Revue a posteriori : licenciements pour inaptitude avec un indice élevé (niveau signé ≥ 2) sans saisine préalable de la cellule",
        response: {
          200: Type.Object({
            indexAvailable: Type.Boolean(),
            highIndexLevel: Type.Integer(),
            items: Type.Array(
              Type.Object({
                id: Uuid,
                workerId: Uuid,
                workerName: Type.String(),
                companyName: Nullable(Type.String()),
                avisDate: IsoDate,
                dismissalDate: IsoDate,
                dispenseReclassement: Type.Boolean(),
                originLabel: Type.String(),
                finalLevel: Type.Integer(),
                levelSignedAt: Nullable(Timestamp),
                firstDossierOpenedOn: Nullable(IsoDate),
              }),
            ),
          }),
          ...Errors(401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listReview(ctx)),
  );
}
