/**
 * The flux import run in this process (docs/jobs.md « The command line »): `maintien flux import`,
 * and a machine client's upload that waits for its report. Kept apart from flux-batch-job.ts (the
 * kind, registered in services/jobs/kinds.ts) because it needs the runner, which needs the registry.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../../db/connection';
import * as jobs from '../../db/repositories/job.repository';
import type { Principal } from '../../domain/access/policy';
import { withCtx } from '../context';
import type { JobKindRunner } from '../jobs/job-kind';
import { jobDto, type JobDto } from '../jobs/job-format';
import { JOB_STALE_SECONDS, JobRunner, type JobRunnerOptions } from '../jobs/job-runner';
import { alreadyRunning, insertJobFor } from '../jobs/job-starter';
import { discard, FLUX_IMPORT_JOB, fluxImportJob, sameFileImporting, type FluxImportParams } from './flux-batch-job';

/** Is the runner named `host:pid:…` a process of this machine that no longer exists? */
function deadLocalRunner(runner: string | null): boolean {
  if (!runner) return false;
  const [host, pid] = runner.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return false;
  if (Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Runs the import in this process (the command line; a machine client that waits for the report):
 * the job is inserted already running, under the same one-at-a-time guard. The service's import
 * of the same file left by a process that died — waiting, heartbeat stale, or its runner a process
 * of this machine that no longer exists (kill -9) — is taken over and resumed here. Another import
 * running is 409.
 */
export async function runFluxImportHere(
  database: Database,
  principal: Principal,
  params: FluxImportParams,
  opts: JobRunnerOptions & { onRunner?: (r: JobRunner) => void } = {},
): Promise<JobDto> {
  const runner = new JobRunner(database, { kinds: [fluxImportJob as unknown as JobKindRunner], ...opts });
  opts.onRunner?.(runner);
  const claim = randomUUID();
  let row: jobs.JobRow | undefined;
  try {
    row = await withCtx(database, principal, (ctx) => insertJobFor(ctx, FLUX_IMPORT_JOB, params as unknown as Record<string, unknown>, { claim, runner: runner.name }));
    if (!row) {
      const active = await withCtx(database, principal, (ctx) => jobs.findActiveJob(ctx.trx, principal.tenantId, FLUX_IMPORT_JOB));
      const same = active && (active.params as { sha256?: string } | null)?.sha256 === params.sha256;
      if (active && same) {
        const abandoned = active.state === 'en_attente' || deadLocalRunner(active.runner);
        row = await jobs.claimNextJob(database.db, {
          kinds: [FLUX_IMPORT_JOB],
          tenantId: principal.tenantId,
          id: active.id,
          staleSeconds: abandoned ? 0 : (opts.staleSeconds ?? JOB_STALE_SECONDS),
          claim,
          runner: runner.name,
        });
        if (!row) throw sameFileImporting(params.fileName);
        // The abandoned job reads its own copy of the file: this one is not needed.
        if ((row.params as { path?: string } | null)?.path !== params.path) await discard(params);
      } else throw alreadyRunning(FLUX_IMPORT_JOB);
    }
  } catch (err) {
    await discard(params);
    throw err;
  }
  await runner.execute(row);
  const end = await jobs.findJob(database.db, principal.tenantId, row.id);
  return jobDto(end ?? row);
}
