/**
 * « Recalculer »: runs `scoreAll` for the user's service, from the worklist page. One run per
 * service at a time in this process (409 CALCUL_EN_COURS otherwise; the command line runs in
 * another process and is not seen here — its run replaces the tenant's rows in one transaction
 * all the same).
 *
 * Unlike other services this one takes the database, not a ctx: scoreAll opens its own tenant
 * transaction (a run replaces the tenant's suggestions entirely or not at all), and on the
 * embedded engine (one connection) it cannot run inside another transaction. The run is audited
 * afterwards, in a transaction of its own, with its counts only.
 */
import type { Database } from '../../../db/connection';
import * as repo from '../../../db/repositories/risk-score.repository';
import type { Principal } from '../../../domain/access';
import { conflict } from '../../../domain/errors';
import { withCtx } from '../../context';
import { scoreAll } from '../assessment/score-all';
import { ensureSuggestionsReader } from './suggestions-access';
import { runDto } from './suggestions-format';

const running = new Set<string>();

/** Whether a recalcul of the tenant runs in this process now. */
export function isRecalculating(tenantId: string): boolean {
  return running.has(tenantId);
}

export async function recalculateSuggestions(database: Database, principal: Principal, now = new Date()) {
  ensureSuggestionsReader(principal);
  const tenantId = principal.tenantId;
  // Checked and marked with no await in between: two requests cannot both pass.
  if (running.has(tenantId)) {
    throw conflict('CALCUL_EN_COURS', "Un calcul de l'indice est déjà en cours pour ce service. Patientez quelques instants puis rechargez la liste.");
  }
  running.add(tenantId);
  try {
    const result = await scoreAll(database, tenantId, { now });
    return await withCtx(
      database,
      principal,
      async (ctx) => {
        await ctx.record({
          action: 'risk.score.run',
          subjectType: 'risk_score_run',
          subjectId: null,
          category: 'medical',
          details: { workers: result.workers, levelCounts: result.byLevel, ms: Math.round(result.ms) },
        });
        const run = await repo.findRiskScoreRun(ctx.trx, tenantId);
        return { run: run ? runDto(run) : null, durationMs: Math.round(result.ms) };
      },
      now,
    );
  } finally {
    running.delete(tenantId);
  }
}
