/**
 * Parcours / staff meetings, « instances d'examen des cas » (docs/parcours-visits.md §2). The
 * cell organises them (`meeting.manage`); a partner's agent attends an instance partenariale
 * (`meeting.attend`) and sees only the cases whose worker consents to his organisation.
 */
import { Type } from '@sinclair/typebox';
import { MEETING_KINDS, MEETING_STATUSES } from '../../domain/parcours/meetings';
import { Errors, IdParams, IsoDate, Nullable, Timestamp, Uuid } from '../common';
import { authenticated, capability, defineOperation } from '../operation';
import { Instant, PersonRef } from './visits';

export { MEETING_KIND_LABELS, MEETING_KINDS, MEETING_STATUS_LABELS, MEETING_STATUSES } from '../../domain/parcours/meetings';
export type { MeetingKind, MeetingStatus } from '../../domain/parcours/meetings';

const tags = ['Instances'];
const minutesRefusal = 'Votre rôle ne permet pas de rédiger le compte rendu.';

export const MeetingSummary = Type.Object({
  id: Uuid,
  kind: Type.String({ description: MEETING_KINDS.join(' | ') }),
  kindLabel: Type.String(),
  title: Type.String(),
  scheduledAt: Timestamp,
  place: Type.String(),
  status: Type.String({ description: MEETING_STATUSES.join(' | ') }),
  statusLabel: Type.String(),
  caseCount: Nullable(Type.Integer({ description: "Nul pour un partenaire (il ne voit que les dossiers où le salarié l'a autorisé)" })),
  attendeeCount: Type.Integer(),
});

const AttendeeOrganisation = Type.Object({ id: Uuid, name: Type.String(), kind: Type.String() });

export const MeetingDecision = Type.Object({
  id: Uuid,
  text: Type.String(),
  owner: Nullable(PersonRef),
  dueDate: Nullable(IsoDate),
  taskId: Nullable(Uuid),
  taskStatus: Nullable(Type.String()),
});

export const MeetingCase = Type.Object({
  dossierId: Uuid,
  reference: Type.String(),
  state: Type.String(),
  stateLabel: Type.String(),
  workerName: Type.String(),
  minutes: Nullable(Type.String()),
  minutesAt: Nullable(Timestamp),
  minutesByName: Nullable(Type.String()),
  partnersWithoutConsent: Type.Array(Type.String()),
  decisions: Type.Array(MeetingDecision),
});

export const MeetingPage = Type.Object({
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
  attendees: Type.Array(Type.Object({ id: Uuid, displayName: Type.String(), organisation: AttendeeOrganisation })),
  cases: Type.Array(MeetingCase),
});

export const AttendeeOption = Type.Object({ id: Uuid, displayName: Type.String(), organisation: AttendeeOrganisation, partner: Type.Boolean() });

export const DossierMeeting = Type.Object({
  id: Uuid,
  kind: Type.String(),
  kindLabel: Type.String(),
  title: Type.String(),
  scheduledAt: Timestamp,
  status: Type.String(),
  statusLabel: Type.String(),
  hasMinutes: Type.Boolean(),
});

const MeetingCaseParams = Type.Object({ id: Uuid, dossierId: Uuid });

export const meetings = {
  list: defineOperation({
    method: 'GET',
    path: '/api/v1/meetings',
    // The cell sees every meeting; a partner's agent (a user account) those he attends.
    permission: capability(['meeting.manage', 'meeting.attend']),
    tags,
    summary: 'Instances (cellule : toutes ; partenaire : celles où il est invité)',
    response: { 200: Type.Object({ items: Type.Array(MeetingSummary) }), ...Errors(401, 403) },
  }),
  create: defineOperation({
    method: 'POST',
    path: '/api/v1/meetings',
    permission: capability('meeting.manage', { refusal: 'Votre rôle ne permet pas d’organiser une instance.' }),
    tags,
    summary: 'Créer une instance',
    body: Type.Object({
      kind: Type.String({ maxLength: 40, description: MEETING_KINDS.join(' | ') }),
      title: Type.Optional(Nullable(Type.String({ maxLength: 400 }))),
      scheduledAt: Instant,
      place: Type.Optional(Nullable(Type.String({ maxLength: 400 }))),
    }),
    response: { 201: Type.Object({ id: Uuid }), ...Errors(400, 401, 403) },
  }),
  attendeeOptions: defineOperation({
    method: 'GET',
    path: '/api/v1/meetings/attendee-options',
    permission: capability('meeting.manage'),
    tags,
    summary: 'Personnes pouvant être invitées (professionnels du service, agents des partenaires)',
    response: { 200: Type.Object({ items: Type.Array(AttendeeOption) }), ...Errors(401, 403) },
  }),
  read: defineOperation({
    method: 'GET',
    path: '/api/v1/meetings/:id',
    // A meeting the caller neither organises nor attends answers 404, like a missing one (a partner
    // not invited, an employer): a route-level 403 would tell them it exists.
    permission: authenticated,
    tags,
    summary: "Une instance : participants, ordre du jour, comptes rendus et décisions (un partenaire n'y voit que les dossiers autorisés)",
    params: IdParams,
    response: { 200: MeetingPage, ...Errors(400, 401, 404) },
  }),
  setStatus: defineOperation({
    method: 'POST',
    path: '/api/v1/meetings/:id/status',
    permission: capability('meeting.manage'),
    tags,
    summary: 'Clore une instance (tenue ou annulée)',
    params: IdParams,
    body: Type.Object({ status: Type.String({ maxLength: 20, description: 'tenue | annulee' }) }),
    response: { 200: Type.Object({ id: Uuid, status: Type.String() }), ...Errors(400, 401, 403, 404, 409) },
  }),
  addCase: defineOperation({
    method: 'POST',
    path: '/api/v1/meetings/:id/cases',
    permission: capability('meeting.manage'),
    tags,
    summary: "Inscrire un dossier à l'ordre du jour",
    params: IdParams,
    body: Type.Object({ dossierId: Uuid }),
    response: { 200: Type.Object({ added: Type.Boolean() }), ...Errors(400, 401, 403, 404, 409) },
  }),
  addAttendee: defineOperation({
    method: 'POST',
    path: '/api/v1/meetings/:id/attendees',
    permission: capability('meeting.manage'),
    tags,
    summary: 'Inviter un participant (un partenaire seulement en instance partenariale)',
    params: IdParams,
    body: Type.Object({ userId: Uuid }),
    response: { 200: Type.Object({ added: Type.Boolean() }), ...Errors(400, 401, 403, 404) },
  }),
  recordMinutes: defineOperation({
    method: 'PUT',
    path: '/api/v1/meetings/:id/cases/:dossierId/minutes',
    // Writing the minutes' category (sensitive for a staff) is checked by the service.
    permission: capability('meeting.manage', { refusal: minutesRefusal }),
    tags,
    summary: "Compte rendu d'un dossier (staff : donnée sensible ; instance partenariale : lu par les partenaires autorisés, sans information médicale)",
    params: MeetingCaseParams,
    body: Type.Object({ minutes: Nullable(Type.String({ maxLength: 20000 })) }),
    response: { 200: Type.Object({ dossierId: Uuid, minutes: Nullable(Type.String()) }), ...Errors(400, 401, 403, 404) },
  }),
  addDecision: defineOperation({
    method: 'POST',
    path: '/api/v1/meetings/:id/cases/:dossierId/decisions',
    permission: capability('meeting.manage', { refusal: minutesRefusal }),
    tags,
    summary: 'Décision sur un dossier ; avec un responsable et une échéance, elle devient une tâche',
    params: MeetingCaseParams,
    body: Type.Object({ text: Type.String({ maxLength: 2000 }), ownerUserId: Type.Optional(Nullable(Uuid)), dueDate: Type.Optional(Nullable(Type.String({ maxLength: 20 }))) }),
    response: { 201: Type.Object({ id: Uuid, taskId: Nullable(Uuid) }), ...Errors(400, 401, 403, 404) },
  }),
  listOfDossier: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/meetings',
    permission: capability('meeting.manage'),
    tags,
    summary: 'Instances où le dossier est inscrit',
    params: IdParams,
    response: { 200: Type.Object({ items: Type.Array(DossierMeeting) }), ...Errors(400, 401, 403, 404) },
  }),
};
