/** Who sees and starts which kind of job: the capabilities declared per kind in domain/jobs/kinds.ts. */
import { has, type Principal } from '../../domain/access/policy';
import { forbidden } from '../../domain/errors';
import { isJobKind, JOB_KIND_INFO, JOB_KINDS, type JobKind } from '../../domain/jobs/kinds';

export const mayViewJobKind = (p: Principal, kind: string): boolean => isJobKind(kind) && JOB_KIND_INFO[kind].view.some((c) => has(p, c));

export const mayStartJobKind = (p: Principal, kind: JobKind): boolean => JOB_KIND_INFO[kind].start.some((c) => has(p, c));

export const visibleJobKinds = (p: Principal): JobKind[] => JOB_KINDS.filter((k) => mayViewJobKind(p, k));

export function ensureMayStartJob(p: Principal, kind: JobKind): void {
  if (!mayStartJobKind(p, kind)) throw forbidden(JOB_KIND_INFO[kind].refusal);
}

export function ensureMayViewJob(p: Principal, kind: JobKind): void {
  if (!mayViewJobKind(p, kind)) throw forbidden(JOB_KIND_INFO[kind].refusal);
}
