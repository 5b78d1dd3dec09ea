/**
 * Evaluation of the index (IGAS recommendation 17): the three commands end to end as a user runs
 * them (gen-cohort → calibrate → evaluate, child processes), then the « Évaluation de l'indice »
 * endpoints with their permission checks and French refusals.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main';
import { cohortCsv } from '../../src/domain/risk/evaluation/cohort';
import { parseHealthModel } from '../../src/domain/risk/health-model';
import { generateCohort } from '../../src/services/risk/evaluation/cohort-generator';
import { as, login, startTestApp, type TestApp } from '../support/app';

const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'maintien-risk-eval-'));
const file = (name: string) => join(dir, name);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/**
 * `maintien risk …` run in this process through the real command parser (main()): each child
 * process costs seconds of TypeScript loading, so only one run below goes through a real process.
 */
async function maintien(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const spies = [
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' '))),
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' '))),
    vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => (err.push(String(s)), true)),
    vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Exit(code ?? 0);
    }) as never),
  ];
  let code = 0;
  try {
    await main(['node', 'maintien', 'risk', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    if (!(e instanceof Exit)) throw e;
    code = e.code;
  } finally {
    for (const s of spies) s.mockRestore();
    process.exitCode = undefined;
  }
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('maintien risk (command line)', () => {
  it('generates a cohort, calibrates the model on it, evaluates it on another cohort (a real process)', { timeout: 180_000 }, async () => {
    const gen = await maintien('gen-cohort', '--workers', '600', '--seed', '3', '--out', file('train.csv'));
    expect(gen.stdout).toContain('600 salariés');
    await maintien('gen-cohort', '--workers', '400', '--seed', '4', '--out', file('test.csv'));
    expect(readFileSync(file('train.csv'), 'utf8')).toBe(cohortCsv(generateCohort({ workers: 600, seed: 3 })));

    const cal = await maintien('calibrate', file('train.csv'), '--out', file('models/mon-service.json'));
    expect(cal.code).toBe(0);
    expect(cal.stdout).toContain('non validé');
    expect(cal.stdout).toContain('Odds ratios');
    const model = parseHealthModel(JSON.parse(readFileSync(file('models/mon-service.json'), 'utf8')));
    expect(model.validated).toBe(false);
    expect(model.calibratedOn).toMatchObject({ cohort: 'train.csv', n: 600 });
    expect(model.coefficients.arret_180j_plus).toBeGreaterThan(0);

    const ev = await exec(
      process.execPath,
      ['bin/maintien.mjs', 'risk', 'evaluate', file('test.csv'), '--model', file('models/mon-service.json'), '--out', file('rapport.html'), '--json', file('rapport.json')],
      { cwd: process.cwd() },
    );
    expect(ev.stdout).toMatch(/Indice combiné\s+AUC 0\.\d{3} \[/);
    const html = readFileSync(file('rapport.html'), 'utf8');
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<svg');
    expect(html).toContain('calibre');
    const report = JSON.parse(readFileSync(file('rapport.json'), 'utf8'));
    expect(report.cohort.n).toBe(400);
    expect(report.model.calibratedOn.cohort).toBe('train.csv');
  });

  it('keeps the good lines of a damaged file and names the bad ones; refuses unreadable input with a code', async () => {
    const lines = readFileSync(file('test.csv'), 'utf8').trimEnd().split('\n');
    lines[5] = lines[5].replace(/;[01]$/, ';peut-être');
    writeFileSync(file('abime.csv'), lines.join('\n'));
    const ev = await maintien('evaluate', file('abime.csv'), '--out', file('abime.html'));
    expect(ev.code).toBe(0);
    expect(ev.stderr).toContain('ligne 6 (issue)');
    expect(ev.stdout).toContain('399 salariés');

    expect(await maintien('evaluate', file('absent.csv'), '--out', file('x.html'))).toMatchObject({ code: 2, stderr: expect.stringContaining('FICHIER_ILLISIBLE') });
    writeFileSync(file('modele.json'), '{"id": "x"}');
    expect(await maintien('evaluate', file('test.csv'), '--model', file('modele.json'), '--out', file('x.html'))).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('MODELE_SANTE_INVALIDE'),
    });
    writeFileSync(file('colonnes.csv'), 'issue;cim_f\n1;0\n');
    expect(await maintien('calibrate', file('colonnes.csv'), '--out', file('m.json'))).toMatchObject({ code: 2, stderr: expect.stringContaining('COHORTE_COLONNES_MANQUANTES') });
    const seuils = await maintien('calibrate', file('train.csv'), '--seuils', '0,05;0,2;0,4', '--validated', '--model-version', '2.0.0', '--out', file('m2.json'));
    expect(seuils.code).toBe(0);
    expect(JSON.parse(readFileSync(file('m2.json'), 'utf8'))).toMatchObject({ version: '2.0.0', validated: true, thresholds: [0.05, 0.2, 0.4] });
    const decreasing = await maintien('calibrate', file('train.csv'), '--seuils', '0.5;0.2;0.1', '--out', file('m3.json'));
    expect(decreasing.code).not.toBe(0);
    expect(decreasing.stderr).toContain('croissantes');
    const zero = await maintien('gen-cohort', '--workers', '0', '--out', file('x.csv'));
    expect(zero.code).not.toBe(0);
    expect(zero.stderr).toContain('entier');
  });
});

describe("POST /api/v1/risk/evaluations (« Évaluation de l'indice »)", () => {
  let t: TestApp;
  const content = cohortCsv(generateCohort({ workers: 300, seed: 9 }));
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('gives a médecin du travail the report and audits the run with counts only', async () => {
    const medecin = await login(t.app, 'medecin@demo.maintien.test');
    const res = await as(t.app, medecin).post('/api/v1/risk/evaluations', { content: `\uFEFF${content}`, fileName: 'cohorte-2025.csv' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.report.cohort).toMatchObject({ name: 'cohorte-2025.csv', n: 300 });
    expect(body.report.components.map((c: { key: string }) => c.key)).toEqual(['sante', 'wai', 'employeur', 'niveau_final', 'combine']);
    expect(body.report.components[0].auc.estimate).toBeGreaterThan(0.5);
    expect(body.html).toContain('Évaluation de l');
    const events = await t.database.db.selectFrom('audit_event').select(['action', 'category', 'details']).where('action', '=', 'risk.evaluation.run').execute();
    expect(events).toHaveLength(1);
    expect(events[0].category).toBe('sensitive');
    expect(events[0].details).toMatchObject({ workers: 300, rejectedLines: 0 });
  });

  it('lets an administrator and an infirmier evaluate, with an uploaded model', async () => {
    const admin = await login(t.app, 'admin@demo.maintien.test');
    const model = JSON.stringify({ ...parseHealthModel(JSON.parse(readFileSync('models/health-record/default-v1.json', 'utf8'))), version: '9.9.9' });
    const res = await as(t.app, admin).post('/api/v1/risk/evaluations', { content, model });
    expect(res.statusCode).toBe(200);
    expect(res.json().report.model.version).toBe('9.9.9');
    const infirmier = await login(t.app, 'infirmier@demo.maintien.test');
    expect((await as(t.app, infirmier).post('/api/v1/risk/evaluations', { content })).statusCode).toBe(200);
  });

  it('refuses the roles without risk.evaluate, and anonymous callers', async () => {
    for (const who of ['social', 'charge-mission', 'assistant', 'employeur', 'cpam', 'salarie']) {
      const s = await login(t.app, `${who}@demo.maintien.test`);
      const res = await as(t.app, s).post('/api/v1/risk/evaluations', { content });
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code).toBe('ACCES_REFUSE');
      expect((await as(t.app, s).post('/api/v1/risk/evaluations/synthetic-cohort', { workers: 100 })).statusCode, who).toBe(403);
    }
    const anon = await t.app.inject({ method: 'POST', url: '/api/v1/risk/evaluations', payload: { content } });
    expect(anon.statusCode).toBe(401);
  });

  it('answers bad files with 400, a stable code and a French message, never a 500', async () => {
    const medecin = await login(t.app, 'medecin@demo.maintien.test');
    const post = (body: object) => as(t.app, medecin).post('/api/v1/risk/evaluations', body);
    const cases: [object, string][] = [
      [{ content: 'nom;prenom\nDupont;Jean\n' }, 'COHORTE_COLONNES_MANQUANTES'],
      [{ content: '\n\n' }, 'COHORTE_VIDE'],
      [{ content: content.split('\n')[0] + '\n' + content.split('\n')[1].replace(/;[01]$/, ';x') + '\n' }, 'COHORTE_SANS_LIGNE_VALIDE'],
      [{ content, model: '{ pas du json' }, 'MODELE_SANTE_INVALIDE'],
      [{ content, model: '{"id":"x","version":"1","label":"x","source":"x","validated":false,"intercept":0,"coefficients":{"inconnue":1},"thresholds":[0.1,0.2,0.3]}' }, 'MODELE_SANTE_INVALIDE'],
    ];
    for (const [body, code] of cases) {
      const res = await post(body);
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toMatch(/[a-zé]/);
    }
    const missing = await post({ fileName: 'sans-contenu.csv' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toMatch(/^[A-Z_]+$/);
    const damaged = content.replace(/\n(0|1);/, '\n7;');
    const partial = await post({ content: damaged });
    expect(partial.statusCode).toBe(200);
    expect(partial.json().rejectedLines).toBe(1);
    expect(partial.json().errors[0]).toMatchObject({ line: 2, column: 'sexe_femme' });
  });

  it('hands out a deterministic synthetic cohort within bounds', async () => {
    const medecin = await login(t.app, 'medecin@demo.maintien.test');
    const res = await as(t.app, medecin).post('/api/v1/risk/evaluations/synthetic-cohort', { workers: 300, seed: 9 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ fileName: 'cohorte-synthetique-300-graine-9.csv', content });
    for (const workers of [49, 20_001]) {
      const bad = await as(t.app, medecin).post('/api/v1/risk/evaluations/synthetic-cohort', { workers });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('NOMBRE_DE_SALARIES_INVALIDE');
    }
    for (const workers of [50, 20_000]) expect((await as(t.app, medecin).post('/api/v1/risk/evaluations/synthetic-cohort', { workers })).statusCode).toBe(200);
  });
});
