/**
 * The navigation badges: one request per app shell gives every count the principal may see
 * (a count it may not see is absent).
 */
import { Type } from '@sinclair/typebox';
import { countNavigation } from '../../services/intake/navigation-counter';
import { run } from '../auth';
import type { App, Deps } from '../deps';
import { Errors } from '../schemas';

const Count = (description: string) => Type.Optional(Type.Integer({ minimum: 0, description }));

export function navigationRoutes(app: App, { database }: Deps): void {
  app.get(
    '/api/v1/navigation/compteurs',
    {
      schema: {
        tags: ['Service'],
        summary: 'Compteurs de la navigation (seulement ceux que le rôle permet de voir)',
        response: {
          200: Type.Object({
            tachesEnRetard: Count('Mes tâches en retard (task.manage)'),
            signalementsATraiter: Count('Fiches de liaison sans réponse et déclarations « À vérifier » (signal.read)'),
            identitesARapprocher: Count('Lignes du flux en quarantaine à traiter (quarantine.resolve)'),
            retoursEnErreur: Count("Retours à l'Assurance maladie refusés par la caisse (amreturn.manage)"),
          }),
          ...Errors(401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => countNavigation(ctx)),
  );
}
