/**
 * « Installing for a real service » (README), run as a user would: a child process on a fresh
 * embedded database in a temporary directory, no demo data. `maintien service create`, then the
 * first administrator, who logs in through the HTTP API. Skipped against a server: the commands
 * are the same there.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/connection';
import { buildApp } from '../../src/http/app';
import { serverUrl } from '../support/database';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'maintien-cli-service-'));
const env = { ...process.env, MAINTIEN_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
const maintien = (...args: string[]) => run(process.execPath, ['bin/maintien.mjs', ...args], { env, cwd: process.cwd() });

const SIRET = '73282932000074'; // INSEE's example SIRET: Luhn-valid
const PASSWORD = 'un-mot-de-passe-solide';

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir: env.MAINTIEN_DATA_DIR });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

const counts = () =>
  withDb(async ({ db }) => {
    const n = async (table: 'tenant' | 'organisation' | 'app_user' | 'audit_event') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { tenant: await n('tenant'), organisation: await n('organisation'), app_user: await n('app_user'), audit_event: await n('audit_event') };
  });

describe.skipIf(Boolean(serverUrl))('maintien service create (installing for a real service)', () => {
  it('on a fresh base, user create for an unknown service says SERVICE_INTROUVABLE', async () => {
    await expect(
      maintien('user', 'create', '--tenant', 'acme', '--email', 'admin@acme.fr', '--name', 'Admin', '--role', 'admin', '--password', PASSWORD),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('SERVICE_INTROUVABLE') });
  });

  it('creates the service and its SPSTI organisation, audited, and prints the next step', async () => {
    const { stdout } = await maintien('service', 'create', '--slug', 'acme', '--name', 'Santé Travail Acme', '--siret', '732 829 320 00074');
    expect(stdout).toContain('Service créé : acme');
    expect(stdout).toContain('maintien user create --tenant acme --role admin');
    await withDb(async ({ db }) => {
      const tenant = await db.selectFrom('tenant').selectAll().where('slug', '=', 'acme').executeTakeFirstOrThrow();
      expect(tenant.name).toBe('Santé Travail Acme');
      const orgs = await db.selectFrom('organisation').select(['kind', 'name']).where('tenant_id', '=', tenant.id).execute();
      expect(orgs).toEqual([{ kind: 'spsti', name: 'Santé Travail Acme' }]);
      const events = await db.selectFrom('audit_event').select(['action', 'subject_type', 'subject_id', 'details', 'actor_label']).where('tenant_id', '=', tenant.id).execute();
      expect(events).toEqual([
        { action: 'service.create', subject_type: 'tenant', subject_id: tenant.id, details: { slug: 'acme', name: 'Santé Travail Acme', siret: SIRET }, actor_label: 'Système (ligne de commande)' },
      ]);
    });
  });

  it('refuses bad input with exit code 2, a stable code, and writes nothing', async () => {
    const before = await counts();
    const cases: [string[], string][] = [
      [['--slug', 'Acme!', '--name', 'X'], 'SLUG_INVALIDE'],
      [['--slug', '-acme', '--name', 'X'], 'SLUG_INVALIDE'],
      [['--slug', 'acme', '--name', 'Autre'], 'SERVICE_EXISTANT'],
      [['--slug', 'beta', '--name', 'Beta', '--siret', '73282932000075'], 'SIRET_CLE'],
      [['--slug', 'beta', '--name', 'Beta', '--siret', '1234'], 'SIRET_INVALIDE'],
      [['--slug', 'beta', '--name', '   '], 'CHAMP_MANQUANT'],
    ];
    for (const [args, code] of cases) {
      await expect(maintien('service', 'create', ...args), code).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining(`[${code}]`) });
    }
    expect(await counts()).toEqual(before);
  }, 240_000); // six child processes

  it('the first administrator is created and logs in through the API; service list counts the accounts', async () => {
    const created = await maintien('user', 'create', '--tenant', 'acme', '--email', 'admin@acme.fr', '--name', 'Alice Admin', '--role', 'admin', '--password', PASSWORD);
    expect(created.stdout).toContain('Compte créé : admin@acme.fr (admin)');

    const list = await maintien('service', 'list');
    expect(list.stdout).toMatch(/acme\s+Santé Travail Acme\s+1 compte/);

    await withDb(async (database) => {
      const app = await buildApp({ database, config: loadConfig({}), logger: false, serveWeb: false });
      try {
        const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'admin@acme.fr', password: PASSWORD } });
        expect(login.statusCode).toBe(200);
        expect(login.json().user.role).toBe('admin');
        const cookie = login.cookies.find((c) => c.name === 'maintien_session')!;
        const headers = { cookie: `maintien_session=${cookie.value}`, 'x-csrf-token': login.json().csrfToken };
        const verified = await app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers });
        expect(verified.statusCode).toBe(200);
        expect(verified.json()).toMatchObject({ ok: true, problems: [] });
        expect(verified.json().checked).toBeGreaterThanOrEqual(2); // service.create, user.create (and the login)
        const audit = await app.inject({ method: 'GET', url: '/api/v1/audit', headers });
        expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['service.create', 'user.create']));
      } finally {
        await app.close();
      }
    });
  });
});
