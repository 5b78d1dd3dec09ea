/**
 * risk / model (docs/risk-index.md): the service's health-record model (component 1 of the index,
 * contract C3) — which model is in use, installing a model file, going back to the default one.
 */
import { Type } from '@sinclair/typebox';
import { MODEL_FILE_MAX_LENGTH } from '../../domain/risk/model-file';
import { Errors, Nullable, Timestamp } from '../common';
import { capability, defineOperation } from '../operation';

const tags = ['Indice de risque'];

export const HealthModelSettings = Type.Object(
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
        thresholds: Type.Tuple([Type.Number(), Type.Number(), Type.Number()]),
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

const CHANGE_REFUSED = "Seuls le médecin du travail et l'administrateur changent le modèle de l'indice.";

export const healthModel = {
  read: defineOperation({
    method: 'GET',
    path: '/api/v1/settings/risk-model',
    permission: capability(['risk.configure', 'risk.assess', 'risk.evaluate'], {
      refusal: "Seuls les professionnels de santé et l'administrateur consultent le modèle de l'indice.",
    }),
    tags,
    summary: "Modèle « dossier de santé » de l'indice utilisé par le service, avec ses coefficients en odds ratios (professionnels de santé, administrateur)",
    response: { 200: HealthModelSettings, ...Errors(401, 403) },
  }),
  install: defineOperation({
    method: 'PUT',
    path: '/api/v1/settings/risk-model',
    permission: capability('risk.configure', { refusal: CHANGE_REFUSED }),
    tags,
    summary: "Installer un fichier de modèle (JSON du contrat C3, par exemple produit par « maintien risk calibrate ») comme modèle du service — capacité risk.configure",
    body: Type.Object({
      content: Type.String({ description: `Contenu du fichier de modèle (JSON, au plus ${MODEL_FILE_MAX_LENGTH} caractères) ; un fichier invalide est refusé avec le code MODELE_SANTE_INVALIDE` }),
      fileName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    }),
    response: { 200: HealthModelSettings, ...Errors(400, 401, 403) },
  }),
  reset: defineOperation({
    method: 'DELETE',
    path: '/api/v1/settings/risk-model',
    permission: capability('risk.configure', { refusal: CHANGE_REFUSED }),
    tags,
    summary: 'Revenir au modèle par défaut de Maintien (« modèle non validé ») — capacité risk.configure',
    response: { 200: HealthModelSettings, ...Errors(401, 403) },
  }),
};
