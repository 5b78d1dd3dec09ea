/**
 * `maintien risk score-all` and the risk bench: the suggested level of every worker of a tenant,
 * written to `risk_score` (one row per worker, replaced at each run). Set-based: workers go by
 * chunks of ids (keyset), each chunk's facts are read in ONE statement, scored in memory by the
 * same `suggestLevel` as the worker page, and written in ONE statement. A suggestion only:
 * nothing acts on it, the signed level stays in `risk_assessment`.
 */
import { sql } from 'kysely';
import type { Database } from '../../../db/connection';
import * as repo from '../../../db/repositories/risk-assessment.repository';
import { inTenant } from '../../../db/tenant-tx';
import { civilDate } from '../../../domain/calendar/dates';
import { INDEX_ALGORITHM_ID, INDEX_ALGORITHM_VERSION, suggestLevelFast } from '../../../domain/risk/index-algorithm';
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
  let last = '00000000-0000-0000-0000-000000000000';
  let done = 0;
  for (;;) {
    const n = await inTenant(database.db, tenantId, async (trx) => {
      const ids = (await sql<{ id: string }>`select id from worker where tenant_id = ${tenantId} and id > ${last}::uuid order by id limit ${chunk}`.execute(trx)).rows.map((r) => r.id);
      if (ids.length === 0) return 0;
      const facts = await repo.findIndexFactsBulk(trx, tenantId, ids, today, true);
      const scores = facts.map((f) => {
        const r = suggestLevelFast(inputsFromBulk(f, today).inputs);
        byLevel[r.suggestedLevel]++;
        return { workerId: f.id, probability: r.probability, level: r.suggestedLevel };
      });
      await repo.upsertRiskScores(trx, tenantId, scores, INDEX_ALGORITHM_ID, INDEX_ALGORITHM_VERSION, now);
      last = ids[ids.length - 1];
      return ids.length;
    });
    if (n === 0) break;
    done += n;
    opts.onChunk?.(done);
    if (n < chunk) break;
  }
  return { workers: done, byLevel, ms: performance.now() - t0 };
}
