/**
 * risk / model (docs/risk-index.md): the service's health-record model (component 1 of the index,
 * contract C3) — which model is in use, installing a model file, going back to the default one.
 */
import { Type } from '@sinclair/typebox';
import { installHealthModel, MODEL_FILE_MAX_LENGTH, readHealthModelSettings, resetHealthModel } from '../../../services/risk/model/health-model-settings';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { Errors, Nullable, Timestamp } from '../../schemas';

const tags = ['Indice de risque'];

const ModelSettings = Type.Object(
  {
    isDefault: Type.Boolean({ description: 'true : le modèle par défaut de Maintien (aucun modèle installé par le service)' }),
    model: Type.Object(
      {
        id: Type.String(),
        version: Type.String(),
        label: Type.String(),
        validated: Type.Boolean(),
        warning: Nullable(Type.String({ description: '« modèle non validé » quand validated est false' })),
        source: Type.String(),
        intercept: Type.Number(),
        baselineProbability: Type.Number({ description: 'probabilité du profil de référence (toutes les variables à 0)' }),
        thresholds: Type.Array(Type.Number(), { minItems: 3, maxItems: 3 }),
        calibratedOn: Nullable(Type.Object({ cohort: Type.String(), n: Type.Number(), events: Type.Number(), at: Type.String() })),
      },
      { additionalProperties: true },
    ),
    coefficients: Type.Array(Type.Object({ name: Type.String(), label: Type.String(), coefficient: Type.Number(), oddsRatio: Type.Number() })),
    installedAt: Nullable(Timestamp),
    installedBy: Nullable(Type.String()),
    fileName: Nullable(Type.String()),
    storedModelError: Nullable(Type.String()),
    defaultModel: Type.Object({ id: Type.String(), version: Type.String() }),
    mayConfigure: Type.Boolean(),
  },
  { additionalProperties: true },
);

export function riskModelRoutes(app: App, { database }: Deps): void {
  app.get(
    '/api/v1/settings/risk-model',
    {
      schema: {
        tags,
        summary: "Modèle « dossier de santé » de l'indice utilisé par le service, avec ses coefficients en odds ratios (professionnels de santé, administrateur)",
        response: { 200: ModelSettings, ...Errors(401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => readHealthModelSettings(ctx)),
  );

  app.put(
    '/api/v1/settings/risk-model',
    {
      schema: {
        tags,
        summary: "Installer un fichier de modèle (JSON du contrat C3, par exemple produit par « maintien risk calibrate ») comme modèle du service — capacité risk.configure",
        body: Type.Object({
          content: Type.String({ description: `Contenu du fichier de modèle (JSON, au plus ${MODEL_FILE_MAX_LENGTH} caractères) ; un fichier invalide est refusé avec le code MODELE_SANTE_INVALIDE` }),
          fileName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
        }),
        response: { 200: ModelSettings, ...Errors(400, 401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => installHealthModel(ctx, request.body)),
  );

  app.delete(
    '/api/v1/settings/risk-model',
    {
      schema: {
        tags,
        summary: 'Revenir au modèle par défaut de Maintien (« modèle non validé ») — capacité risk.configure',
        response: { 200: ModelSettings, ...Errors(401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => resetHealthModel(ctx)),
  );
}
