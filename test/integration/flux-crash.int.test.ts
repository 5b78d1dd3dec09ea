/**
 * Crash safety of `maintien ingest arrets`: the command is killed (SIGKILL) after its first
 * checkpoint, run again, and must end in exactly the state of one clean run made in another
 * database — same batch counts, same business content.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/connection';
import { testLine, testSiret, toCsv, type TestLine } from '../../src/domain/intake/flux-test-lines';
import { serverUrl } from '../support/database';
import { businessDigest, ensureTestCompany } from './flux-helpers';

const dir = mkdtempSync(join(tmpdir(), 'maintien-flux-crash-'));
const created: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
});

/** Environment of a child process working on its own database (embedded or on the server). */
interface Target {
  env: NodeJS.ProcessEnv;
  open: () => Promise<Database>;
  /** PGlite directory or server database name. */
  where: string;
}

/**
 * A new database, empty or a copy of `from` (taken while nothing uses it): both runs then start
 * from the very same demo service, whose content need not be the same from one seed to another.
 */
async function newTarget(name: string, from?: Target): Promise<Target> {
  if (!serverUrl) {
    const dataDir = join(dir, name);
    if (from) cpSync(from.where, dataDir, { recursive: true });
    return { env: { ...process.env, MAINTIEN_DATA_DIR: dataDir, DATABASE_URL: '' }, open: () => openDatabase({ dataDir }), where: dataDir };
  }
  const db = `maintien_crash_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(from ? `create database ${db} template ${from.where}` : `create database ${db}`);
  await admin.end();
  created.push(db);
  const url = new URL(serverUrl);
  url.pathname = `/${db}`;
  return { env: { ...process.env, DATABASE_URL: url.toString() }, open: () => openDatabase({ databaseUrl: url.toString(), poolSize: 2 }), where: db };
}

function maintien(env: NodeJS.ProcessEnv, args: string[], onStdout?: (text: string, kill: () => void) => void) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['bin/maintien.mjs', ...args], { env, cwd: process.cwd() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      onStdout?.(stdout, () => child.kill('SIGKILL'));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A flux of about 26,000 lines: initials, prolongations, ends, duplicates, bad lines, identity divergences. */
function crashFile(): string {
  const lines: TestLine[] = [];
  for (let p = 0; p < 15_000; p++) {
    lines.push(testLine(p, { ald: p % 5 === 0 ? '1' : '0' }));
    if (p % 3 === 0) lines.push(testLine(p, { id_message: `P-${p}`, type_message: 'prolongation', date_fin_prevue: '2026-04-15' }));
    if (p % 7 === 0) lines.push(testLine(p, { id_message: `F-${p}`, type_message: 'fin', date_fin_prevue: '', date_fin_effective: '2026-03-01' }));
    if (p % 11 === 0) lines.push(testLine(p, { id_message: `C-${p}`, consentement: 'non' }));
    if (p % 13 === 0) lines.push(testLine(p, { id_message: `N-${p}`, nir: '1' }));
    if (p % 17 === 0) lines.push(testLine(p, { id_message: `Q-${p}`, id_arret: `Q-${p}`, date_naissance: '1980-05-13' }));
    if (p % 19 === 0) lines.push(testLine(p));
    // Issue 14: lines out of the service's scope (no employer, a company that is not a member).
    if (p % 23 === 0) lines.push(testLine(p + 100_000, { id_message: `H-${p}`, id_arret: `H-${p}`, siret_employeur: p % 2 === 0 ? '' : testSiret('11122233') }));
  }
  return toCsv(lines);
}

/** The file of this test (the demo service may hold batches of its own: the demo flux). */
const FILE_NAME = 'flux-arrets.csv';

describe('maintien ingest arrets: killed and run again', () => {
  it('ends in exactly the state of one clean run', { timeout: 900_000 }, async () => {
    const file = join(dir, FILE_NAME);
    writeFileSync(file, crashFile());
    const crashed = await newTarget('crashed');
    const seeded = await maintien(crashed.env, ['seed', 'demo']);
    expect(seeded.code, seeded.stderr).toBe(0);
    {
      // The test lines' employer is a member company of the service (issue 14: scope).
      const d = await crashed.open();
      const tenant = await d.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow();
      await ensureTestCompany(d, tenant.id);
      await d.close();
    }
    const clean = await newTarget('clean', crashed);
    // Small chunks: the kill must land while many chunks remain, even when the test process
    // reacts late to the first progress line (a loaded machine) and the pipeline is fast.
    const chunk = { MAINTIEN_FLUX_CHUNK: '1000' };

    // 1. Killed (SIGKILL) as soon as its first checkpoint is reported.
    const killed = await maintien({ ...crashed.env, ...chunk }, ['ingest', 'arrets', file], (out, kill) => {
      if (/lignes traitées/.test(out)) kill();
    });
    expect(killed.signal).toBe('SIGKILL');
    let db = await crashed.open();
    const interrupted = await db.db.selectFrom('import_batch').selectAll().where('file_name', '=', FILE_NAME).executeTakeFirstOrThrow();
    await db.close();
    expect(interrupted.status).toBe('en_cours');
    expect(interrupted.lines_done % 1000).toBe(0);
    expect(interrupted.lines_done).toBeGreaterThanOrEqual(1000);

    // 2. Run again: resumes the same batch. 3. A clean run elsewhere.
    const [resumed, reference] = await Promise.all([
      maintien({ ...crashed.env, ...chunk }, ['ingest', 'arrets', file, '--report', join(dir, 'report.json')]),
      maintien({ ...clean.env, ...chunk }, ['ingest', 'arrets', file]),
    ]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(reference.code, reference.stderr).toBe(0);
    expect(resumed.stdout).toContain('reprise');
    expect(resumed.stdout).toContain('Acceptées');

    db = await crashed.open();
    const batchesA = await db.db.selectFrom('import_batch').selectAll().where('file_name', '=', FILE_NAME).execute();
    const digestA = await businessDigest(db);
    await db.close();
    db = await clean.open();
    const batchesB = await db.db.selectFrom('import_batch').selectAll().where('file_name', '=', FILE_NAME).execute();
    const digestB = await businessDigest(db);
    await db.close();

    expect(batchesA).toHaveLength(1);
    expect(batchesA[0].id).toBe(interrupted.id);
    const counts = (b: (typeof batchesA)[number]) => ({ status: b.status, lines: b.lines, lines_done: b.lines_done, accepted: b.accepted, duplicates: b.duplicates, rejected: b.rejected, quarantined: b.quarantined, out_of_scope: b.out_of_scope, sha: b.file_sha256 });
    expect(counts(batchesA[0])).toEqual(counts(batchesB[0]));
    expect(batchesA[0].lines).toBe(batchesA[0].accepted + batchesA[0].duplicates + batchesA[0].rejected + batchesA[0].quarantined + batchesA[0].out_of_scope);
    expect(batchesA[0].out_of_scope).toBeGreaterThan(0);
    expect(Number(digestA.triage_item.split(':')[0])).toBeGreaterThan(0);
    expect(digestA).toEqual(digestB);
  });
});
