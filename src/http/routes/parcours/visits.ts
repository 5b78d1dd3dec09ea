/**
 * parcours / visits (docs/parcours-visits.md): visits and rendez-vous de liaison, staff meetings,
 * exit and follow-up, inaptitude records and the ex-post review list. The operations (paths,
 * schemas, permissions) are in src/contract/parcours/{visits,meetings,exit,inaptitudes}.ts.
 */
import { exits, followUps } from '../../../contract/parcours/exit';
import { inaptitudes } from '../../../contract/parcours/inaptitudes';
import { meetings } from '../../../contract/parcours/meetings';
import { visits } from '../../../contract/parcours/visits';
import { listLostToFollowUp, readDossierExit } from '../../../services/parcours/exit/exit-reader';
import { recordExit } from '../../../services/parcours/exit/exit-recorder';
import { recordFollowUp } from '../../../services/parcours/exit/follow-up-recorder';
import { listReview, listWorkerInaptitudes } from '../../../services/parcours/inaptitude/inaptitude-lister';
import { recordDismissal, recordInaptitude } from '../../../services/parcours/inaptitude/inaptitude-recorder';
import { addAttendee, addCase, attendeeOptions } from '../../../services/parcours/meetings/meeting-agenda';
import { createMeeting, setMeetingStatus } from '../../../services/parcours/meetings/meeting-creator';
import { addDecision, recordMinutes } from '../../../services/parcours/meetings/meeting-minutes';
import { listDossierMeetings, listMeetings, readMeeting } from '../../../services/parcours/meetings/meeting-reader';
import { listAgenda, listDossierVisits, listEmployerVisits, listMyVisits } from '../../../services/parcours/visits/visit-lister';
import { recordVisitOutcome } from '../../../services/parcours/visits/visit-outcome-recorder';
import { scheduleVisit } from '../../../services/parcours/visits/visit-scheduler';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { route } from '../../route';

/** parcours / visits: HTTP routes. */
export function parcoursVisitsRoutes(app: App, deps: Deps): void {
  visitRoutes(app, deps);
  meetingRoutes(app, deps);
  exitRoutes(app, deps);
  inaptitudeRoutes(app, deps);
}

function visitRoutes(app: App, { database }: Deps): void {
  route(app, visits.listOfDossier, async (request) => run(database, request, (ctx) => listDossierVisits(ctx, request.params.id)));
  route(app, visits.schedule, async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => scheduleVisit(ctx, request.params.id, request.body))));
  route(app, visits.recordOutcome, async (request) => run(database, request, (ctx) => recordVisitOutcome(ctx, request.params.id, request.body)));
  route(app, visits.agenda, async (request) => run(database, request, (ctx) => listAgenda(ctx, request.query)));
  route(app, visits.mine, async (request) => run(database, request, (ctx) => listMyVisits(ctx)));
  route(app, visits.ofEmployer, async (request) => run(database, request, (ctx) => listEmployerVisits(ctx)));
}

// Staff meetings (instances d'examen des cas)
function meetingRoutes(app: App, { database }: Deps): void {
  route(app, meetings.list, async (request) => run(database, request, (ctx) => listMeetings(ctx)));
  route(app, meetings.create, async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => createMeeting(ctx, request.body))));
  route(app, meetings.attendeeOptions, async (request) => run(database, request, (ctx) => attendeeOptions(ctx)));
  route(app, meetings.read, async (request) => run(database, request, (ctx) => readMeeting(ctx, request.params.id)));
  route(app, meetings.setStatus, async (request) => run(database, request, (ctx) => setMeetingStatus(ctx, request.params.id, request.body.status)));
  route(app, meetings.addCase, async (request) => run(database, request, (ctx) => addCase(ctx, request.params.id, request.body.dossierId)));
  route(app, meetings.addAttendee, async (request) => run(database, request, (ctx) => addAttendee(ctx, request.params.id, request.body.userId)));
  route(app, meetings.recordMinutes, async (request) =>
    run(database, request, (ctx) => recordMinutes(ctx, request.params.id, request.params.dossierId, request.body.minutes)),
  );
  route(app, meetings.addDecision, async (request, reply) =>
    reply.status(201).send(await run(database, request, (ctx) => addDecision(ctx, request.params.id, request.params.dossierId, request.body))),
  );
  route(app, meetings.listOfDossier, async (request) => run(database, request, (ctx) => listDossierMeetings(ctx, request.params.id)));
}

// Exit and follow-up
function exitRoutes(app: App, { database }: Deps): void {
  route(app, exits.read, async (request) => run(database, request, (ctx) => readDossierExit(ctx, request.params.id)));
  route(app, exits.record, async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => recordExit(ctx, request.params.id, request.body))));
  route(app, followUps.record, async (request) => run(database, request, (ctx) => recordFollowUp(ctx, request.params.id, request.body)));
  route(app, followUps.lost, async (request) => run(database, request, (ctx) => listLostToFollowUp(ctx)));
}

// Inaptitude records and the ex-post review list
function inaptitudeRoutes(app: App, { database }: Deps): void {
  route(app, inaptitudes.listOfWorker, async (request) => run(database, request, (ctx) => listWorkerInaptitudes(ctx, request.params.id)));
  route(app, inaptitudes.record, async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => recordInaptitude(ctx, request.params.id, request.body))));
  route(app, inaptitudes.recordDismissal, async (request) => run(database, request, (ctx) => recordDismissal(ctx, request.params.id, request.body.dismissalDate)));
  route(app, inaptitudes.review, async (request) => run(database, request, (ctx) => listReview(ctx)));
}
