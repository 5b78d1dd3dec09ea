/**
 * Parcours / exit and follow-up (docs/parcours-visits.md §3, contract C6): the exit of a dossier
 * with its outcome, the worker's situation 6 and 12 months later, the workers lost to follow-up.
 */
import { Type } from '@sinclair/typebox';
import { OUTCOMES } from '../../domain/parcours/outcomes';
import { Errors, IdParams, IsoDate, Labelled, Nullable, Uuid } from '../common';
import { capability, defineOperation } from '../operation';

const tags = ['Sortie et suivi'];

export const FollowUp = Type.Object({
  horizon: Type.Integer({ description: 'Mois après la sortie : 6 ou 12' }),
  dueDate: IsoDate,
  opensOn: IsoDate,
  open: Type.Boolean(),
  outcome: Nullable(Type.String()),
  outcomeLabel: Nullable(Type.String()),
  recordedOn: Nullable(IsoDate),
  taskId: Nullable(Uuid),
  taskStatus: Nullable(Type.String()),
});

export const DossierExit = Type.Object({
  dossierId: Uuid,
  state: Type.String(),
  outcomes: Type.Array(Labelled),
  exit: Nullable(
    Type.Object({
      outcome: Type.String(),
      outcomeLabel: Type.String(),
      exitedAt: IsoDate,
      note: Nullable(Type.String()),
      lostToFollowUp: Type.Boolean(),
      followUps: Type.Array(FollowUp),
    }),
  ),
});

export const LostWorker = Type.Object({
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
});

export const exits = {
  read: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/exit',
    permission: capability('followup.manage'),
    tags,
    summary: 'Sortie du dispositif et suivis à 6 et 12 mois',
    params: IdParams,
    response: { 200: DossierExit, ...Errors(400, 401, 403, 404) },
  }),
  record: defineOperation({
    method: 'POST',
    path: '/api/v1/dossiers/:id/exit',
    // Moving the dossier to « Sorti » goes through the state machine (TRANSITION_INTERDITE).
    permission: capability('followup.manage', { refusal: 'Votre rôle ne permet pas d’enregistrer la sortie du dispositif.' }),
    tags,
    summary: 'Enregistrer la sortie (le dossier passe « Sorti ») ; crée les tâches de suivi à 6 et 12 mois',
    params: IdParams,
    body: Type.Object({
      outcome: Type.String({ maxLength: 40, description: OUTCOMES.join(' | ') }),
      exitedAt: Type.String({ maxLength: 20, description: 'AAAA-MM-JJ' }),
      note: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    }),
    response: { 201: Type.Object({ dossierId: Uuid, outcome: Type.String(), exitedAt: IsoDate, followUpTasksCreated: Type.Integer() }), ...Errors(400, 401, 403, 404, 409) },
  }),
};

export const followUps = {
  record: defineOperation({
    method: 'POST',
    path: '/api/v1/dossiers/:id/exit/follow-ups',
    permission: capability('followup.manage', { refusal: 'Votre rôle ne permet pas d’enregistrer un suivi.' }),
    tags,
    summary: 'Enregistrer la situation au suivi à 6 ou 12 mois',
    params: IdParams,
    body: Type.Object({ horizon: Type.Integer({ description: '6 | 12' }), outcome: Type.String({ maxLength: 40, description: OUTCOMES.join(' | ') }) }),
    response: { 200: Type.Object({ dossierId: Uuid, horizon: Type.Integer(), outcome: Type.String(), lostToFollowUp: Type.Boolean(), state: Type.String() }), ...Errors(400, 401, 403, 404, 409) },
  }),
  lost: defineOperation({
    method: 'GET',
    path: '/api/v1/follow-ups/lost',
    permission: capability('followup.manage'),
    tags,
    summary: 'Salariés perdus de vue à recontacter',
    response: { 200: Type.Object({ items: Type.Array(LostWorker) }), ...Errors(401, 403) },
  }),
};
