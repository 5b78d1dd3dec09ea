import { EVALUATION_BODY_LIMIT, evaluations } from '../../../contract/risk/evaluation';
import { evaluateUploadedCohort, syntheticCohortCsv } from '../../../services/risk/evaluation/cohort-evaluator';
import { evaluateServiceCohort } from '../../../services/risk/evaluation/service-cohort-evaluator';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { route } from '../../route';

/** risk / evaluation: the index evaluated on a labelled cohort (IGAS recommendation 17), docs/risk-evaluation.md. */
export function riskEvaluationRoutes(app: App, { database }: Deps): void {
  route(
    app,
    evaluations.evaluate,
    async (request) => run(database, request, async (ctx) => evaluateUploadedCohort(ctx, request.body)),
    { bodyLimit: EVALUATION_BODY_LIMIT },
  );

  route(app, evaluations.syntheticCohort, async (request) => {
    const seed = request.body.seed ?? 1;
    const content = await run(database, request, async (ctx) => syntheticCohortCsv(ctx, { workers: request.body.workers, seed }));
    return { fileName: `cohorte-synthetique-${request.body.workers}-graine-${seed}.csv`, content };
  });

  route(app, evaluations.evaluateService, async (request) => {
    const r = await run(database, request, async (ctx) => evaluateServiceCohort(ctx, request.body));
    // A cohort too small is refused after the transaction, so that the audit of the read commits.
    if (!r.ok) throw r.refusal;
    return { report: r.report, html: r.html, errors: r.errors, rejectedLines: r.rejectedLines, service: r.service };
  });
}
