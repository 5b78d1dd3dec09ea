/**
 * Jobs (issue 14 item 3, docs/jobs.md) on a real database: one at a time per service and kind,
 * guarded in the database, with two runners sharing the base as two server processes would; a
 * job left « En cours » by a dead process (stale heartbeat) resumed by another with its cursor;
 * a runner that lost its job can no longer write it; a server stopping gives its job back; a
 * failing job ends « En échec » with a French error and no 500; who may see which kind; the
 * progress read through the API; the command line under the same guard.
 *
 * The real kind is « Recalculer » (risk.score_all). Where a test needs a job that waits, fails or
 * reports on demand, the runner is given a kind function written here under the same kind id:
 * the framework (claim, heartbeat, guard, states, API) is what is tested, on the real database.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as jobsRepo from '../../src/db/repositories/job.repository';
import { inTenant } from '../../src/db/tenant-tx';
import { MaintienError } from '../../src/domain/errors';
import { systemPrincipal } from '../../src/services/context';
import type { JobKindRunner, JobRun } from '../../src/services/jobs/job-kind';
import { JobRunner, runJobHere } from '../../src/services/jobs/job-runner';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
const s: Record<string, Session> = {};
const api = (who: string) => as(t.app, s[who]);
const db = () => t.database.db;
const RUN_URL = '/api/v1/risk/screening/runs';
let tenantId = '';
let otherTenantId = '';
const runners: JobRunner[] = [];

/** A runner, as one server process would have (stopped after each test). */
const runner = (opts: ConstructorParameters<typeof JobRunner>[1] = {}) => {
  const r = new JobRunner(t.database, { heartbeatMs: 50, ...opts });
  runners.push(r);
  return r;
};

/** A kind function that waits until released, reporting `done` of `total` first. */
function gatedKind(o: { done?: number; total?: number; fail?: Error } = {}) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let started!: (job: JobRun) => void;
  const running = new Promise<JobRun>((r) => (started = r));
  const kind: JobKindRunner = {
    kind: 'risk.score_all',
    async run(job) {
      if (o.total !== undefined) await job.checkpoint({ done: o.done ?? 0, total: o.total, counts: { level0: o.done ?? 0 }, cursor: { next: o.done ?? 0 } });
      started(job);
      await gate;
      if (o.fail) throw o.fail;
      return { done: o.total ?? 0, total: o.total ?? 0, summary: 'Fini.' };
    },
  };
  return { kind, release, running };
}

const jobRow = (id: string) => db().selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const readJob = async (id: string, who = 'medecin') => {
  const res = await api(who).get(`/api/v1/jobs/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const start = async (who = 'medecin') => {
  const res = await api(who).post(RUN_URL);
  expect(res.statusCode, res.body).toBe(202);
  return res.json();
};
async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition never met');
}

beforeAll(async () => {
  t = await startTestApp({ tenants: ['demo', 'autre'] });
  for (const local of ['medecin', 'infirmier', 'social', 'admin', 'assistant', 'employeur']) s[local] = await login(t.app, demoEmail(local));
  s.autre = await login(t.app, demoEmail('medecin', 'autre'));
  tenantId = (await db().selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  otherTenantId = (await db().selectFrom('tenant').select('id').where('slug', '=', 'autre').executeTakeFirstOrThrow()).id;
});
beforeEach(async () => {
  for (const r of runners.splice(0)) await r.stop();
  // Each test starts with no waiting or running job.
  await db().updateTable('job').set({ state: 'en_echec', finished_at: new Date(), error_code: 'TEST', error_message: 'nettoyage du test', claim: null }).where('state', 'in', ['en_attente', 'en_cours']).execute();
});
afterAll(async () => {
  for (const r of runners.splice(0)) await r.stop();
  await t?.close();
});

describe('« Recalculer » is a job', () => {
  it('starting answers 202 with the job waiting; a runner runs it; the API shows progress, counts, summary and the run', async () => {
    const job = await start();
    expect(job).toMatchObject({ kind: 'risk.score_all', state: 'en_attente', stateLabel: 'En attente', done: 0, unit: 'salariés', error: null, attempts: 0 });
    // Who started it: the user's display name (never an e-mail).
    expect(job.startedBy).toBe((await db().selectFrom('app_user').select('display_name').where('id', '=', s.medecin.me.user.id).executeTakeFirstOrThrow()).display_name);
    expect(await runner().drain()).toBe(1);
    const done = await readJob(job.id);
    const workers = Number((await sql<{ n: number }>`select count(*)::int as n from worker where tenant_id = ${tenantId}`.execute(db())).rows[0].n);
    expect(done).toMatchObject({ state: 'termine', stateLabel: 'Terminé', done: workers, total: workers, attempts: 1, error: null });
    expect(done.counts.map((c: { label: string }) => c.label)).toEqual(['Niveau 0', 'Niveau 1', 'Niveau 2', 'Niveau 3']);
    expect(done.counts.reduce((a: number, c: { value: number }) => a + c.value, 0)).toBe(workers);
    expect(done.summary).toMatch(/salariés évalués en .* s — niveaux suggérés 0 à 3 :/);
    expect(done.result.run).toMatchObject({ workers });
    expect(new Date(done.finishedAt).getTime()).toBeGreaterThanOrEqual(new Date(done.startedAt).getTime());
    // Listed, newest first, and the worklist no longer says a run is in progress.
    const list = await api('medecin').get('/api/v1/jobs?kind=risk.score_all');
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({ id: job.id, state: 'termine' });
    expect((await api('medecin').get('/api/v1/risk/screening')).json().running).toBe(false);
    // Who started it is in the audit log, and the run is audited in their name.
    const audit = await db().selectFrom('audit_event').select(['action', 'actor_user_id', 'details']).where('subject_id', '=', job.id).execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'job.start', actor_user_id: s.medecin.me.user.id })]);
    const runEvent = await db().selectFrom('audit_event').select(['actor_user_id', 'details']).where('action', '=', 'risk.score.run').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(runEvent.actor_user_id).toBe(s.medecin.me.user.id);
    expect(runEvent.details).toMatchObject({ workers, jobId: job.id });
  });

  it('while it waits, the worklist says so and a second start is refused: 409 CALCUL_EN_COURS in French', async () => {
    const job = await start();
    expect((await api('infirmier').get('/api/v1/risk/screening')).json().running).toBe(true);
    const second = await api('infirmier').post(RUN_URL);
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'CALCUL_EN_COURS', message: expect.stringMatching(/déjà en cours pour ce service/) });
    await runner().drain();
    expect((await jobRow(job.id)).state).toBe('termine');
    expect((await start('infirmier')).state).toBe('en_attente');
  });
});

describe('one at a time per service and kind, guarded in the database', () => {
  it('two runners sharing the base (two server processes): one claims the job, the other finds nothing; a start meanwhile gets 409', async () => {
    const g = gatedKind({ done: 3, total: 10 });
    const a = runner({ kinds: [g.kind], name: 'processus-a' });
    const b = runner({ kinds: [g.kind], name: 'processus-b' });
    const job = await start();
    const [ranA, ranB] = [a.runOnce(), b.runOnce()];
    const claimed = await g.running;
    // The other runner answered « nothing to do » while the first one runs the job.
    expect(await Promise.race([ranA, ranB])).toBe(false);
    expect(claimed.id).toBe(job.id);
    const row = await jobRow(job.id);
    expect(row.state).toBe('en_cours');
    expect(['processus-a', 'processus-b']).toContain(row.runner);
    expect((await api('infirmier').post(RUN_URL)).statusCode).toBe(409);
    // The index itself refuses a second active job, whoever writes it.
    await expect(
      inTenant(db(), tenantId, (trx) => jobsRepo.insertJob(trx, { tenant_id: tenantId, kind: 'risk.score_all', params: {}, started_by: {}, started_by_label: 'x' })),
    ).resolves.toBeUndefined();
    await expect(sql`insert into job (tenant_id, kind, started_by, started_by_label) values (${tenantId}, 'risk.score_all', '{}'::jsonb, 'x')`.execute(db())).rejects.toThrow(/job_one_active/);
    g.release();
    expect((await Promise.all([ranA, ranB])).sort()).toEqual([false, true]);
    expect(await jobRow(job.id)).toMatchObject({ state: 'termine', done: 10, total: 10, summary: 'Fini.', attempts: 1, claim: null });
  });

  it('another service runs its own at the same time; its jobs are invisible here (RLS and API)', async () => {
    const g = gatedKind();
    const mine = await start();
    const res = await as(t.app, s.autre).post(RUN_URL);
    expect(res.statusCode, res.body).toBe(202);
    const theirs = res.json();
    const r = runner({ kinds: [g.kind] });
    const first = r.runOnce();
    await g.running;
    const second = runner({ kinds: [g.kind] }).runOnce();
    g.release();
    expect(await first).toBe(true);
    expect(await second).toBe(true);
    expect((await jobRow(mine.id)).state).toBe('termine');
    expect((await jobRow(theirs.id)).state).toBe('termine');
    expect((await api('medecin').get(`/api/v1/jobs/${theirs.id}`)).statusCode).toBe(404);
    expect((await api('medecin').get('/api/v1/jobs')).json().items.some((j: { id: string }) => j.id === theirs.id)).toBe(false);
    const seen = await inTenant(db(), tenantId, (trx) => trx.selectFrom('job').select('tenant_id').distinct().execute());
    expect(seen.map((x) => x.tenant_id)).toEqual([tenantId]);
    expect(otherTenantId).not.toBe(tenantId);
  });
});

describe('resumed after a crash', () => {
  it('a job left « En cours » with a stale heartbeat is taken over by another runner, told it resumes, with its cursor', async () => {
    // Process A claims the job, saves a resume point, then dies (it never writes again).
    const job = await start();
    const dead = await jobsRepo.claimNextJob(db(), { kinds: ['risk.score_all'], staleSeconds: 60, claim: '00000000-0000-4000-8000-00000000dead', runner: 'processus-mort' });
    expect(dead?.id).toBe(job.id);
    expect(await jobsRepo.saveJobProgress(db(), tenantId, job.id, dead!.claim!, { done: 40, total: 100, cursor: { line: 40 } })).toBe(true);
    // A fresh heartbeat: not taken over.
    const seen: JobRun[] = [];
    const kind: JobKindRunner = {
      kind: 'risk.score_all',
      async run(j) {
        seen.push(j);
        await j.checkpoint({ done: 100, cursor: { line: 100 } });
        return { done: 100, total: 100 };
      },
    };
    const b = runner({ kinds: [kind], name: 'processus-b', staleSeconds: 30 });
    expect(await b.runOnce()).toBe(false);
    expect((await api('medecin').post(RUN_URL)).statusCode).toBe(409);
    // Its heartbeat goes stale: the next runner resumes it.
    await sql`update job set heartbeat_at = now() - interval '5 minutes' where id = ${job.id}`.execute(db());
    expect(await b.runOnce()).toBe(true);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id: job.id, resumed: true, attempt: 2, cursor: { line: 40 }, tenantId });
    expect(seen[0].principal.userId).toBe(s.medecin.me.user.id);
    const end = await readJob(job.id);
    expect(end).toMatchObject({ state: 'termine', done: 100, attempts: 2 });
    // The dead process, were it to wake up, can no longer touch the job.
    expect(await jobsRepo.saveJobProgress(db(), tenantId, job.id, dead!.claim!, { done: 1 })).toBe(false);
    expect(await jobsRepo.finishJob(db(), tenantId, job.id, dead!.claim!, { state: 'en_echec', error: { code: 'X', message: 'x' } })).toBe(false);
    expect((await jobRow(job.id)).state).toBe('termine');
  });

  it('the real « Recalculer » left by a dead process is resumed and completes (its run replaced whole)', async () => {
    const job = await start();
    await jobsRepo.claimNextJob(db(), { kinds: ['risk.score_all'], staleSeconds: 60, claim: '00000000-0000-4000-8000-00000000beef', runner: 'processus-mort' });
    await sql`update job set heartbeat_at = now() - interval '5 minutes' where id = ${job.id}`.execute(db());
    const before = Date.now();
    expect(await runner().drain()).toBe(1);
    expect(await readJob(job.id)).toMatchObject({ state: 'termine', attempts: 2 });
    const run = await db().selectFrom('risk_score_run').select('computed_at').where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    expect(new Date(run.computed_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('a runner whose job was taken over stops at its next report and its result is ignored', async () => {
    const reports: string[] = [];
    let proceed!: () => void;
    const gate = new Promise<void>((r) => (proceed = r));
    let running!: () => void;
    const started = new Promise<void>((r) => (running = r));
    const slow: JobKindRunner = {
      kind: 'risk.score_all',
      async run(j) {
        running();
        await gate;
        try {
          await j.checkpoint({ done: 5 });
          reports.push('écrit');
        } catch (err) {
          reports.push((err as Error).name);
          throw err;
        }
        return { done: 99, summary: 'ne doit pas compter' };
      },
    };
    const job = await start();
    const a = runner({ kinds: [slow], name: 'processus-lent', heartbeatMs: 60_000 });
    const ranA = a.runOnce();
    await started;
    // Considered dead (stale heartbeat) and taken over by B, which finishes the job.
    await sql`update job set heartbeat_at = now() - interval '5 minutes' where id = ${job.id}`.execute(db());
    const quick: JobKindRunner = { kind: 'risk.score_all', run: async () => ({ done: 7, total: 7, summary: 'Repris par B.' }) };
    expect(await runner({ kinds: [quick], name: 'processus-b' }).runOnce()).toBe(true);
    proceed();
    await ranA;
    expect(reports).toEqual(['JobInterrupted']);
    expect(await jobRow(job.id)).toMatchObject({ state: 'termine', done: 7, summary: 'Repris par B.', attempts: 2 });
  });

  it('a server stopping gives its running job back « En attente » with its progress; the next start resumes it', async () => {
    const g = gatedKind({ done: 4, total: 10 });
    const kind: JobKindRunner = {
      kind: 'risk.score_all',
      async run(j) {
        const r = g.kind.run(j);
        await new Promise<void>((resolve, reject) => {
          j.signal.addEventListener('abort', () => reject(j.signal.reason));
          r.then(() => resolve(), reject);
        });
        return { done: 10, total: 10 };
      },
    };
    const job = await start();
    const a = runner({ kinds: [kind] });
    a.start();
    await g.running;
    await a.stop();
    expect(await jobRow(job.id)).toMatchObject({ state: 'en_attente', done: 4, total: 10, claim: null, attempts: 1 });
    expect((await api('medecin').post(RUN_URL)).statusCode).toBe(409);
    const seen: JobRun[] = [];
    const next = runner({ kinds: [{ kind: 'risk.score_all', run: async (j) => (seen.push(j), { done: 10, total: 10 }) }] });
    expect(await next.drain()).toBe(1);
    expect(seen[0]).toMatchObject({ resumed: true, attempt: 2, cursor: { next: 4 } });
    expect((await jobRow(job.id)).state).toBe('termine');
  });

  it('a job interrupted again and again ends « En échec » instead of being resumed forever', async () => {
    const job = await start();
    await sql`update job set state = 'en_cours', attempts = 5, claim = gen_random_uuid(), heartbeat_at = now() - interval '1 hour' where id = ${job.id}`.execute(db());
    const ran: string[] = [];
    expect(await runner({ kinds: [{ kind: 'risk.score_all', run: async () => (ran.push('x'), {}) }] }).runOnce()).toBe(true);
    expect(ran).toEqual([]);
    const end = await readJob(job.id);
    expect(end).toMatchObject({ state: 'en_echec', stateLabel: 'En échec', error: { code: 'REPRISES_EPUISEES', message: expect.stringMatching(/interrompu 5 fois sans aboutir/) } });
  });
});

describe('a failing job', () => {
  it('a refusal of the kind ends it « En échec » with its code and French message; reading it is a 200, never a 500', async () => {
    const g = gatedKind({ fail: new MaintienError('invalid', 'FICHIER_INVALIDE', "Ce fichier n'est pas un flux d'arrêts de travail : colonne « nir » absente.") });
    const job = await start();
    const r = runner({ kinds: [g.kind] });
    const ran = r.runOnce();
    await g.running;
    g.release();
    expect(await ran).toBe(true);
    const end = await readJob(job.id);
    expect(end).toMatchObject({ state: 'en_echec', error: { code: 'FICHIER_INVALIDE', message: expect.stringMatching(/n'est pas un flux/) }, summary: null });
    expect(end.finishedAt).not.toBeNull();
    // The guard is free again.
    expect((await start()).state).toBe('en_attente');
  });

  it('an unexpected error ends it with ERREUR_INTERNE in French, its detail kept out of the answer and out of the log', async () => {
    const logged: unknown[] = [];
    const kind: JobKindRunner = {
      kind: 'risk.score_all',
      run: async () => {
        throw new TypeError('NIR 1 84 12 75 123 456 78 introuvable');
      },
    };
    const job = await start();
    expect(await runner({ kinds: [kind], log: (m, f) => logged.push({ m, f }) }).runOnce()).toBe(true);
    const end = await readJob(job.id);
    expect(end).toMatchObject({ state: 'en_echec', error: { code: 'ERREUR_INTERNE', message: expect.stringMatching(/erreur inattendue/) } });
    expect(JSON.stringify(end)).not.toContain('NIR');
    expect(logged).toEqual([{ m: 'traitement en échec', f: expect.objectContaining({ jobId: job.id, err: { type: 'TypeError', code: null } }) }]);
    expect(JSON.stringify(logged)).not.toContain('NIR');
  });
});

describe('who sees which kind', () => {
  it('roles without the kind’s capability get 403 on the list, a job and the start; the health professionals 200', async () => {
    const job = await start();
    for (const who of ['social', 'admin', 'assistant', 'employeur']) {
      for (const res of [await api(who).get('/api/v1/jobs?kind=risk.score_all'), await api(who).get(`/api/v1/jobs/${job.id}`), await api(who).post(RUN_URL)]) {
        expect(res.statusCode, `${who} ${res.body}`).toBe(403);
        expect(res.json().error.code).toBe('ACCES_REFUSE');
      }
    }
    // Without a kind, the list shows only the kinds the role sees: the flux imports (issue 14) for
    // the cell and the administrator, never « Recalculer »; nothing at all for an employer.
    for (const who of ['social', 'admin', 'assistant']) {
      const res = await api(who).get('/api/v1/jobs');
      expect(res.statusCode, `${who} ${res.body}`).toBe(200);
      expect(res.json().items.map((j: { kind: string }) => j.kind)).not.toContain('risk.score_all');
    }
    expect((await api('employeur').get('/api/v1/jobs')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${job.id}` })).statusCode).toBe(401);
    expect((await readJob(job.id, 'infirmier')).id).toBe(job.id);
  });

  it('bad input: 400 with a stable code, an unknown job 404 TRAITEMENT_INTROUVABLE — never a 500', async () => {
    for (const url of ['/api/v1/jobs/pas-un-uuid', '/api/v1/jobs?kind=inconnu', '/api/v1/jobs?state=fini', '/api/v1/jobs?limit=0', '/api/v1/jobs?limit=1000']) {
      const res = await api('medecin').get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code, url).toMatch(/^[A-Z_]+$/);
    }
    const res = await api('medecin').get('/api/v1/jobs/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'TRAITEMENT_INTROUVABLE', message: expect.stringMatching(/n'existe pas/) });
  });
});

describe('progress through the API', () => {
  it('while it runs: done of total, counts, state « En cours », no rate before a second of measure', async () => {
    const g = gatedKind({ done: 250, total: 1000 });
    const job = await start();
    const ran = runner({ kinds: [g.kind] }).runOnce();
    await g.running;
    const now = await readJob(job.id);
    expect(now).toMatchObject({ state: 'en_cours', stateLabel: 'En cours', done: 250, total: 1000, counts: [{ key: 'level0', label: 'Niveau 0', value: 250 }], attempts: 1 });
    // Two seconds of measure (moved back in the row rather than waited for): a rate and a time left.
    await sql`update job set attempt_started_at = progress_at - interval '2 seconds' where id = ${job.id}`.execute(db());
    expect(await readJob(job.id)).toMatchObject({ ratePerSecond: 125, secondsLeft: 6 });
    const listed = (await api('medecin').get('/api/v1/jobs?state=en_cours')).json().items;
    expect(listed.map((j: { id: string }) => j.id)).toEqual([job.id]);
    g.release();
    await ran;
    expect(await readJob(job.id)).toMatchObject({ state: 'termine', ratePerSecond: null, secondsLeft: null });
  });

  it('report() writes in the background and is read by the API', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const kind: JobKindRunner = {
      kind: 'risk.score_all',
      async run(j) {
        j.report({ done: 12, total: 30 });
        await gate;
        return { done: 30, total: 30 };
      },
    };
    const job = await start();
    const ran = runner({ kinds: [kind] }).runOnce();
    const seen = await until(() => readJob(job.id), (j) => j.done === 12);
    expect(seen).toMatchObject({ state: 'en_cours', total: 30 });
    release();
    await ran;
  });
});

describe('the command line, under the same guard', () => {
  it('runJobHere runs the job in its own process; refused with CALCUL_EN_COURS while another process holds it', async () => {
    const org = await db().selectFrom('organisation').select('id').where('tenant_id', '=', tenantId).where('kind', '=', 'spsti').executeTakeFirstOrThrow();
    const operator = systemPrincipal(tenantId, org.id);
    const done = await runJobHere(t.database, operator, 'risk.score_all');
    expect(done).toMatchObject({ state: 'termine', startedBy: 'Système (ligne de commande)', attempts: 1 });
    expect(done.summary).toMatch(/salariés évalués/);

    const g = gatedKind();
    await start();
    const ran = runner({ kinds: [g.kind] }).runOnce();
    await g.running;
    await expect(runJobHere(t.database, operator, 'risk.score_all')).rejects.toMatchObject({ code: 'CALCUL_EN_COURS', kind: 'conflict' });
    g.release();
    await ran;
  });
});
