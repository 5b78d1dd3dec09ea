/**
 * The service itself (health, the OpenAPI document) and the navigation badges: one request per
 * app shell gives every count the principal may see (a count it may not see is absent).
 */
import { Type } from '@sinclair/typebox';
import { ErrorResponse, Errors } from './common';
import { authenticated, defineOperation, publicAccess } from './operation';

const tags = ['Service'];

const Count = (description: string) => Type.Optional(Type.Integer({ minimum: 0, description }));

export const NavigationCounts = Type.Object({
  overdueTasks: Count('Mes tâches en retard (task.manage)'),
  signalsToProcess: Count('Fiches de liaison sans réponse et déclarations « À vérifier » (signal.read)'),
  triageToQualify: Count('Salariés « À qualifier » : signalements en attente de la décision de la cellule (signal.read)'),
  quarantineToResolve: Count('Lignes du flux en quarantaine à traiter (quarantine.resolve)'),
  amReturnsInError: Count("Retours à l'Assurance maladie refusés par la caisse (amreturn.manage)"),
});

export const navigation = {
  counts: defineOperation({
    method: 'GET',
    path: '/api/v1/navigation/counts',
    // Every signed-in principal gets an answer: the counts its capabilities open (maybe none).
    permission: authenticated,
    tags,
    summary: 'Compteurs de la navigation (seulement ceux que le rôle permet de voir)',
    response: { 200: NavigationCounts, ...Errors(401, 403) },
  }),
};

export const service = {
  health: defineOperation({
    method: 'GET',
    path: '/api/v1/health',
    permission: publicAccess,
    tags,
    summary: 'État du service',
    response: { 200: Type.Object({ status: Type.Literal('ok'), engine: Type.String(), version: Type.String() }), 503: ErrorResponse },
  }),
  openapi: defineOperation({
    method: 'GET',
    path: '/api/openapi.json',
    permission: publicAccess,
    tags,
    summary: 'Le document OpenAPI de cette API',
    response: { 200: Type.Unknown({ description: 'OpenAPI 3.1' }) },
    hide: true,
  }),
};
