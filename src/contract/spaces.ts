/** The spaces of the people outside the cell: the employer, the worker (carnet), the partner. */
import { Type } from '@sinclair/typebox';
import { Errors, Nullable, Timestamp, Uuid } from './common';
import { capability, defineOperation } from './operation';

const tags = ['Espaces'];

export const EmployerSpace = Type.Object({
  company: Type.Object({ id: Uuid, name: Type.String(), siret: Type.String() }),
  workers: Type.Array(Type.Object({ id: Uuid, displayName: Type.String(), jobTitle: Type.String() })),
  recommendations: Type.Array(Type.Object({ id: Uuid, workerName: Type.String(), title: Nullable(Type.String()), body: Type.String(), createdAt: Timestamp })),
});

export const Carnet = Type.Object({
  worker: Type.Object({ id: Uuid, displayName: Type.String() }),
  dossiers: Type.Array(
    Type.Object({
      id: Uuid,
      reference: Type.String(),
      state: Type.String(),
      stateLabel: Type.String(),
      openedAt: Timestamp,
      entries: Type.Array(Type.Object({ id: Uuid, title: Nullable(Type.String()), body: Type.String(), createdAt: Timestamp, authorName: Nullable(Type.String()) })),
    }),
  ),
});

export const PartnerDossiers = Type.Object({
  organisation: Type.Object({ id: Uuid, name: Type.String(), kindLabel: Type.String() }),
  items: Type.Array(
    Type.Object({
      id: Uuid,
      reference: Type.String(),
      state: Type.String(),
      stateLabel: Type.String(),
      workerName: Type.String(),
      updatedAt: Timestamp,
      unreadMessages: Type.Integer({ description: 'Messages de la cellule non lus' }),
      pendingReferrals: Type.Integer({ description: 'Adressages en attente de réponse' }),
      isLead: Type.Boolean({ description: 'Mon organisme est chef de file' }),
    }),
  ),
});

export const spaces = {
  employer: defineOperation({
    method: 'GET',
    path: '/api/v1/employer/space',
    permission: capability('employer.space', { session: true }),
    tags,
    summary: "Espace employeur : entreprise, salariés, recommandations visibles par l'employeur",
    response: { 200: EmployerSpace, ...Errors(401, 403, 404) },
  }),
  carnet: defineOperation({
    method: 'GET',
    path: '/api/v1/me/carnet',
    permission: capability('worker.space', { session: true }),
    tags,
    summary: 'Mon carnet (salarié) : mes dossiers et ce qui est partagé avec moi',
    response: { 200: Carnet, ...Errors(401, 403, 404) },
  }),
  partnerDossiers: defineOperation({
    method: 'GET',
    path: '/api/v1/partner/dossiers',
    permission: capability('partner.space', { session: true }),
    tags,
    summary: "Espace partenaire : dossiers partagés avec mon organisation par l'accord du salarié",
    response: { 200: PartnerDossiers, ...Errors(401, 403) },
  }),
};
