/**
 * Browser tests: the real application (API + built web app) on an in-memory PGlite with demo
 * data, listening on a free port, driven by Debian's Chromium through playwright-core.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { openDatabase, type Database } from '../../src/db/connection';
import { migrate } from '../../src/db/migrate';
import { buildApp, WEB_DIST } from '../../src/http/app';
import type { App } from '../../src/http/deps';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/seed-demo';
import { as, login } from '../support/app';
import { JobRunner } from '../../src/services/jobs/job-runner';

export interface E2E {
  baseUrl: string;
  browser: Browser;
  database: Database;
  app: App;
  /** The runner loop of long jobs, started as `maintien serve` starts it (docs/jobs.md). */
  jobs: JobRunner;
  close(): Promise<void>;
}

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function startE2E(): Promise<E2E> {
  if (!existsSync(`${WEB_DIST}index.html`)) throw new Error('web/dist absent : lancez « npm run build:web » (npm run test:e2e le fait).');
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrate(database);
  await seedDemo(database, { modules: false });
  const app = await buildApp({ database, config: loadConfig({}), logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const jobs = new JobRunner(database, { pollMs: 500 });
  jobs.start();
  const { port } = app.server.address() as AddressInfo;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    database,
    app,
    jobs,
    close: async () => {
      await browser.close();
      await jobs.stop();
      await app.close();
      await database.close();
    },
  };
}

export async function newPage(e: E2E, opts: { mobile?: boolean } = {}): Promise<Page> {
  const context = await e.browser.newContext({
    baseURL: e.baseUrl,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: opts.mobile ? { width: 390, height: 844 } : { width: 1366, height: 900 },
  });
  return context.newPage();
}

export const demoEmail = (local: string) => `${local}@demo.maintien.test`;
export { DEMO_PASSWORD };

/** Logs in through the login page and waits for the app shell. */
export async function loginAs(page: Page, local: string): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(demoEmail(local));
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/connexion'));
  await page.getByRole('navigation').first().waitFor();
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Loads axe-core into the page, evaluated through the browser's debugging protocol: the app's
 * Content-Security-Policy forbids inline scripts (a <script> tag added by a test is refused).
 */
export async function injectAxe(page: Page): Promise<void> {
  await page.evaluate(AXE_SOURCE);
}

/** axe-core's WCAG 2.1 A/AA violations of the page as it is (`id (nodes)`), empty when none. */
export async function axeViolations(page: Page): Promise<string[]> {
  await injectAxe(page);
  const result = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v: { id: string; nodes: unknown[] }) => `${v.id} (${v.nodes.length})`);
  });
  return result as string[];
}

/**
 * The cell opens the dossier of a worker waiting « À qualifier » (issue 14: a signal no longer
 * opens a dossier by itself), through the API as `local` (the page itself is tried in
 * triage.e2e.test.ts). Returns the dossier opened.
 */
export async function openFromTriage(e: E2E, workerId: string, local = 'medecin'): Promise<{ id: string; reference: string }> {
  const item = await e.database.db
    .selectFrom('triage_item')
    .select('id')
    .where('worker_id', '=', workerId)
    .where('status', '=', 'a_qualifier')
    .executeTakeFirstOrThrow();
  const session = await login(e.app, demoEmail(local));
  const res = await as(e.app, session).post('/api/v1/triage/decisions', { action: 'ouvrir', ids: [item.id] });
  if (res.statusCode !== 200) throw new Error(`triage ${res.statusCode} ${res.body}`);
  return e.database.db
    .selectFrom('dossier')
    .select(['id', 'reference'])
    .where('worker_id', '=', workerId)
    .where('state', '!=', 'clos')
    .executeTakeFirstOrThrow();
}
