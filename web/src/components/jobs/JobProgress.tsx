/**
 * A job's progress, reusable by every page that starts one (« Recalculer », the flux import…):
 * its state, units done of total with a bar, rate and time left while it runs, the French error
 * when it failed, its summary — and the kind's own report, given as children — when it ended.
 */
import { Alert, Badge, Group, Progress, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDateTime, formatNumber } from '../../format';
import type { JobView } from './useJob';

export const JOB_STATE_COLORS: Record<JobView['state'], string> = { en_attente: 'gray', en_cours: 'blue', termine: 'teal', en_echec: 'red' };

/** « 2 min 05 s », « 45 s », « moins d'une seconde ». */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return "moins d'une seconde";
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

export function JobStateBadge({ job }: { job: Pick<JobView, 'state' | 'stateLabel'> }) {
  return (
    <Badge color={JOB_STATE_COLORS[job.state]} c={`${JOB_STATE_COLORS[job.state]}.9`} variant="outline" style={{ textTransform: 'none' }}>
      {job.stateLabel}
    </Badge>
  );
}

/** « 1 250 / 5 000 salariés (25 %) ». */
export function jobProgressText(job: JobView): string {
  const done = formatNumber(job.done);
  if (job.total === null) return `${done} ${job.unit}`;
  const percent = job.total > 0 ? Math.floor((100 * job.done) / job.total) : 100;
  return `${done} / ${formatNumber(job.total)} ${job.unit} (${percent} %)`;
}

export function JobProgress({ job, children }: { job: JobView; children?: ReactNode }) {
  const active = job.state === 'en_attente' || job.state === 'en_cours';
  const percent = job.total ? Math.min(100, (100 * job.done) / job.total) : job.state === 'termine' ? 100 : 0;
  return (
    <Stack gap={6} aria-live="polite" aria-busy={active}>
      <Group gap="xs" wrap="wrap">
        <JobStateBadge job={job} />
        <Text size="sm" fw={500}>
          {job.kindLabel}
        </Text>
        <Text size="sm" c="dimmed">
          lancé par {job.startedBy}, le {formatDateTime(job.createdAt)}
          {job.attempts > 1 && ` · repris ${job.attempts - 1} fois après une interruption`}
        </Text>
      </Group>
      {job.state === 'en_attente' && <Text size="sm">En attente de démarrage…</Text>}
      {(job.state === 'en_cours' || job.state === 'termine') && (
        <>
          <Progress value={percent} animated={job.state === 'en_cours'} aria-label={`Avancement : ${jobProgressText(job)}`} />
          <Text size="sm">
            {jobProgressText(job)}
            {job.state === 'en_cours' && job.ratePerSecond !== null && ` · ${formatNumber(Math.round(job.ratePerSecond))} ${job.unit} par seconde`}
            {job.state === 'en_cours' && job.secondsLeft !== null && ` · environ ${formatDuration(job.secondsLeft)} restantes`}
          </Text>
        </>
      )}
      {job.counts.length > 0 && (
        <Text size="sm">
          {job.counts.map((c, i) => (
            <span key={c.key}>
              {i > 0 && ' · '}
              {c.label} : {formatNumber(c.value)}
            </span>
          ))}
        </Text>
      )}
      {job.error && (
        <Alert color="red" variant="light" title="Le traitement a échoué" role="alert">
          {job.error.message} <Text span size="xs" c="dimmed">({job.error.code})</Text>
        </Alert>
      )}
      {job.state === 'termine' && job.summary && (
        <Text size="sm" c="teal.9">
          {job.summary}
        </Text>
      )}
      {job.state === 'termine' && children}
    </Stack>
  );
}
