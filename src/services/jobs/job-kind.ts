/**
 * What a kind of job implements (docs/jobs.md): one function, `run`, given the job as a
 * `JobRun` — its parameters, who started it, its stored resume point and whether this attempt is a
 * resume — reporting its progress as it goes, and answering its outcome (counts, report, summary).
 * A failure is a thrown error: a `MaintienError` ends the job « En échec » with its code and its
 * French message; anything else with ERREUR_INTERNE and a French message (the error itself goes to
 * the server's log, by type only).
 */
import type { Database } from '../../db/connection';
import type { ProgressWrite } from '../../db/repositories/job.repository';
import type { Tx } from '../../db/tenant-tx';
import type { Principal } from '../../domain/access/policy';
import type { JobKind } from '../../domain/jobs/kinds';

export type { ProgressWrite };

export interface JobProgress {
  done?: number;
  total?: number | null;
  counts?: Record<string, number>;
}

export interface JobRun<P = Record<string, unknown>, C = unknown> {
  readonly id: string;
  readonly tenantId: string;
  readonly kind: JobKind;
  readonly params: P;
  /** Who started the job: its audit events name this principal. */
  readonly principal: Principal;
  /** The resume point the kind last saved with `checkpoint` (null on a first attempt, or if it saved none). */
  readonly cursor: C | null;
  /** True when an earlier attempt was interrupted (crash, restart): the kind continues from `cursor`. */
  readonly resumed: boolean;
  /** 1 on the first attempt. */
  readonly attempt: number;
  readonly database: Database;
  /** Aborted when the runner stops (server closing) or lost the job (taken over by another process). */
  readonly signal: AbortSignal;
  /**
   * Latest progress, written in the background and coalesced: it never waits for the database,
   * so it may be called inside the kind's own transaction (on the embedded engine the write lands
   * when the connection is free). Throws `JobInterrupted` once `signal` is aborted: called inside a
   * transaction, that rolls the transaction back.
   */
  report(p: JobProgress): void;
  /**
   * Progress and resume point written now. With `trx` (a tenant transaction of the kind), in that
   * transaction: the kind's work and its resume point commit together or not at all. Throws
   * `JobInterrupted` when the job is no longer this runner's or the runner is stopping.
   */
  checkpoint(p: ProgressWrite, trx?: Tx): Promise<void>;
}

export interface JobOutcome {
  done?: number;
  total?: number | null;
  counts?: Record<string, number>;
  /** The report, kind-specific (no health data about a person: counts, ids, file names). */
  result?: Record<string, unknown>;
  /** One French sentence for lists. */
  summary?: string;
}

export interface JobKindRunner<P = Record<string, unknown>, C = unknown> {
  readonly kind: JobKind;
  run(job: JobRun<P, C>): Promise<JobOutcome>;
}

/** The job stopped before its end (runner stopping, or job taken over): not a failure of the job. */
export class JobInterrupted extends Error {
  constructor(readonly reason: 'stopping' | 'lost') {
    super(reason === 'stopping' ? 'Traitement interrompu : arrêt du serveur.' : 'Traitement repris par un autre processus.');
    this.name = 'JobInterrupted';
  }
}
