import { Type } from '@sinclair/typebox';
import { evaluateUploadedCohort, syntheticCohortCsv } from '../../../services/risk/evaluation/cohort-evaluator';
import { evaluateServiceCohort } from '../../../services/risk/evaluation/service-cohort-evaluator';
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

  app.post(
    '/api/v1/risk/evaluations/service',
    {
      config: { auth: 'session' },
      schema: {
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
          model: Type.Optional(Nullable(Type.String({ maxLength: 200_000, description: 'Fichier de modèle « dossier de santé » (JSON) ; par défaut le modèle par défaut' }))),
        }),
        response: {
          200: Type.Object({
            report: Type.Unsafe<ReturnType<typeof evaluateUploadedCohort>['report']>({ type: 'object', additionalProperties: true, description: 'Résultats (voir EvaluationReport dans src/domain/risk/evaluation/evaluate.ts)' }),
            html: Type.String({ description: 'Le rapport HTML autonome' }),
            errors: Type.Array(Type.Object({ line: Type.Integer(), column: Nullable(Type.String()), message: Type.String() }), { description: 'Toujours vide (aucun fichier lu)' }),
            rejectedLines: Type.Integer(),
            service: Type.Object({
              period: Type.Object({ from: Nullable(Type.String()), to: Nullable(Type.String()) }),
              exits: Type.Integer({ description: 'Sorties enregistrées dans la période' }),
              workers: Type.Integer({ description: 'Salariés concernés par ces sorties' }),
              included: Type.Integer({ description: 'Salariés retenus dans la cohorte' }),
              events: Type.Integer({ description: 'Dont sortis de l’emploi à 12 mois' }),
              excluded: Type.Array(Type.Object({ reason: Type.String(), label: Type.String(), count: Type.Integer() })),
            }),
          }),
          ...Errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const r = await run(database, request, async (ctx) => evaluateServiceCohort(ctx, request.body));
      // A cohort too small is refused after the transaction, so that the audit of the read commits.
      if (!r.ok) throw r.refusal;
      return { report: r.report, html: r.html, errors: r.errors, rejectedLines: r.rejectedLines, service: r.service };
    },
  );
}
