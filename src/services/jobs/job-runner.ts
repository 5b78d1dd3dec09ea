/**
 * The runner loop (docs/jobs.md): claims the oldest waiting job of a kind it knows — or a running
 * one whose heartbeat went stale, its process having died — with `for update skip locked`, runs
 * the kind's function, keeps the claim alive with a heartbeat, and ends the job « Terminé » or
 * « En échec » with a French error. Started by `maintien serve` (one loop per server process; any
 * number of processes may share the base), stopped when the server closes: the running job is
 * given back « En attente » with its progress and resume point, and resumed by the next start.
 *
 * `runJobHere` is the command line's way: the job is inserted already running in the CLI's own
 * process, under the same one-at-a-time guard.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../../db/connection';
import * as jobs from '../../db/repositories/job.repository';
import type { JobRow } from '../../db/repositories/job.repository';
import type { Principal } from '../../domain/access/policy';
import { MaintienError } from '../../domain/errors';
import type { JobKind } from '../../domain/jobs/kinds';
import { withCtx } from '../context';
import { jobDto, type JobDto } from './job-format';
import { JobInterrupted, type JobKindRunner, type JobProgress, type JobRun } from './job-kind';
import { alreadyRunning, insertJobFor } from './job-starter';
import { onJobQueued } from './job-wake';
import { JOB_RUNNERS } from './kinds';

export interface JobRunnerOptions {
  /** The kinds this runner runs (default: every kind of src/services/jobs/kinds.ts). */
  kinds?: readonly JobKindRunner[];
  /** How the runner names itself in the job row (default host:pid:random). */
  name?: string;
  /** Poll for work every… (default 2 s; a job started in this process wakes the loop at once). */
  pollMs?: number;
  /** Heartbeat of a running job every… (default 5 s). */
  heartbeatMs?: number;
  /** A running job whose heartbeat is older than this is taken over (default 60 s). */
  staleSeconds?: number;
  /** Attempts after which a job that keeps being interrupted ends « En échec » (default 5). */
  maxAttempts?: number;
  /** Where failures of the loop itself go (the server's log; never health data). */
  log?: (message: string, fields: Record<string, unknown>) => void;
  /** Each progress report (the command line prints it). */
  onProgress?: (p: { jobId: string; done: number; total: number | null; counts: Record<string, number> }) => void;
}

export const JOB_POLL_MS = 2_000;
export const JOB_HEARTBEAT_MS = 5_000;
export const JOB_STALE_SECONDS = 60;
export const JOB_MAX_ATTEMPTS = 5;

const INTERNAL_ERROR = {
  code: 'ERREUR_INTERNE',
  message: "Le traitement s'est arrêté sur une erreur inattendue, consignée dans le journal du serveur. Relancez-le ; si elle se reproduit, signalez-la à l'administrateur.",
};

const tooManyAttempts = (interrupted: number) => ({
  code: 'REPRISES_EPUISEES',
  message: `Le traitement a été interrompu ${interrupted} fois sans aboutir (arrêt du serveur ou panne) : il n'est plus repris automatiquement. Relancez-le ; si cela se reproduit, signalez-le à l'administrateur.`,
});

const errorType = (err: unknown) => ({ type: err instanceof Error ? err.name : typeof err, code: (err as { code?: unknown })?.code ?? null });

export class JobRunner {
  readonly name: string;
  private readonly runners: Map<string, JobKindRunner>;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly staleSeconds: number;
  private readonly maxAttempts: number;
  private closing = false;
  private started = false;
  private loop: Promise<void> | null = null;
  private current: AbortController | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly database: Database,
    private readonly opts: JobRunnerOptions = {},
  ) {
    this.name = opts.name ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.runners = new Map((opts.kinds ?? JOB_RUNNERS).map((k) => [k.kind, k]));
    this.pollMs = opts.pollMs ?? JOB_POLL_MS;
    this.heartbeatMs = opts.heartbeatMs ?? JOB_HEARTBEAT_MS;
    this.staleSeconds = opts.staleSeconds ?? JOB_STALE_SECONDS;
    this.maxAttempts = opts.maxAttempts ?? JOB_MAX_ATTEMPTS;
  }

  /** Starts the loop (no effect when it runs). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.closing = false;
    this.unsubscribe = onJobQueued(() => this.wake());
    this.loop = this.forever();
  }

  /** Stops the loop; the running job, if any, is interrupted and given back « En attente ». */
  async stop(): Promise<void> {
    this.closing = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.current?.abort(new JobInterrupted('stopping'));
    this.wake();
    await this.loop;
    this.loop = null;
    this.started = false;
  }

  /** Looks for work now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Claims one job and runs it to its end; false when there was nothing to do. */
  async runOnce(): Promise<boolean> {
    if (this.closing && this.started) return false;
    const row = await jobs.claimNextJob(this.database.db, { kinds: [...this.runners.keys()], staleSeconds: this.staleSeconds, claim: randomUUID(), runner: this.name });
    if (!row) return false;
    await this.execute(row);
    return true;
  }

  /** Runs jobs until none is left to claim (tests, and the command line); answers how many ran. */
  async drain(): Promise<number> {
    let n = 0;
    while (await this.runOnce()) n++;
    return n;
  }

  private async forever(): Promise<void> {
    while (!this.closing) {
      let ran = false;
      try {
        ran = await this.runOnce();
      } catch (err) {
        this.opts.log?.('boucle des traitements : erreur', { err: errorType(err) });
      }
      if (!ran && !this.closing) await this.sleep(this.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** Runs a job this runner has claimed (`row.claim`), to its end. */
  async execute(row: JobRow): Promise<void> {
    const db = this.database.db;
    const { tenant_id: tenantId, id } = row;
    const claim = row.claim;
    const runner = this.runners.get(row.kind);
    if (!claim || !runner) throw new Error(`job ${id}: not claimed by this runner`);
    if (row.attempts > this.maxAttempts) {
      await jobs.finishJob(db, tenantId, id, claim, { state: 'en_echec', error: tooManyAttempts(row.attempts - 1) });
      return;
    }

    const controller = new AbortController();
    this.current = controller;
    if (this.closing && this.started) controller.abort(new JobInterrupted('stopping'));
    let lost = false;
    const interrupt = (reason: 'stopping' | 'lost') => {
      if (reason === 'lost') lost = true;
      if (!controller.signal.aborted) controller.abort(new JobInterrupted(reason));
    };
    const progress = { done: row.done, total: row.total, counts: { ...(row.counts ?? {}) } };
    const track = (p: JobProgress) => {
      if (p.done !== undefined) progress.done = p.done;
      if (p.total !== undefined) progress.total = p.total;
      if (p.counts !== undefined) progress.counts = p.counts;
      this.opts.onProgress?.({ jobId: id, ...progress });
    };
    const throwIfAborted = () => {
      if (controller.signal.aborted) throw controller.signal.reason instanceof JobInterrupted ? controller.signal.reason : new JobInterrupted('stopping');
    };

    // Progress written in the background, the latest one only, one write at a time.
    let pending: JobProgress | null = null;
    let flushing: Promise<void> | null = null;
    const flush = () => {
      if (flushing) return;
      flushing = (async () => {
        try {
          while (pending) {
            const p = pending;
            pending = null;
            if (!(await jobs.saveJobProgress(db, tenantId, id, claim, p))) interrupt('lost');
          }
        } catch (err) {
          this.opts.log?.('traitement : avancement non enregistré', { jobId: id, err: errorType(err) });
        } finally {
          flushing = null;
        }
      })();
    };
    // The heartbeat, one at a time (on the embedded engine it waits while the kind holds the connection).
    let beating: Promise<void> | null = null;
    const timer = setInterval(() => {
      if (beating) return;
      beating = jobs
        .heartbeatJob(db, tenantId, id, claim)
        .then((ok) => {
          if (!ok) interrupt('lost');
        })
        .catch((err: unknown) => this.opts.log?.('traitement : battement non enregistré', { jobId: id, err: errorType(err) }))
        .finally(() => {
          beating = null;
        });
    }, this.heartbeatMs);
    timer.unref?.();
    const settle = async () => {
      clearInterval(timer);
      pending = null;
      await flushing;
      await beating;
    };

    const job: JobRun = {
      id,
      tenantId,
      kind: row.kind as JobKind,
      params: row.params ?? {},
      principal: row.started_by as unknown as Principal,
      cursor: row.cursor ?? null,
      resumed: row.attempts > 1,
      attempt: row.attempts,
      database: this.database,
      signal: controller.signal,
      report: (p) => {
        throwIfAborted();
        track(p);
        pending = { ...pending, ...p };
        flush();
      },
      checkpoint: async (p, trx) => {
        throwIfAborted();
        track(p);
        pending = null;
        await flushing;
        if (!(await jobs.saveJobProgress(trx ?? db, tenantId, id, claim, p))) {
          interrupt('lost');
          throwIfAborted();
        }
      },
    };

    try {
      const outcome = await runner.run(job);
      await settle();
      if (lost || !(await jobs.finishJob(db, tenantId, id, claim, { state: 'termine', ...outcome }))) {
        this.opts.log?.('traitement repris par un autre processus : résultat de cette tentative ignoré', { jobId: id, kind: row.kind });
      }
    } catch (err) {
      await settle();
      if (err instanceof JobInterrupted || controller.signal.aborted) {
        // Lost: another runner has it. Stopping: back to « En attente », resumed at the next start.
        if (!lost) await jobs.releaseJob(db, tenantId, id, claim);
        return;
      }
      const known = err instanceof MaintienError;
      if (!known) this.opts.log?.('traitement en échec', { jobId: id, kind: row.kind, err: errorType(err) });
      await jobs.finishJob(db, tenantId, id, claim, { state: 'en_echec', error: known ? { code: err.code, message: err.message } : INTERNAL_ERROR });
    } finally {
      if (this.current === controller) this.current = null;
    }
  }
}

/**
 * Runs a job in this process (the command line): inserted already running under the same guard
 * as the server's jobs — or, when the service's job of this kind waits or was left by a dead
 * process (stale heartbeat), that job is taken over and resumed here. Refused with the kind's 409
 * when a live process runs it. The caller's principal is trusted (shell access to the base).
 */
export async function runJobHere(
  database: Database,
  principal: Principal,
  kind: JobKind,
  params: Record<string, unknown> = {},
  opts: JobRunnerOptions & { onRunner?: (r: JobRunner) => void } = {},
): Promise<JobDto> {
  const runner = new JobRunner(database, opts);
  opts.onRunner?.(runner);
  const claim = randomUUID();
  let row = await withCtx(database, principal, (ctx) => insertJobFor(ctx, kind, params, { claim, runner: runner.name }));
  row ??= await jobs.claimNextJob(database.db, {
    kinds: [kind],
    tenantId: principal.tenantId,
    staleSeconds: opts.staleSeconds ?? JOB_STALE_SECONDS,
    claim,
    runner: runner.name,
  });
  if (!row) throw alreadyRunning(kind);
  await runner.execute(row);
  const end = await jobs.findJob(database.db, principal.tenantId, row.id);
  return jobDto(end ?? row);
}

/**
 * At the start of a process that owns the base alone (the embedded engine): jobs left « En cours »
 * by the previous process are made waiting again, to be resumed at once.
 */
export async function releaseOrphanJobs(database: Database): Promise<number> {
  return jobs.releaseAllRunningJobs(database.db);
}
