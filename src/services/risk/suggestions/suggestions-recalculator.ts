/**
 * « Recalculer » (docs/risk-suggestions.md, docs/jobs.md): a job of kind `risk.score_all` that
 * runs `scoreAll` for the user's service. Starting it answers at once with the job (202); the
 * runner loop of the server runs it, the page follows its progress. One at a time per service,
 * guarded in the database (409 CALCUL_EN_COURS otherwise, whichever process runs it — the server
 * or `maintien risk score-all`).
 *
 * The run keeps its all-or-nothing semantics: scoreAll replaces the tenant's suggestions in one
 * transaction (about 25,000 workers a second on the embedded engine: the demo's 1,500 workers take
 * well under a second; see docs/jobs.md for larger services). Progress is reported per slice in
 * the background, so it never waits inside that transaction. The run is audited afterwards, in a
 * transaction of its own, as the person who started it, with its counts only. Resumed after a
 * crash, it simply runs again (a run that did not commit left nothing).
 */
import type { Database } from '../../../db/connection';
import { countTenantWorkers } from '../../../db/repositories/job.repository';
import * as repo from '../../../db/repositories/risk-score.repository';
import { findActiveJob } from '../../../db/repositories/job.repository';
import { inTenant, type Tx } from '../../../db/tenant-tx';
import type { Principal } from '../../../domain/access';
import { withCtx } from '../../context';
import type { JobKindRunner } from '../../jobs/job-kind';
import { startJob } from '../../jobs/job-starter';
import { scoreAll } from '../assessment/score-all';
import { ensureSuggestionsReader } from './suggestions-access';
import { runDto } from './suggestions-format';

export const SCORE_ALL_JOB = 'risk.score_all' as const;

/** Whether a recalcul of the tenant waits or runs now, in any process. */
export async function isRecalculating(trx: Tx, tenantId: string): Promise<boolean> {
  return (await findActiveJob(trx, tenantId, SCORE_ALL_JOB)) !== undefined;
}

/** Starts the recalcul of the user's service: the job, waiting for the runner. */
export async function recalculateSuggestions(database: Database, principal: Principal) {
  ensureSuggestionsReader(principal);
  return startJob(database, principal, SCORE_ALL_JOB);
}

const fr = (n: number) => n.toLocaleString('fr-FR');

/** The job's work: score every worker of the service, then audit the run as its author. */
export const scoreAllJob: JobKindRunner = {
  kind: SCORE_ALL_JOB,
  async run(job) {
    const { database, tenantId } = job;
    const total = await inTenant(database.db, tenantId, (trx) => countTenantWorkers(trx, tenantId));
    await job.checkpoint({ done: 0, total, counts: {} });
    const now = new Date();
    const result = await scoreAll(database, tenantId, { now, onChunk: (done) => job.report({ done }) });
    const ms = Math.round(result.ms);
    const run = await withCtx(
      database,
      job.principal,
      async (ctx) => {
        await ctx.record({
          action: 'risk.score.run',
          subjectType: 'risk_score_run',
          subjectId: null,
          category: 'medical',
          details: { workers: result.workers, levelCounts: result.byLevel, ms, jobId: job.id },
        });
        return repo.findRiskScoreRun(ctx.trx, tenantId);
      },
      now,
    );
    const [l0, l1, l2, l3] = result.byLevel;
    return {
      done: result.workers,
      total: result.workers,
      counts: { level0: l0, level1: l1, level2: l2, level3: l3 },
      result: { run: run ? runDto(run) : null, durationMs: ms },
      summary: `${fr(result.workers)} salarié${result.workers > 1 ? 's' : ''} évalué${result.workers > 1 ? 's' : ''} en ${(Math.max(ms, 100) / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s — niveaux suggérés 0 à 3 : ${result.byLevel.map(fr).join(' / ')}.`,
    };
  },
};
