/**
 * The flux import as a job of kind `flux.import` (issue 14 items 3 and 6, docs/flux-operations.md):
 * uploaded from « Imports du flux » (202, then progress and the report through /api/v1/jobs), or
 * by a machine client (the report by default, 202 on request); a file that is not a flux, too large
 * or already importing is refused before any job exists; the job resumed after an interruption from
 * the batch's own resume point ends in the state of one clean run; the command line's way (run here)
 * under the same guard; the stored upload removed when the job ends.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testLine, toCsv, toJsonl, type TestLine } from '../../src/domain/intake/flux-test-lines';
import { fluxCliPrincipal } from '../../src/services/intake/flux-ingester';
import { fluxParams, scanFluxFile } from '../../src/services/intake/flux-batch-job';
import { runFluxImportHere } from '../../src/services/intake/flux-batch-run';
import { JobRunner } from '../../src/services/jobs/job-runner';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

const uploads = mkdtempSync(join(tmpdir(), 'maintien-flux-job-'));
process.env.MAINTIEN_UPLOAD_DIR = uploads;

let t: TestApp;
const s: Record<string, Session> = {};
let fluxToken = '';
let tenantId = '';
let orgId = '';
const runners: JobRunner[] = [];

beforeAll(async () => {
  t = await startTestApp();
  for (const who of ['admin', 'assistant', 'social', 'employeur', 'medecin']) s[who] = await login(t.app, demoEmail(who));
  fluxToken = (await as(t.app, s.admin).post('/api/v1/api-tokens', { name: 'Flux CPAM', scopes: ['flux'] })).json().token;
  const org = await t.database.db.selectFrom('organisation').innerJoin('tenant', 'tenant.id', 'organisation.tenant_id').select(['organisation.id', 'organisation.tenant_id']).where('tenant.slug', '=', 'demo').where('organisation.kind', '=', 'spsti').executeTakeFirstOrThrow();
  tenantId = org.tenant_id;
  orgId = org.id;
  await memberCompany(t);
}, 120_000);
afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop();
  delete process.env.MAINTIEN_FLUX_MAX_BYTES;
  delete process.env.MAINTIEN_FLUX_CHUNK;
});
afterAll(async () => {
  await t?.close();
  rmSync(uploads, { recursive: true, force: true });
  delete process.env.MAINTIEN_UPLOAD_DIR;
});

/** Where the service's scope is defined by member companies, the test lines' employer is one. */
async function memberCompany(app: TestApp) {
  const hasMember = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns where table_name = 'company' and column_name = 'member'`.execute(app.database.db);
  if (hasMember.rows[0].n === 0) return;
  const siret = testLine(1).siret_employeur!;
  const tenant = await app.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow();
  await sql`insert into company (tenant_id, siret, siren, name, member) values (${tenant.id}, ${siret}, ${siret.slice(0, 9)}, 'Entreprise des tests', true)
    on conflict (tenant_id, siret) do nothing`.execute(app.database.db);
}

const runner = () => {
  const r = new JobRunner(t.database, { heartbeatMs: 50 });
  runners.push(r);
  return r;
};

type Headers = Record<string, string>;
const post = (url: string, body: string | Buffer, o: { who?: string; token?: string; type?: string; headers?: Headers } = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': o.type ?? 'text/csv',
      ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      ...(o.who ? { cookie: s[o.who].cookie, 'x-csrf-token': s[o.who].csrf } : {}),
      ...o.headers,
    },
    payload: body,
  });
const uploadAs = (who: string, body: string | Buffer, query = '?fileName=cpam-593.csv&fileDate=2026-02-01', type?: string) => post(`/api/v1/flux/imports${query}`, body, { who, type });
const readJob = async (id: string, who = 'admin') => (await as(t.app, s[who]).get(`/api/v1/jobs/${id}`)).json();
const jobCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from job where kind = 'flux.import'`.execute(t.database.db)).rows[0].n);
const batchCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from import_batch`.execute(t.database.db)).rows[0].n);
/** Files waiting in the upload directory (one directory per service). */
const uploadsLeft = () => readdirSync(uploads, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length;

/** A flux of `n` persons: initials, prolongations, bad lines, duplicates. */
function file(base: number, n: number): TestLine[] {
  const lines: TestLine[] = [];
  for (let p = base; p < base + n; p++) {
    lines.push(testLine(p));
    if (p % 3 === 0) lines.push(testLine(p, { id_message: `P-${p}`, type_message: 'prolongation', date_fin_prevue: '2026-04-15' }));
    if (p % 7 === 0) lines.push(testLine(p, { id_message: `C-${p}`, consentement: 'non' }));
    if (p % 11 === 0) lines.push(testLine(p));
  }
  return lines;
}

const accounted = (b: { lines: number; accepted: number; duplicates: number; rejected: number; quarantined: number; out_of_scope?: number }) =>
  b.accepted + b.duplicates + b.rejected + b.quarantined + Number(b.out_of_scope ?? 0);

describe('upload from « Imports du flux »', () => {
  it('answers 202 with the job, which a runner runs: progress, then the report; the batch is linked; the upload is removed', async () => {
    const csv = toCsv(file(200_000, 60));
    const res = await uploadAs('admin', csv);
    expect(res.statusCode, res.body).toBe(202);
    const job = res.json();
    expect(job).toMatchObject({ kind: 'flux.import', kindLabel: 'Import du flux « arrêts de travail »', state: 'en_attente', unit: 'lignes', done: 0, startedBy: expect.any(String) });
    expect(res.headers.location).toBe(`/api/v1/jobs/${job.id}`);
    expect(uploadsLeft()).toBe(1);
    const row = await t.database.db.selectFrom('job').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    // The params name the file, never its content.
    expect(Object.keys(row.params as object).sort()).toEqual(['bytes', 'estimatedLines', 'fileDate', 'fileName', 'format', 'path', 'reportLimit', 'sha256', 'stored']);
    expect(JSON.stringify(row.params)).not.toContain('MSG-');

    expect(await runner().drain()).toBe(1);
    const done = await readJob(job.id);
    const dataLines = csv.trim().split('\n').length - 1;
    expect(done).toMatchObject({ state: 'termine', done: dataLines, total: dataLines, error: null });
    expect(done.counts.map((c: { key: string }) => c.key)).toEqual(expect.arrayContaining(['accepted', 'duplicates', 'rejected', 'quarantined']));
    expect(done.counts.find((c: { key: string }) => c.key === 'rejected')).toMatchObject({ label: 'Rejetées' });
    expect(done.summary).toMatch(/^\d[\d\s  ]* lignes importées : /);
    const report = done.result;
    expect(report).toMatchObject({ lines: dataLines, fileName: 'cpam-593.csv', resumed: false, truncated: false });
    expect(report.rejections[0]).toMatchObject({ code: 'CONSENTEMENT_ABSENT', messageId: expect.stringMatching(/^C-/) });
    const batch = await t.database.db.selectFrom('import_batch').selectAll().where('id', '=', report.batchId).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ status: 'termine', file_name: 'cpam-593.csv', lines: dataLines, file_date: '2026-02-01' });
    expect(accounted(batch)).toBe(batch.lines);
    expect(batch.actor_user_id).toBe(s.admin.me.user.id);
    expect(batch.actor_token_id).toBeNull();
    // Linked both ways: the job names its batch (report and resume point).
    const ended = await t.database.db.selectFrom('job').select(['cursor']).where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(ended.cursor).toEqual({ batchId: report.batchId, line: dataLines });
    expect(uploadsLeft()).toBe(0);
    // The audit: the start of the job and the import.
    const actions = await t.database.db.selectFrom('audit_event').select('action').where('subject_id', 'in', [job.id, report.batchId]).execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['flux.ingest', 'job.start']);
  });

  it('refuses a file that is not a flux before any job exists, with a French message; nothing is kept', async () => {
    const jobs = await jobCount();
    const batches = await batchCount();
    const notFlux = await uploadAs('admin', 'nom;prenom\nDupont;Jean\n');
    expect(notFlux.statusCode).toBe(400);
    expect(notFlux.json().error).toMatchObject({ code: 'COLONNES_MANQUANTES', message: expect.stringContaining('nir') });
    const notJson = await uploadAs('admin', 'ceci n’est pas du JSON\n', '?fileName=a.jsonl', 'application/x-ndjson');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error).toMatchObject({ code: 'FLUX_NON_RECONNU', message: expect.stringContaining("n'est pas un flux") });
    const latin1 = Buffer.concat([Buffer.from(toCsv([testLine(1)]).split('\n')[0] + '\n'), Buffer.from('CPAM-593;X;LEF\xC8VRE\n', 'latin1')]);
    const notUtf8 = await uploadAs('admin', latin1);
    expect(notUtf8.statusCode).toBe(400);
    expect(notUtf8.json().error.code).toBe('ENCODAGE_INVALIDE');
    const pdf = await uploadAs('admin', Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n', 'latin1'));
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.message).toMatch(/[éèà]/);
    const wrongType = await post('/api/v1/flux/imports', '{}', { who: 'admin', type: 'application/json' });
    expect([400, 415]).toContain(wrongType.statusCode);
    expect(await jobCount()).toBe(jobs);
    expect(await batchCount()).toBe(batches);
    expect(uploadsLeft()).toBe(0);
  });

  it('refuses a file over MAINTIEN_FLUX_MAX_BYTES with 413, before any job', async () => {
    const jobs = await jobCount();
    process.env.MAINTIEN_FLUX_MAX_BYTES = '2000';
    const big = toCsv(file(210_000, 40));
    expect(big.length).toBeGreaterThan(2000);
    const res = await uploadAs('admin', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'FICHIER_TROP_VOLUMINEUX', message: expect.stringContaining('taille maximale') });
    const token = await post('/api/v1/flux/arrets', big, { token: fluxToken });
    expect(token.statusCode).toBe(413);
    expect(await jobCount()).toBe(jobs);
    expect(uploadsLeft()).toBe(0);
    // Under the limit: accepted.
    process.env.MAINTIEN_FLUX_MAX_BYTES = String(big.length);
    const ok = await uploadAs('admin', big);
    expect(ok.statusCode, ok.body).toBe(202);
    await runner().drain();
    expect((await readJob(ok.json().id)).state).toBe('termine');
  });

  it('409 for a second upload of the file already importing, and for another file while one imports', async () => {
    const csv = toCsv(file(220_000, 20));
    const first = await uploadAs('admin', csv);
    expect(first.statusCode).toBe(202);
    const again = await uploadAs('social', csv);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'IMPORT_DEJA_EN_COURS', message: expect.stringContaining("déjà en cours d'import") });
    const byToken = await post('/api/v1/flux/arrets?wait=false', csv, { token: fluxToken });
    expect(byToken.statusCode).toBe(409);
    expect(byToken.json().error.code).toBe('IMPORT_DEJA_EN_COURS');
    const other = await uploadAs('admin', toCsv(file(221_000, 5)));
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({ code: 'IMPORT_FLUX_EN_COURS', message: expect.stringContaining('un seul à la fois') });
    // Waiting for the report, a machine client is refused the same way (no job is taken from the queue).
    const sync = await post('/api/v1/flux/arrets', toCsv(file(222_000, 5)), { token: fluxToken });
    expect(sync.statusCode).toBe(409);
    expect(sync.json().error.code).toBe('IMPORT_FLUX_EN_COURS');
    expect(uploadsLeft()).toBe(1);
    await runner().drain();
    expect((await readJob(first.json().id)).state).toBe('termine');
    expect(uploadsLeft()).toBe(0);
  });

  it('who may upload and see: the admin and the deciding cell staff start it; the assistant sees it; an employer neither', async () => {
    const csv = toCsv(file(230_000, 3));
    const assistant = await uploadAs('assistant', csv);
    expect(assistant.statusCode).toBe(403);
    expect(assistant.json().error).toMatchObject({ code: 'ACCES_REFUSE', message: expect.stringContaining('flux') });
    expect((await uploadAs('employeur', csv)).statusCode).toBe(403);
    const social = await uploadAs('social', csv);
    expect(social.statusCode, social.body).toBe(202);
    await runner().drain();
    const list = await as(t.app, s.assistant).get('/api/v1/jobs?kind=flux.import');
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({ id: social.json().id, state: 'termine' });
    expect((await as(t.app, s.assistant).get('/api/v1/jobs?kind=risk.score_all')).statusCode).toBe(403);
    expect((await as(t.app, s.employeur).get(`/api/v1/jobs/${social.json().id}`)).statusCode).toBe(403);
    // The machine client reads the job it started.
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/jobs/${social.json().id}`, headers: { authorization: `Bearer ${fluxToken}` } });
    expect(read.statusCode).toBe(200);
  });
});

describe('left-over uploads', () => {
  it('a new upload removes the service’s files no job reads that are over a day old, and keeps the others', async () => {
    const dir = join(uploads, tenantId);
    mkdirSync(dir, { recursive: true });
    const old = join(dir, 'abandonne.csv');
    const recent = join(dir, 'en-reception.csv');
    writeFileSync(old, 'x');
    writeFileSync(recent, 'x');
    const twoDaysAgo = new Date(Date.now() - 48 * 3600 * 1000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    const res = await uploadAs('admin', toCsv(file(235_000, 2)));
    expect(res.statusCode).toBe(202);
    const names = readdirSync(dir);
    expect(names).not.toContain('abandonne.csv');
    expect(names).toContain('en-reception.csv');
    rmSync(recent);
    await runner().drain();
    expect(uploadsLeft()).toBe(0);
  });
});

describe('the token upload', () => {
  it('waits for the report by default (200, as before); answers 202 with the job on wait=false or Prefer: respond-async', async () => {
    const sync = await post('/api/v1/flux/arrets?fileDate=2026-02-01', toCsv(file(240_000, 4)), { token: fluxToken });
    expect(sync.statusCode, sync.body).toBe(200);
    expect(sync.json()).toMatchObject({ lines: expect.any(Number), batchId: expect.any(String), resumed: false });
    expect(sync.headers.location).toBe(`/api/v1/flux/batches/${sync.json().batchId}`);
    const jobUrl = String(sync.headers['content-location']);
    expect(jobUrl).toMatch(/^\/api\/v1\/jobs\//);
    expect((await readJob(jobUrl.split('/').pop()!)).state).toBe('termine');

    const async1 = await post('/api/v1/flux/arrets?wait=false', toCsv(file(241_000, 4)), { token: fluxToken });
    expect(async1.statusCode, async1.body).toBe(202);
    expect(async1.json()).toMatchObject({ kind: 'flux.import', state: 'en_attente' });
    await runner().drain();
    const async2 = await post('/api/v1/flux/arrets', toCsv(file(242_000, 4)), { token: fluxToken, headers: { prefer: 'respond-async' } });
    expect(async2.statusCode).toBe(202);
    await runner().drain();
    expect((await readJob(async2.json().id)).state).toBe('termine');
    expect(uploadsLeft()).toBe(0);
  });
});

describe('resumed after an interruption', () => {
  it('continues from the batch’s own resume point and ends in the state of one clean run', { timeout: 300_000 }, async () => {
    process.env.MAINTIEN_FLUX_CHUNK = '50';
    const lines = file(300_000, 150);
    const csv = toCsv(lines);
    const res = await uploadAs('admin', csv);
    expect(res.statusCode).toBe(202);
    const id = res.json().id;
    // The server stops after the first chunk has committed: the job goes back « En attente ».
    let stopping: Promise<void> | null = null;
    const first: JobRunner = new JobRunner(t.database, {
      heartbeatMs: 50,
      onProgress: (p) => {
        if (p.done > 0 && !stopping) stopping = first.stop();
      },
    });
    runners.push(first);
    await first.runOnce();
    await stopping;
    const waiting = await t.database.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(waiting.state).toBe('en_attente');
    const cursor = waiting.cursor as { batchId: string; line: number };
    const batch = await t.database.db.selectFrom('import_batch').selectAll().where('id', '=', cursor.batchId).executeTakeFirstOrThrow();
    expect(batch.status).toBe('en_cours');
    expect(batch.lines_done).toBe(cursor.line);
    expect(cursor.line).toBe(50);
    expect(uploadsLeft()).toBe(1); // kept for the resume

    // Resumed by another runner (a restarted server).
    await runner().drain();
    const done = await readJob(id);
    expect(done).toMatchObject({ state: 'termine', attempts: 2 });
    expect(done.result).toMatchObject({ batchId: cursor.batchId, resumed: true });
    const resumed = await t.database.db.selectFrom('import_batch').selectAll().where('id', '=', cursor.batchId).executeTakeFirstOrThrow();
    expect(await t.database.db.selectFrom('import_batch').select('id').where('file_sha256', '=', resumed.file_sha256).execute()).toHaveLength(1);
    expect(accounted(resumed)).toBe(resumed.lines);
    expect(resumed.lines).toBe(lines.length);
    expect(uploadsLeft()).toBe(0);

    // One clean run of the same file, in a database of its own: the same counts.
    const clean = await startTestApp();
    try {
      await memberCompany(clean);
      const org = await clean.database.db.selectFrom('organisation').innerJoin('tenant', 'tenant.id', 'organisation.tenant_id').select(['organisation.id', 'organisation.tenant_id']).where('tenant.slug', '=', 'demo').where('organisation.kind', '=', 'spsti').executeTakeFirstOrThrow();
      const path = join(uploads, 'clean.csv');
      writeFileSync(path, csv);
      const params = fluxParams(await scanFluxFile(path), { stored: true, fileName: 'cpam-593.csv', format: 'csv', fileDate: '2026-02-01' });
      const cleanJob = await runFluxImportHere(clean.database, fluxCliPrincipal(org.tenant_id, org.id), params);
      expect(cleanJob.state).toBe('termine');
      const b = await clean.database.db.selectFrom('import_batch').selectAll().where('id', '=', (cleanJob.result as { batchId: string }).batchId).executeTakeFirstOrThrow();
      const counts = (x: typeof b) => ({ lines: x.lines, lines_done: x.lines_done, accepted: x.accepted, duplicates: x.duplicates, rejected: x.rejected, quarantined: x.quarantined, sha: x.file_sha256 });
      expect(counts(resumed)).toEqual(counts(b));
      const messages = async (db: TestApp['database'], batchId: string) =>
        Number((await sql<{ n: number }>`select count(*)::int as n from flux_message m join import_batch b on b.tenant_id = m.tenant_id where b.id = ${batchId} and m.id_message like 'MSG-3%'`.execute(db.db)).rows[0].n);
      expect(await messages(t.database, cursor.batchId)).toBe(await messages(clean.database, b.id));
    } finally {
      await clean.close();
    }
  });
});

describe('the command line’s way: run in its own process under the same guard', () => {
  it('takes over the waiting import of the same file; refuses while another file’s import waits', async () => {
    const path = join(uploads, 'cli.csv');
    writeFileSync(path, toCsv(file(400_000, 10)));
    const params = fluxParams(await scanFluxFile(path), { stored: false, fileName: 'cli.csv', format: 'csv' });
    const principal = fluxCliPrincipal(tenantId, orgId);
    // Another file waits (started from the UI, no runner yet): 409.
    const waiting = await uploadAs('admin', toCsv(file(401_000, 3)));
    expect(waiting.statusCode).toBe(202);
    await expect(runFluxImportHere(t.database, principal, params)).rejects.toMatchObject({ code: 'IMPORT_FLUX_EN_COURS' });
    await runner().drain();
    // The same file waiting (e.g. given back by a server that stopped): taken over and run here.
    const queued = await post('/api/v1/flux/arrets?wait=false&fileName=cli.csv', toCsv(file(400_000, 10)), { token: fluxToken });
    expect(queued.statusCode).toBe(202);
    const job = await runFluxImportHere(t.database, principal, params);
    expect(job).toMatchObject({ id: queued.json().id, state: 'termine' });
    // The command line's own file is the operator's: it stays.
    expect(readdirSync(uploads)).toContain('cli.csv');
    rmSync(path);
  });
});
