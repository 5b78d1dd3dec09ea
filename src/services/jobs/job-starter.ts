/**
 * Starts a job: one row « En attente » in the service's transaction, refused with the kind's 409
 * when one of the same kind already waits or runs for the service (the partial unique index
 * `job_one_active`: every process sharing the base agrees). The runner loops of this process are
 * woken after the commit; others find it at their next poll.
 */
import type { Database } from '../../db/connection';
import * as jobs from '../../db/repositories/job.repository';
import type { Principal } from '../../domain/access/policy';
import { conflict } from '../../domain/errors';
import { JOB_KIND_INFO, type JobKind } from '../../domain/jobs/kinds';
import { withCtx, type Ctx } from '../context';
import { ensureMayStartJob } from './job-access';
import { jobDto, type JobDto } from './job-format';
import { notifyJobQueued } from './job-wake';

/** The principal as stored with the job (it names the author of the job's audit events). */
export const storedPrincipal = (p: Principal): Record<string, unknown> => ({ ...p });

export const alreadyRunning = (kind: JobKind) => conflict(JOB_KIND_INFO[kind].conflict.code, JOB_KIND_INFO[kind].conflict.message);

/** Inserts the job in the caller's transaction (with `claim`: already running in the caller's process). */
export async function insertJobFor(ctx: Ctx, kind: JobKind, params: Record<string, unknown>, claim?: { claim: string; runner: string }) {
  const row = await jobs.insertJob(
    ctx.trx,
    { tenant_id: ctx.principal.tenantId, kind, params, started_by: storedPrincipal(ctx.principal), started_by_label: ctx.principal.label },
    claim,
  );
  if (!row) return undefined;
  await ctx.record({ action: 'job.start', subjectType: 'job', subjectId: row.id, category: null, details: { kind } });
  return row;
}

export async function startJob(database: Database, principal: Principal, kind: JobKind, params: Record<string, unknown> = {}): Promise<JobDto> {
  ensureMayStartJob(principal, kind);
  const job = await withCtx(database, principal, async (ctx) => {
    const row = await insertJobFor(ctx, kind, params);
    if (!row) throw alreadyRunning(kind);
    return jobDto(row);
  });
  notifyJobQueued();
  return job;
}
