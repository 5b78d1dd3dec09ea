import { Type } from '@sinclair/typebox';
import { readEmployerSpace } from '../../services/spaces/employer-space';
import { listPartnerDossiers } from '../../services/spaces/partner-dossiers';
import { readCarnet } from '../../services/spaces/worker-carnet';
import { run } from '../auth';
import type { App, Deps } from '../deps';
import { Errors, Nullable, Timestamp, Uuid } from '../schemas';

export function spaceRoutes(app: App, { database }: Deps) {
  app.get(
    '/api/v1/employer/space',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['Espaces'],
        summary: "Espace employeur : entreprise, salariés, recommandations visibles par l'employeur",
        response: {
          200: Type.Object({
            company: Type.Object({ id: Uuid, name: Type.String(), siret: Type.String() }),
            workers: Type.Array(Type.Object({ id: Uuid, displayName: Type.String(), jobTitle: Type.String() })),
            recommendations: Type.Array(Type.Object({ id: Uuid, workerName: Type.String(), title: Nullable(Type.String()), body: Type.String(), createdAt: Timestamp })),
          }),
          ...Errors(401, 403, 404),
        },
      },
    },
    async (request) => run(database, request, (ctx) => readEmployerSpace(ctx)),
  );

  app.get(
    '/api/v1/me/carnet',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['Espaces'],
        summary: 'Mon carnet (salarié) : mes dossiers et ce qui est partagé avec moi',
        response: {
          200: Type.Object({
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
          }),
          ...Errors(401, 403, 404),
        },
      },
    },
    async (request) => run(database, request, (ctx) => readCarnet(ctx)),
  );

  app.get(
    '/api/v1/partner/dossiers',
    {
      config: { auth: 'session' },
      schema: {
        tags: ['Espaces'],
        summary: "Espace partenaire : dossiers partagés avec mon organisation par l'accord du salarié",
        response: {
          200: Type.Object({
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
          }),
          ...Errors(401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listPartnerDossiers(ctx)),
  );
}
