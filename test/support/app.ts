/**
 * The application on a fresh database, driven through HTTP with `app.inject` (real routes,
 * real database, real sessions). Demo data gives realistic content for every role.
 */
import { loadConfig, type Config } from '../../src/config';
import type { Database } from '../../src/db/connection';
import { buildApp } from '../../src/http/app';
import type { App } from '../../src/http/deps';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/seed-demo';
import { freshDatabase } from './database';

export interface TestApp {
  app: App;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

export async function startTestApp(opts: { tenants?: string[]; env?: NodeJS.ProcessEnv; modules?: boolean } = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const now = new Date();
  for (const slug of opts.tenants ?? ['demo']) await seedDemo(database, { slug, now, modules: opts.modules ?? false });
  const config = loadConfig({ ...opts.env });
  const app = await buildApp({ database, config, logger: false, serveWeb: false });
  await app.ready();
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  me: { user: { id: string; role: string; companyId: string | null; workerId: string | null; organisation: { id: string } }; capabilities: string[] };
}

export async function login(app: App, email: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode} ${res.body}`);
  const set = res.cookies.find((c) => c.name === 'maintien_session');
  if (!set) throw new Error('no session cookie');
  const body = res.json();
  return { cookie: `maintien_session=${set.value}`, csrf: body.csrfToken, me: body };
}

/** Calls the API as a session (CSRF header added on mutations). */
export function as(app: App, s: Session) {
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { cookie: s.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': s.csrf }) },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload?: unknown) => call('POST', url, payload ?? {}),
    put: (url: string, payload?: unknown) => call('PUT', url, payload ?? {}),
    del: (url: string) => call('DELETE', url),
  };
}

export const demoEmail = (local: string, slug = 'demo') => `${local}@${slug}.maintien.test`;
