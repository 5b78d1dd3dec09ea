/**
 * `maintien risk score-all` and the risk bench: the suggested level of every worker of a tenant,
 * written to `risk_score` (one row per worker, replaced at each run; what the run has in common
 * — algorithm, model, time, counts — in `risk_score_run`). Set-based and in one
 * transaction (a run replaces the tenant's suggestions entirely or not at all): ONE statement
 * reads the facts of the whole tenant through a cursor, fetched in slices; each slice is scored
 * in memory by the same rules as the worker page (`suggestLevelFast`) and written in ONE
 * statement. A suggestion only: nothing acts on it, the signed level stays in `risk_assessment`.
 */
import type { Database } from '../../../db/connection';
import { skipForeignKeyChecks } from '../../../db/repositories/bulk-session.repository';
import * as repo from '../../../db/repositories/risk-assessment.repository';
import { inTenant } from '../../../db/tenant-tx';
import { civilDate } from '../../../domain/calendar/dates';
import { INDEX_ALGORITHM_ID, INDEX_ALGORITHM_VERSION, suggestLevelFast } from '../../../domain/risk/index-algorithm';
import { step } from '../../../shared/timing';
import { loadHealthModel } from '../model/health-model-settings';
import { inputsFromBulk } from './risk-inputs';

export const SCORE_CHUNK = 10_000;

export interface ScoreAllResult {
  workers: number;
  byLevel: [number, number, number, number];
  ms: number;
}

export async function scoreAll(database: Database, tenantId: string, opts: { now?: Date; chunk?: number; onChunk?: (done: number) => void } = {}): Promise<ScoreAllResult> {
  const now = opts.now ?? new Date();
  const today = civilDate(now);
  const chunk = opts.chunk ?? SCORE_CHUNK;
  const t0 = performance.now();
  const byLevel: [number, number, number, number] = [0, 0, 0, 0];
  let done = 0;
  await inTenant(database.db, tenantId, async (trx) => {
    // The service's health-record model (the default one if it installed none), recorded in risk_score_run.
    const model = await loadHealthModel(trx, tenantId);
    // The only key risk_score and risk_score_run reference is the tenant's, whose workers are being
    // read: on the embedded engine its per-row check is half the cost of a first run's writes.
    if (database.pglite) await skipForeignKeyChecks(trx, ['risk_score', 'risk_score_run']);
    await step('score.open', () => repo.openIndexFactsCursor(trx, tenantId, today));
    for (;;) {
      const facts = await step('score.fetch', () => repo.fetchIndexFacts(trx, chunk));
      if (facts.length === 0) break;
      const scores = await step('score.compute', async () =>
        facts.map((f) => {
          const r = suggestLevelFast(inputsFromBulk(f, today).inputs, model);
          byLevel[r.suggestedLevel]++;
          return { workerId: f.id, probability: r.probability, level: r.suggestedLevel };
        }),
      );
      await step('score.write', () => repo.upsertRiskScores(trx, tenantId, scores));
      done += facts.length;
      opts.onChunk?.(done);
      if (facts.length < chunk) break;
    }
    await repo.closeIndexFactsCursor(trx);
    await repo.saveRiskScoreRun(trx, {
      tenant_id: tenantId,
      algorithm_id: INDEX_ALGORITHM_ID,
      algorithm_version: INDEX_ALGORITHM_VERSION,
      model_id: model.id,
      model_version: model.version,
      model_validated: model.validated,
      computed_at: now,
      workers: done,
      level_counts: byLevel,
    });
  });
  return { workers: done, byLevel, ms: performance.now() - t0 };
}
