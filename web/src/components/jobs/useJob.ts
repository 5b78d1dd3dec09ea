/**
 * Following jobs (docs/jobs.md): a job, or the latest jobs of a kind, polled every second while
 * one waits or runs, and no longer once they are all finished.
 */
import { jobs, type JobKind, type ResponseOf } from '@contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../client';

export type JobView = ResponseOf<typeof jobs.read>;

export const JOB_POLL_MS = 1000;

export const isActiveJob = (j: Pick<JobView, 'state'> | null | undefined) => j?.state === 'en_attente' || j?.state === 'en_cours';

/** One job, polled while it is active. `id` null: nothing to follow. */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: ['job', id],
    queryFn: ({ signal }) => call(jobs.read, { params: { id: id! }, signal }),
    enabled: id !== null,
    refetchInterval: (q) => (isActiveJob(q.state.data) ? JOB_POLL_MS : false),
  });
}

/** The latest jobs of a kind (newest first), polled while one of them is active. */
export function useJobs(kind: JobKind, opts: { limit?: number; enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['jobs', kind, opts.limit ?? 10],
    queryFn: ({ signal }) => call(jobs.list, { query: { kind, limit: opts.limit ?? 10 }, signal }),
    enabled: opts.enabled ?? true,
    refetchInterval: (q) => (q.state.data?.items.some(isActiveJob) ? JOB_POLL_MS : false),
  });
}
