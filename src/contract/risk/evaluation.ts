/** risk / evaluation: the index evaluated on a labelled cohort (IGAS recommendation 17), docs/risk-evaluation.md. */
import { Type } from '@sinclair/typebox';
import type { EvaluationReport } from '../../domain/risk/evaluation/evaluate';
import { MODEL_FILE_MAX_LENGTH } from '../../domain/risk/model-file';
import { Errors, Nullable } from '../common';
import { capability, defineOperation } from '../operation';

const tags = ["Évaluation de l'indice"];
/** A 200,000-worker cohort is about 9 MB of CSV (the parser's own ceiling). */
export const EVALUATION_BODY_LIMIT = 12 * 1024 * 1024;

/** The evaluation report (src/domain/risk/evaluation/evaluate.ts), as the domain computes it. */
export type { EvaluationReport };

export const Report = Type.Unsafe<EvaluationReport>({
  type: 'object',
  additionalProperties: true,
  description: 'Résultats (voir EvaluationReport dans src/domain/risk/evaluation/evaluate.ts ; cohort.withEmployer et cohort.withLevel)',
});
export const LineError = Type.Object({ line: Type.Integer(), column: Nullable(Type.String()), message: Type.String() });
const ModelFile = Type.Optional(Nullable(Type.String({ maxLength: MODEL_FILE_MAX_LENGTH, description: 'Fichier de modèle « dossier de santé » (JSON) ; par défaut le modèle par défaut' })));

export const EvaluationResult = Type.Object({
  report: Report,
  html: Type.String({ description: 'Le rapport HTML autonome' }),
  errors: Type.Array(LineError),
  rejectedLines: Type.Integer(),
});

/** How the cohort of « Dossiers du service » was built (also the details of a COHORTE_TROP_PETITE / COHORTE_SANS_CONTRASTE refusal). */
export const ServiceCohortCounts = Type.Object({
  period: Type.Object({ from: Nullable(Type.String()), to: Nullable(Type.String()) }),
  exits: Type.Integer({ description: 'Sorties enregistrées dans la période' }),
  workers: Type.Integer({ description: 'Salariés concernés par ces sorties' }),
  included: Type.Integer({ description: 'Salariés retenus dans la cohorte' }),
  events: Type.Integer({ description: 'Dont sortis de l’emploi à 12 mois' }),
  excluded: Type.Array(Type.Object({ reason: Type.String(), label: Type.String(), count: Type.Integer() })),
});

export const ServiceEvaluationResult = Type.Object({
  report: Report,
  html: Type.String({ description: 'Le rapport HTML autonome' }),
  errors: Type.Array(LineError, { description: 'Toujours vide (aucun fichier lu)' }),
  rejectedLines: Type.Integer(),
  service: ServiceCohortCounts,
});

export const evaluations = {
  evaluate: defineOperation({
    method: 'POST',
    path: '/api/v1/risk/evaluations',
    permission: capability('risk.evaluate', { session: true }),
    tags,
    summary: "Évaluer l'indice sur une cohorte étiquetée (ROC, AUC, seuils, calibration) — capacité risk.evaluate",
    description: 'Rien n’est enregistré. Format de la cohorte : docs/formats/risk-cohort.md. Les lignes en erreur sont écartées et listées (200 premières).',
    body: Type.Object({
      content: Type.String({ minLength: 1, maxLength: EVALUATION_BODY_LIMIT, description: 'Contenu du fichier CSV de la cohorte (UTF-8, « ; » ou « , »)' }),
      fileName: Type.Optional(Type.String({ maxLength: 200 })),
      model: ModelFile,
    }),
    response: { 200: EvaluationResult, ...Errors(400, 401, 403, 413) },
  }),
  syntheticCohort: defineOperation({
    method: 'POST',
    path: '/api/v1/risk/evaluations/synthetic-cohort',
    permission: capability('risk.evaluate', { session: true }),
    tags,
    summary: 'Télécharger une cohorte synthétique étiquetée (CSV) pour essayer l’évaluation — capacité risk.evaluate',
    body: Type.Object({ workers: Type.Integer({ description: 'de 50 à 20 000' }), seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 0xffffffff })) }),
    response: {
      200: Type.Object({ fileName: Type.String(), content: Type.String({ description: 'CSV « ; » (docs/formats/risk-cohort.md)' }) }),
      ...Errors(400, 401, 403),
    },
  }),
  evaluateService: defineOperation({
    method: 'POST',
    path: '/api/v1/risk/evaluations/service',
    permission: capability('risk.evaluate', { session: true }),
    tags,
    summary: "Évaluer l'indice sur les dossiers du service (issue à 12 mois des sorties) — capacité risk.evaluate",
    description:
      'Cohorte construite à partir des sorties du dispositif et de leur suivi à 12 mois, avec les données de l’indice signé le plus récent avant la sortie. Rien n’est enregistré. Règles : docs/risk-evaluation.md.',
    body: Type.Object({
      period: Type.Optional(
        Nullable(
          Type.Object({
            from: Type.Optional(Nullable(Type.String({ maxLength: 10, description: 'Sorties à partir du (AAAA-MM-JJ, inclus)' }))),
            to: Type.Optional(Nullable(Type.String({ maxLength: 10, description: 'Sorties jusqu’au (AAAA-MM-JJ, inclus)' }))),
          }),
        ),
      ),
      model: ModelFile,
    }),
    response: { 200: ServiceEvaluationResult, ...Errors(400, 401, 403) },
  }),
};
