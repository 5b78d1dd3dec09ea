import { Type } from '@sinclair/typebox';
import { evaluateUploadedCohort, syntheticCohortCsv } from '../../../services/risk/evaluation/cohort-evaluator';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { Errors, Nullable } from '../../schemas';

const tags = ["Évaluation de l'indice"];
/** A 200,000-worker cohort is about 9 MB of CSV (the parser's own ceiling). */
const EVALUATION_BODY_LIMIT = 12 * 1024 * 1024;

/** risk / evaluation: the index evaluated on a labelled cohort (IGAS recommendation 17), docs/risk-evaluation.md. */
export function riskEvaluationRoutes(app: App, { database }: Deps): void {
  app.post(
    '/api/v1/risk/evaluations',
    {
      config: { auth: 'session' },
      bodyLimit: EVALUATION_BODY_LIMIT,
      schema: {
        tags,
        summary: "Évaluer l'indice sur une cohorte étiquetée (ROC, AUC, seuils, calibration) — capacité risk.evaluate",
        description: 'Rien n’est enregistré. Format de la cohorte : docs/formats/risk-cohort.md. Les lignes en erreur sont écartées et listées (200 premières).',
        body: Type.Object({
          content: Type.String({ minLength: 1, maxLength: EVALUATION_BODY_LIMIT, description: 'Contenu du fichier CSV de la cohorte (UTF-8, « ; » ou « , »)' }),
          fileName: Type.Optional(Type.String({ maxLength: 200 })),
          model: Type.Optional(Nullable(Type.String({ maxLength: 200_000, description: 'Fichier de modèle « dossier de santé » (JSON) ; par défaut le modèle par défaut' }))),
        }),
        response: {
          200: Type.Object({
            report: Type.Unsafe<ReturnType<typeof evaluateUploadedCohort>['report']>({ type: 'object', additionalProperties: true, description: 'Résultats (voir EvaluationReport dans src/domain/risk/evaluation/evaluate.ts)' }),
            html: Type.String({ description: 'Le rapport HTML autonome' }),
            errors: Type.Array(Type.Object({ line: Type.Integer(), column: Nullable(Type.String()), message: Type.String() })),
            rejectedLines: Type.Integer(),
          }),
          ...Errors(400, 401, 403, 413),
        },
      },
    },
    async (request) => run(database, request, async (ctx) => evaluateUploadedCohort(ctx, request.body)),
  );

  app.post(
    '/api/v1/risk/evaluations/synthetic-cohort',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Télécharger une cohorte synthétique étiquetée (CSV) pour essayer l’évaluation — capacité risk.evaluate',
        body: Type.Object({ workers: Type.Integer({ description: 'de 50 à 20 000' }), seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 0xffffffff })) }),
        response: {
          200: Type.Object({ fileName: Type.String(), content: Type.String({ description: 'CSV « ; » (docs/formats/risk-cohort.md)' }) }),
          ...Errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const seed = request.body.seed ?? 1;
      const content = await run(database, request, async (ctx) => syntheticCohortCsv(ctx, { workers: request.body.workers, seed }));
      return { fileName: `cohorte-synthetique-${request.body.workers}-graine-${seed}.csv`, content };
    },
  );
}
