/**
 * The `maintien` command, run as a user would (a child process on an embedded database in a
 * temporary directory). Skipped against a server: the commands are the same there.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection';
import { serverUrl } from '../support/database';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'maintien-cli-'));
const env = { ...process.env, MAINTIEN_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
const maintien = (...args: string[]) => run(process.execPath, ['bin/maintien.mjs', ...args], { env, cwd: process.cwd() });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function count(table: 'tenant' | 'app_user' | 'worker') {
  const database = await openDatabase({ dataDir: env.MAINTIEN_DATA_DIR });
  try {
    const r = await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  } finally {
    await database.close();
  }
}

describe.skipIf(Boolean(serverUrl))('maintien CLI', () => {
  it('--help lists the commands, in French', async () => {
    const { stdout } = await maintien('--help');
    for (const c of ['serve', 'start', 'migrate', 'seed', 'audit', 'user', 'token', 'bench']) expect(stdout).toContain(c);
    expect(stdout).toContain('affiche');
  });

  it('migrate creates the schema and no data at all', async () => {
    await maintien('migrate');
    expect(await count('tenant')).toBe(0);
    expect(await count('app_user')).toBe(0);
  });

  it('seed demo creates the demo service once', async () => {
    const first = await maintien('seed', 'demo');
    expect(first.stdout).toContain('medecin@demo.maintien.test');
    const workers = await count('worker');
    expect(workers).toBeGreaterThanOrEqual(1000);
    const second = await maintien('seed', 'demo');
    expect(second.stdout).toContain('existe déjà');
    expect(await count('worker')).toBe(workers);
  });

  it('user create and token create work, and refuse bad input with a French message', async () => {
    const ok = await maintien('user', 'create', '--tenant', 'demo', '--email', 'nouveau@demo.maintien.test', '--name', 'Nouveau Médecin', '--role', 'medecin_travail', '--password', 'un-mot-de-passe-long');
    expect(ok.stdout).toContain('Compte créé');
    await expect(maintien('user', 'create', '--tenant', 'demo', '--email', 'x@y.fr', '--name', 'X', '--role', 'pirate', '--password', 'un-mot-de-passe-long')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('ROLE_INCONNU'),
    });
    const token = await maintien('token', 'create', '--tenant', 'demo', '--name', 'Flux CPAM', '--scope', 'flux');
    expect(token.stdout.trim()).toMatch(/^mtn_[\w-]{40,}$/);
  });

  it('audit verify reports an intact chain (exit 0)', async () => {
    const { stdout } = await maintien('audit', 'verify');
    expect(stdout).toMatch(/✔ demo : \d+ événement\(s\), chaîne intègre/);
  });

  it('audit verify detects tampering (exit 1)', async () => {
    const database = await openDatabase({ dataDir: env.MAINTIEN_DATA_DIR });
    try {
      const { sql } = await import('kysely');
      await sql`alter table audit_event disable trigger audit_event_no_update`.execute(database.db);
      await sql`update audit_event set action = 'falsifié' where seq = 2`.execute(database.db);
    } finally {
      await database.close();
    }
    await expect(maintien('audit', 'verify')).rejects.toMatchObject({ code: 1, stdout: expect.stringContaining('HASH_ALTERE') });
  });
});
