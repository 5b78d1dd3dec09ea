/** A job as the API answers it (contract `Job`): labels, pace (rate, time left), counts with their labels. */
import type { JobRow } from '../../db/repositories/job.repository';
import { isJobKind, isJobState, JOB_KIND_INFO, JOB_STATE_LABELS, jobPace, type JobKind, type JobState } from '../../domain/jobs/kinds';

export function jobDto(r: JobRow) {
  const kind = r.kind as JobKind;
  const info = isJobKind(r.kind) ? JOB_KIND_INFO[kind] : null;
  const state = (isJobState(r.state) ? r.state : 'en_echec') as JobState;
  const running = state === 'en_cours';
  const pace = running
    ? jobPace({ done: r.done, total: r.total, attemptDoneStart: r.attempt_done_start, attemptStartedAt: r.attempt_started_at, progressAt: r.progress_at })
    : { ratePerSecond: null, secondsLeft: null };
  const labels = info?.counts ?? {};
  const counts = r.counts ?? {};
  const keys = [...Object.keys(labels).filter((k) => k in counts), ...Object.keys(counts).filter((k) => !(k in labels))];
  return {
    id: r.id,
    kind,
    kindLabel: info?.label ?? r.kind,
    state,
    stateLabel: JOB_STATE_LABELS[state],
    done: r.done,
    total: r.total,
    unit: info?.unit ?? 'unités',
    ratePerSecond: pace.ratePerSecond,
    secondsLeft: pace.secondsLeft,
    counts: keys.map((key) => ({ key, label: labels[key] ?? key, value: Number(counts[key]) })),
    startedBy: r.started_by_label,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    attempts: r.attempts,
    error: r.error_code && r.error_message ? { code: r.error_code, message: r.error_message } : null,
    summary: r.summary,
    result: r.result ?? null,
  };
}

export type JobDto = ReturnType<typeof jobDto>;
