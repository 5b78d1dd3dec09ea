/**
 * `maintien jobs …` (docs/jobs.md): the service's long-running work as the database records it —
 * kind, state, progress, who started it, when, its French error or its summary.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { isJobKind, isJobState, JOB_KINDS, JOB_STATES, type JobKind, type JobState } from '../domain/jobs/kinds';
import { withCtx } from '../services/context';
import type { JobDto } from '../services/jobs/job-format';
import { listServiceJobs } from '../services/jobs/job-reader';
import { defaultTenantSlug, tenantContext, withDatabase } from './context';

const kindArg = (v: string): JobKind => {
  if (!isJobKind(v)) throw new InvalidArgumentError(`sortes : ${JOB_KINDS.join(', ')}.`);
  return v;
};
const stateArg = (v: string): JobState => {
  if (!isJobState(v)) throw new InvalidArgumentError(`états : ${JOB_STATES.join(', ')}.`);
  return v;
};
const limitArg = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('un entier de 1 à 1000 est attendu.');
  return n;
};

const when = (d: Date | string | null) => (d ? new Date(d).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' }) : '—');

/** One job in a few lines of French. */
export function describeJob(j: JobDto): string {
  const progress = `${j.done.toLocaleString('fr-FR')}${j.total !== null ? ` / ${j.total.toLocaleString('fr-FR')}` : ''} ${j.unit}`;
  const lines = [`${j.id}  ${j.kindLabel} — ${j.stateLabel} (${progress})`, `    lancé par ${j.startedBy} le ${when(j.createdAt)} ; début ${when(j.startedAt)} ; fin ${when(j.finishedAt)}${j.attempts > 1 ? ` ; ${j.attempts} tentatives` : ''}`];
  if (j.error) lines.push(`    erreur [${j.error.code}] : ${j.error.message}`);
  if (j.summary) lines.push(`    ${j.summary}`);
  return lines.join('\n');
}

export function registerJobCommands(cmd: Command): void {
  const jobs = cmd.command('jobs').description('traitements longs (recalcul de l’indice, imports) : en attente, en cours, terminés');
  jobs
    .command('list')
    .description('liste les traitements du service, les plus récents d’abord')
    .option('--tenant <slug>', 'service (tenant) ; par défaut le seul service de la base')
    .option('--kind <sorte>', `sorte : ${JOB_KINDS.join(', ')}`, kindArg)
    .option('--state <état>', `état : ${JOB_STATES.join(', ')}`, stateArg)
    .option('--limit <n>', 'nombre de traitements (défaut 20)', limitArg)
    .action((o: { tenant?: string; kind?: JobKind; state?: JobState; limit?: number }) =>
      withDatabase(async (database) => {
        const principal = await tenantContext(database, await defaultTenantSlug(database, o.tenant));
        const items = await withCtx(database, principal, (ctx) => listServiceJobs(ctx, o));
        if (items.length === 0) console.log('Aucun traitement.');
        for (const j of items) console.log(describeJob(j));
      }),
    );
}
