/**
 * SQL of the jobs (migration 0020_jobs, docs/jobs.md). Times of ownership (heartbeat, claim,
 * staleness) are the database's clock, the one every process sharing the base agrees on.
 *
 * Reads and the start of a job run in the tenant's transaction (row-level security); the runner
 * loop claims across tenants on the owner connection (decision D4: owner-level access for the few
 * pre-tenant operations). Every write of a runner names its claim: when another runner took the
 * job over, the write changes nothing and the function answers false.
 */
import { sql, type Kysely, type Selectable, type UpdateObject } from 'kysely';
import type { DB, JobTable } from '../schema';

type Q = Kysely<DB>;
export type JobRow = Selectable<JobTable>;

const ACTIVE = ['en_attente', 'en_cours'];

export interface NewJob {
  tenant_id: string;
  kind: string;
  params: Record<string, unknown>;
  started_by: Record<string, unknown>;
  started_by_label: string;
}

/**
 * Inserts a job waiting for a runner — or, with `claim`, already running in the caller's process
 * (the command line). Answers undefined when one of the service's jobs of this kind already waits
 * or runs (the partial unique index `job_one_active`).
 */
export async function insertJob(db: Q, job: NewJob, claim?: { claim: string; runner: string }): Promise<JobRow | undefined> {
  const running = claim
    ? {
        state: 'en_cours',
        claim: claim.claim,
        runner: claim.runner,
        attempts: 1,
        heartbeat_at: sql<Date>`now()`,
        started_at: sql<Date>`now()`,
        attempt_started_at: sql<Date>`now()`,
        progress_at: sql<Date>`now()`,
      }
    : {};
  return db
    .insertInto('job')
    .values({ ...job, params: JSON.stringify(job.params), started_by: JSON.stringify(job.started_by), ...running } as never)
    .onConflict((oc) => oc.columns(['tenant_id', 'kind']).where('state', 'in', ACTIVE).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findJob(db: Q, tenantId: string, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('job').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/** The service's waiting or running job of this kind, if any. */
export async function findActiveJob(db: Q, tenantId: string, kind: string): Promise<JobRow | undefined> {
  return db.selectFrom('job').selectAll().where('tenant_id', '=', tenantId).where('kind', '=', kind).where('state', 'in', ACTIVE).executeTakeFirst();
}

/** The service's jobs of these kinds, newest first. */
export async function listJobs(db: Q, tenantId: string, f: { kinds: readonly string[]; state?: string; limit: number }): Promise<JobRow[]> {
  if (f.kinds.length === 0) return [];
  let q = db.selectFrom('job').selectAll().where('tenant_id', '=', tenantId).where('kind', 'in', [...f.kinds]);
  if (f.state) q = q.where('state', '=', f.state);
  return q.orderBy('created_at', 'desc').orderBy('id').limit(f.limit).execute();
}

/**
 * Claims the oldest job a runner may take: a waiting one, or a running one whose heartbeat is
 * older than `staleSeconds` (its process died). `for update skip locked`: two runners never take
 * the same row, and neither waits for the other. Owner connection, every tenant.
 */
export async function claimNextJob(
  db: Q,
  o: { kinds: readonly string[]; staleSeconds: number; claim: string; runner: string; tenantId?: string; id?: string },
): Promise<JobRow | undefined> {
  if (o.kinds.length === 0) return undefined;
  const { rows } = await sql<JobRow>`
    update job j
    set state = 'en_cours', claim = ${o.claim}, runner = ${o.runner}, attempts = j.attempts + 1,
        heartbeat_at = now(), started_at = coalesce(j.started_at, now()),
        attempt_started_at = now(), attempt_done_start = j.done, progress_at = now()
    from (
      select tenant_id, id from job
      where kind = any(${[...o.kinds]}::text[])
        and (state = 'en_attente' or (state = 'en_cours' and heartbeat_at < now() - make_interval(secs => ${o.staleSeconds})))
        ${o.tenantId ? sql`and tenant_id = ${o.tenantId}` : sql``}
        ${o.id ? sql`and id = ${o.id}` : sql``}
      order by created_at, id
      limit 1
      for update skip locked
    ) pick
    where j.tenant_id = pick.tenant_id and j.id = pick.id
    returning j.*`.execute(db);
  return rows[0];
}

/**
 * Writes to a job only while this runner holds its claim (claim token, still running): a runner
 * thought dead cannot overwrite it. True when the job was written.
 */
async function updateClaimed(db: Q, tenantId: string, id: string, claim: string, values: UpdateObject<DB, 'job'>): Promise<boolean> {
  const r = await db
    .updateTable('job')
    .set(values)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('claim', '=', claim)
    .where('state', '=', 'en_cours')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Keeps the claim alive; false when the job is no longer this runner's. */
export async function heartbeatJob(db: Q, tenantId: string, id: string, claim: string): Promise<boolean> {
  return updateClaimed(db, tenantId, id, claim, { heartbeat_at: sql<Date>`now()` });
}

export interface ProgressWrite {
  done?: number;
  total?: number | null;
  counts?: Record<string, number>;
  /** undefined: unchanged; null: cleared. */
  cursor?: unknown;
}

/** Progress (and heartbeat) of the claimed job; false when it is no longer this runner's. */
export async function saveJobProgress(db: Q, tenantId: string, id: string, claim: string, p: ProgressWrite): Promise<boolean> {
  return updateClaimed(db, tenantId, id, claim, {
      heartbeat_at: sql<Date>`now()`,
      progress_at: sql<Date>`now()`,
      ...(p.done !== undefined ? { done: p.done } : {}),
      ...(p.total !== undefined ? { total: p.total } : {}),
      ...(p.counts !== undefined ? { counts: JSON.stringify(p.counts) } : {}),
      ...(p.cursor !== undefined ? { cursor: p.cursor === null ? null : JSON.stringify(p.cursor) } : {}),
    });
}

export interface JobEnd {
  state: 'termine' | 'en_echec';
  done?: number;
  total?: number | null;
  counts?: Record<string, number>;
  result?: Record<string, unknown> | null;
  summary?: string | null;
  error?: { code: string; message: string } | null;
}

/** Ends the claimed job; false when it is no longer this runner's. */
export async function finishJob(db: Q, tenantId: string, id: string, claim: string, e: JobEnd): Promise<boolean> {
  return updateClaimed(db, tenantId, id, claim, {
      state: e.state,
      finished_at: sql<Date>`now()`,
      heartbeat_at: sql<Date>`now()`,
      progress_at: sql<Date>`now()`,
      claim: null,
      ...(e.done !== undefined ? { done: e.done } : {}),
      ...(e.total !== undefined ? { total: e.total } : {}),
      ...(e.counts !== undefined ? { counts: JSON.stringify(e.counts) } : {}),
      result: e.result ? JSON.stringify(e.result) : null,
      summary: e.summary ?? null,
      error_code: e.error?.code ?? null,
      error_message: e.error?.message ?? null,
    });
}

/** Gives the claimed job back (server stopping): waiting again, its progress and cursor kept. */
export async function releaseJob(db: Q, tenantId: string, id: string, claim: string): Promise<boolean> {
  return updateClaimed(db, tenantId, id, claim, { state: 'en_attente', claim: null, runner: null });
}

/**
 * Running jobs left by a process that no longer exists, made waiting again at once (the embedded
 * engine: one process owns the data directory, so at its start nobody else runs anything).
 */
export async function releaseAllRunningJobs(db: Q): Promise<number> {
  const r = await db.updateTable('job').set({ state: 'en_attente', claim: null, runner: null }).where('state', '=', 'en_cours').executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** How many workers a job over the whole service has to go through (its total). */
export async function countTenantWorkers(db: Q, tenantId: string): Promise<number> {
  const r = await db.selectFrom('worker').select(sql<number>`count(*)::int`.as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  return Number(r.n);
}
