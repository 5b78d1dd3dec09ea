/**
 * `maintien risk model show|install|reset`, run as a user would (a child process on an embedded
 * database in a temporary directory, one service with only its SPSTI organisation). Skipped
 * against a server: the commands are the same there.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection';
import { migrate } from '../../src/db/migrate';
import { serverUrl } from '../support/database';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'maintien-risk-model-cli-'));
const env = { ...process.env, MAINTIEN_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
const maintien = (...args: string[]) => run(process.execPath, ['bin/maintien.mjs', ...args], { env, cwd: process.cwd() });

const MODEL = {
  id: 'mon-service',
  version: '2026.1',
  label: 'Modèle du service',
  validated: false,
  source: 'Calibré sur la cohorte du service.',
  intercept: -2.5,
  coefficients: { cim_m: 0.7, arret_180j_plus: 1.0 },
  thresholds: [0.1, 0.25, 0.5],
  calibratedOn: { cohort: 'cohorte-2025.csv', n: 5000, events: 700, at: '2026-01-15' },
};

beforeAll(async () => {
  if (serverUrl) return;
  // A service with only its SPSTI organisation: the commands need no more.
  const database = await openDatabase({ dataDir: env.MAINTIEN_DATA_DIR });
  try {
    await migrate(database);
    const tenant = await database.db.insertInto('tenant').values({ slug: 'essai', name: 'Service essai' }).returning('id').executeTakeFirstOrThrow();
    await database.db.insertInto('organisation').values({ tenant_id: tenant.id, kind: 'spsti', name: 'SPSTI essai' }).execute();
  } finally {
    await database.close();
  }
  writeFileSync(join(dir, 'modele.json'), JSON.stringify(MODEL));
  writeFileSync(join(dir, 'mauvais.json'), JSON.stringify({ ...MODEL, coefficients: { pointure: 1 } }));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(Boolean(serverUrl))('maintien risk model', () => {
  it('show, install (a bad file: exit code 2 and the code), reset', async () => {
    const first = await maintien('risk', 'model', 'show');
    expect(first.stdout).toContain('dossier-sante 1.0.0');
    expect(first.stdout).toContain('modèle non validé');
    expect(first.stdout).toContain('Odds ratios');

    await expect(maintien('risk', 'model', 'install', join(dir, 'mauvais.json'), '--tenant', 'essai')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/MODELE_SANTE_INVALIDE.*pointure/),
    });
    await expect(maintien('risk', 'model', 'install', join(dir, 'absent.json'))).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('FICHIER_ILLISIBLE') });

    const installed = await maintien('risk', 'model', 'install', join(dir, 'modele.json'), '--tenant', 'essai');
    expect(installed.stdout).toContain('Modèle installé : mon-service 2026.1');
    expect(installed.stdout).toContain('calibré sur cohorte-2025.csv');
    expect(installed.stdout).toContain('(fichier modele.json)');
    expect((await maintien('risk', 'model', 'show')).stdout).toContain('mon-service 2026.1');

    const reset = await maintien('risk', 'model', 'reset', '--tenant', 'essai');
    expect(reset.stdout).toContain('modèle par défaut');
    expect(reset.stdout).toContain('dossier-sante 1.0.0');
  }, 300_000);
});
