/**
 * risk / suggestions (docs/risk-suggestions.md): the worklist « Repérage par l'indice » read from
 * the last `risk score-all` run, and its recalcul. Health professionals only (risk.assess).
 */
import { Type } from '@sinclair/typebox';
import { MaintienError } from '../../../domain/errors';
import { listSuggestions, MAX_MONTHS, MAX_PAGE, MAX_PAGE_SIZE } from '../../../services/risk/suggestions/suggestions-lister';
import { recalculateSuggestions } from '../../../services/risk/suggestions/suggestions-recalculator';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { Errors, Nullable, Timestamp, Uuid } from '../../schemas';

const Level = Type.Integer({ minimum: 0, maximum: 3 });

const Run = Type.Object({
  computedAt: Timestamp,
  algorithmId: Type.String(),
  algorithmVersion: Type.String(),
  model: Type.Object({ id: Type.String(), version: Type.String(), validated: Type.Boolean(), warning: Nullable(Type.String()) }),
  workers: Type.Integer(),
  levelCounts: Type.Array(Type.Object({ level: Level, label: Type.String(), count: Type.Integer() })),
});

const Item = Type.Object({
  workerId: Uuid,
  displayName: Type.String(),
  birthYear: Type.Integer(),
  age: Type.Integer(),
  suggestedLevel: Level,
  suggestedLevelLabel: Type.String(),
  healthProbabilityPercent: Type.Number({ description: 'Probabilité du modèle du dossier de santé, en %' }),
  company: Nullable(Type.Object({ id: Uuid, name: Type.String(), jobTitle: Nullable(Type.String()) })),
  openDossier: Nullable(Type.Object({ id: Uuid, reference: Type.String(), state: Type.String(), stateLabel: Type.String() })),
  lastAssessment: Nullable(Type.Object({ finalLevel: Level, finalLevelLabel: Type.String(), signedAt: Timestamp })),
});

const SuggestionList = Type.Object({
  run: Nullable(Run),
  running: Type.Boolean(),
  filters: Type.Object({ minLevel: Level, months: Type.Integer(), since: Timestamp }),
  counts: Type.Array(Type.Object({ level: Level, label: Type.String(), count: Type.Integer() })),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(Item),
});

export function riskSuggestionsRoutes(app: App, { database }: Deps): void {
  app.get(
    '/api/v1/risque/reperage',
    {
      schema: {
        tags: ['Indice de risque'],
        summary:
          "Repérage par l'indice : salariés dont le niveau suggéré est élevé et sans indice signé depuis N mois (médecin, infirmier ; lecture médicale tracée). Suggestions seulement.",
        // Whole numbers here; their ranges are checked by the service, with their own codes
        // (NIVEAU_INVALIDE, PERIODE_INVALIDE, PAGE_INVALIDE).
        querystring: Type.Object({
          minLevel: Type.Optional(Type.Integer({ description: 'Niveau suggéré minimal : 1, 2 (défaut) ou 3' })),
          months: Type.Optional(Type.Integer({ description: `Sans indice signé depuis ce nombre de mois : 1 à ${MAX_MONTHS} (défaut 12)` })),
          page: Type.Optional(Type.Integer({ description: `Page, à partir de 1 (au plus ${MAX_PAGE})` })),
          pageSize: Type.Optional(Type.Integer({ description: `Lignes par page : 1 à ${MAX_PAGE_SIZE} (défaut 25)` })),
        }),
        response: { 200: SuggestionList, ...Errors(400, 401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => listSuggestions(ctx, request.query)),
  );

  app.post(
    '/api/v1/risque/reperage/calculs',
    {
      schema: {
        tags: ['Indice de risque'],
        summary: "Recalculer le niveau suggéré de tous les salariés du service (maintien risk score-all) ; un calcul à la fois",
        response: { 200: Type.Object({ run: Nullable(Run), durationMs: Type.Integer() }), ...Errors(401, 403, 409) },
      },
    },
    async (request) => {
      if (!request.principal) throw new MaintienError('unauthenticated', 'NON_AUTHENTIFIE', 'Connectez-vous pour accéder à cette ressource.');
      return recalculateSuggestions(database, request.principal);
    },
  );
}
