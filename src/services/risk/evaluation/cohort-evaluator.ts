/**
 * A médecin or an administrator of the service uploads a labelled cohort on the « Évaluation de
 * l'indice » page (capability risk.evaluate) and gets the report: the same computation as
 * `maintien risk evaluate`. Nothing is stored; the run is audited with its counts only (the file
 * holds pseudonymous health facts, never identities).
 */
import { ensure } from '../../../domain/access';
import { invalid } from '../../../domain/errors';
import { cohortCsv } from '../../../domain/risk/evaluation/cohort';
import type { Ctx } from '../../context';
import { generateCohort } from './cohort-generator';
import { readHealthModel, runEvaluation } from './evaluation-runner';

export interface EvaluateCohortProps {
  /** The cohort CSV text (docs/formats/risk-cohort.md). */
  content: string;
  fileName?: string;
  /** A health-record model file's text; the default model when absent. */
  model?: string | null;
}

export async function evaluateUploadedCohort(ctx: Ctx, props: EvaluateCohortProps) {
  ensure(ctx.principal, 'risk.evaluate');
  const model = props.model ? readHealthModel(props.model) : undefined;
  const run = runEvaluation(props.content, { cohortName: props.fileName?.trim() || 'cohorte déposée', model, now: ctx.now });
  await ctx.record({
    action: 'risk.evaluation.run',
    subjectType: 'tenant',
    subjectId: ctx.principal.tenantId,
    category: 'sensitive',
    details: {
      workers: run.report.cohort.n,
      events: run.report.cohort.events,
      rejectedLines: run.rejectedLines,
      model: `${run.report.model.id} ${run.report.model.version}`,
    },
  });
  return { report: run.report, html: run.html, errors: run.errors, rejectedLines: run.rejectedLines };
}

/** The page's « cohorte synthétique » button: at most this many workers over HTTP. */
export const SYNTHETIC_MAX_WORKERS = 20_000;
export const SYNTHETIC_MIN_WORKERS = 50;

export function syntheticCohortCsv(ctx: Ctx, props: { workers: number; seed: number }): string {
  ensure(ctx.principal, 'risk.evaluate');
  if (!Number.isInteger(props.workers) || props.workers < SYNTHETIC_MIN_WORKERS || props.workers > SYNTHETIC_MAX_WORKERS) {
    throw invalid('NOMBRE_DE_SALARIES_INVALIDE', `Le nombre de salariés doit être un entier de ${SYNTHETIC_MIN_WORKERS} à ${SYNTHETIC_MAX_WORKERS.toLocaleString('fr-FR')}.`, 'workers');
  }
  return cohortCsv(generateCohort(props));
}
