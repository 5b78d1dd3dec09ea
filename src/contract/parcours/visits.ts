/**
 * Parcours / visits (docs/parcours-visits.md §1): the visits of a dossier and the rendez-vous de
 * liaison, the cell's agenda, the worker's « Mes rendez-vous » and the employer's view.
 * Meetings, exit and follow-up, inaptitude: meetings.ts, exit.ts, inaptitudes.ts.
 */
import { Type } from '@sinclair/typebox';
import { LIAISON_OUTCOMES, PRE_REPRISE_REQUESTERS, VISIT_KINDS, VISIT_REQUESTERS, VISIT_STATUSES } from '../../domain/parcours/visits';
import { Errors, IdParams, IsoDate, Nullable, Timestamp, Uuid } from '../common';
import { capability, defineOperation } from '../operation';

export {
  LIAISON_OUTCOME_LABELS,
  LIAISON_OUTCOMES,
  LIAISON_REQUESTERS,
  PRE_REPRISE_REQUESTERS,
  requestersOf,
  VISIT_KIND_LABELS,
  VISIT_KINDS,
  VISIT_PROFESSIONAL_ROLES,
  VISIT_REQUESTER_LABELS,
  VISIT_REQUESTERS,
  VISIT_STATUS_LABELS,
  VISIT_STATUSES,
} from '../../domain/parcours/visits';
export type { LiaisonOutcome, VisitKind, VisitRequester, VisitStatus } from '../../domain/parcours/visits';

const tags = ['Visites'];

/** An instant typed with its offset; the service checks it (VISITE_DATE_INVALIDE, INSTANCE_DATE_INVALIDE). */
export const Instant = Type.String({ maxLength: 40, description: 'Date et heure ISO 8601 avec fuseau (2026-12-01T09:30:00+01:00)' });
/** A professional named on a visit or a decision. */
export const PersonRef = Type.Object({ id: Uuid, displayName: Type.String() });

export const Visit = Type.Object({
  id: Uuid,
  dossierId: Uuid,
  workerId: Uuid,
  kind: Type.String({ description: VISIT_KINDS.join(' | ') }),
  kindLabel: Type.String(),
  basis: Type.String({ description: 'Article du code du travail' }),
  scheduledAt: Timestamp,
  place: Type.String(),
  professional: Nullable(PersonRef),
  status: Type.String({ description: VISIT_STATUSES.join(' | ') }),
  statusLabel: Type.String(),
  requestedBy: Nullable(Type.String()),
  requestedByLabel: Nullable(Type.String()),
  returnDate: Nullable(IsoDate),
  reprise: Nullable(Type.Object({ deadline: IsoDate, late: Type.Boolean(), daysLate: Type.Integer() }, { description: 'Visite de reprise : échéance (retour + N jours) et retard' })),
  taskId: Nullable(Uuid),
  outcomeVisible: Type.Boolean({ description: 'Faux si la conclusion est une donnée de santé que votre rôle ne lit pas' }),
  outcome: Nullable(Type.String()),
  liaisonOutcome: Nullable(Type.String()),
});

export const DossierVisits = Type.Object({
  items: Type.Array(Visit),
  openTasks: Type.Array(Type.Object({ id: Uuid, ruleId: Nullable(Type.String()), title: Type.String(), dueDate: Nullable(IsoDate) })),
  repriseDeadlineDays: Type.Integer(),
});

export const AgendaVisit = Type.Intersect([Visit, Type.Object({ dossierReference: Type.String(), workerName: Type.String() })]);

const Appointment = Type.Object({
  id: Uuid,
  kind: Type.String(),
  kindLabel: Type.String(),
  scheduledAt: Timestamp,
  place: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
});
/** A visit in the worker's own space: never its conclusion. */
export const WorkerAppointment = Type.Intersect([Appointment, Type.Object({ professionalName: Nullable(Type.String()), upcoming: Type.Boolean() })]);
/** A visit of one of his employees the employer may know of: dates only. */
export const EmployerAppointment = Type.Intersect([Appointment, Type.Object({ workerId: Uuid, workerName: Type.String() })]);

export const visits = {
  listOfDossier: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/visits',
    permission: capability('visit.manage'),
    tags,
    summary: "Visites d'un dossier et tâches de visite ouvertes",
    params: IdParams,
    response: { 200: DossierVisits, ...Errors(400, 401, 403, 404) },
  }),
  schedule: defineOperation({
    method: 'POST',
    path: '/api/v1/dossiers/:id/visits',
    permission: capability('visit.manage', { refusal: 'Votre rôle ne permet pas de planifier une visite.' }),
    tags,
    summary: 'Planifier une visite ou un rendez-vous de liaison',
    params: IdParams,
    body: Type.Object({
      kind: Type.String({ maxLength: 40, description: VISIT_KINDS.join(' | ') }),
      scheduledAt: Instant,
      place: Type.Optional(Nullable(Type.String({ maxLength: 400 }))),
      professionalUserId: Type.Optional(Nullable(Uuid)),
      requestedBy: Type.Optional(
        Nullable(Type.String({ maxLength: 40, description: `${VISIT_REQUESTERS.join(' | ')} (pré-reprise : ${PRE_REPRISE_REQUESTERS.join(' | ')}, jamais employeur — L4624-2-4 ; liaison : salarie | employeur)` })),
      ),
      returnDate: Type.Optional(Nullable(Type.String({ maxLength: 20, description: 'Visite de reprise : date de retour (AAAA-MM-JJ)' }))),
      taskId: Type.Optional(Nullable(Uuid)),
    }),
    response: { 201: Type.Object({ visit: Visit, closedTask: Nullable(Type.Object({ id: Uuid, title: Type.String() })) }), ...Errors(400, 401, 403, 404, 409) },
  }),
  recordOutcome: defineOperation({
    method: 'POST',
    path: '/api/v1/visits/:id/outcome',
    // The conclusion of a medical visit also needs the medical write right: the service checks it.
    permission: capability('visit.manage', { refusal: 'Votre rôle ne permet pas de modifier une visite.' }),
    tags,
    summary: "Enregistrer l'issue d'une visite (réalisée, annulée, non présenté) ; rendez-vous de liaison : une suite de la liste, sans texte libre",
    params: IdParams,
    body: Type.Object({
      status: Type.String({ maxLength: 40, description: VISIT_STATUSES.filter((s) => s !== 'planifiee').join(' | ') }),
      outcome: Type.Optional(Nullable(Type.String({ maxLength: 8000 }))),
      liaisonOutcome: Type.Optional(Nullable(Type.String({ maxLength: 40, description: LIAISON_OUTCOMES.join(' | ') }))),
    }),
    response: { 200: Visit, ...Errors(400, 401, 403, 404, 409) },
  }),
  agenda: defineOperation({
    method: 'GET',
    path: '/api/v1/visits/agenda',
    permission: capability('visit.manage'),
    tags,
    summary: 'Agenda des visites de la cellule (visites planifiées), par professionnel',
    querystring: Type.Object({
      from: Type.Optional(IsoDate),
      days: Type.Optional(Type.Integer({ description: '1 à 92 (14 par défaut)' })),
      professionalUserId: Type.Optional(Uuid),
    }),
    response: { 200: Type.Object({ from: IsoDate, days: Type.Integer(), items: Type.Array(AgendaVisit) }), ...Errors(400, 401, 403) },
  }),
  mine: defineOperation({
    method: 'GET',
    path: '/api/v1/me/visits',
    permission: capability('worker.space'),
    tags,
    summary: 'Mes rendez-vous (espace du salarié)',
    response: { 200: Type.Object({ items: Type.Array(WorkerAppointment) }), ...Errors(401, 403) },
  }),
  ofEmployer: defineOperation({
    method: 'GET',
    path: '/api/v1/employer/visits',
    permission: capability('employer.space'),
    tags,
    summary: 'Visites des salariés de mon entreprise (dates seulement, jamais le contenu ; pas les pré-reprises)',
    response: { 200: Type.Object({ items: Type.Array(EmployerAppointment) }), ...Errors(401, 403) },
  }),
};
