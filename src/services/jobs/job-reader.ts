/** The service's jobs, as the role may see them (kinds per domain/jobs/kinds.ts). */
import * as jobs from '../../db/repositories/job.repository';
import { isJobKind, JOB_KINDS, type JobKind, type JobState } from '../../domain/jobs/kinds';
import { notFound } from '../../domain/errors';
import type { Ctx } from '../context';
import { ensureMayViewJob, mayViewJobKind, visibleJobKinds } from './job-access';
import { jobDto } from './job-format';

export const JOBS_DEFAULT_LIMIT = 20;

const JOB_NOT_FOUND = () => notFound('TRAITEMENT_INTROUVABLE', "Ce traitement n'existe pas dans ce service.");

export async function listJobs(ctx: Ctx, q: { kind?: JobKind; state?: JobState; limit?: number }) {
  if (q.kind) ensureMayViewJob(ctx.principal, q.kind);
  const kinds = q.kind ? [q.kind] : visibleJobKinds(ctx.principal);
  const rows = await jobs.listJobs(ctx.trx, ctx.principal.tenantId, { kinds, state: q.state, limit: q.limit ?? JOBS_DEFAULT_LIMIT });
  return { items: rows.map(jobDto) };
}

export async function readJob(ctx: Ctx, id: string) {
  const row = await jobs.findJob(ctx.trx, ctx.principal.tenantId, id);
  // A kind this version does not know is not shown.
  if (!row || !isJobKind(row.kind)) throw JOB_NOT_FOUND();
  if (!mayViewJobKind(ctx.principal, row.kind)) ensureMayViewJob(ctx.principal, row.kind);
  return jobDto(row);
}

/**
 * Every job of the service, whatever its kind (the command line: whoever has shell access to the
 * base is its operator).
 */
export async function listServiceJobs(ctx: Ctx, q: { kind?: JobKind; state?: JobState; limit?: number }) {
  const rows = await jobs.listJobs(ctx.trx, ctx.principal.tenantId, { kinds: q.kind ? [q.kind] : [...JOB_KINDS], state: q.state, limit: q.limit ?? JOBS_DEFAULT_LIMIT });
  return rows.map(jobDto);
}
