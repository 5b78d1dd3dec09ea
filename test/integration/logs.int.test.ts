/**
 * What the request log lines say (issue 12, item 3): a capability token in the path (the
 * worker's questionnaire link) never appears, the path's shape does; query strings never appear.
 * The app is built with a pino logger writing to a stream.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db/connection';
import { buildApp } from '../../src/http/app';
import type { App } from '../../src/http/deps';
import { CAPABILITY_TOKEN_ROUTES, loggedPath } from '../../src/http/log-redaction';
import { freshDatabase } from '../support/database';

let database: Database;
let app: App;
const lines: string[] = [];

beforeAll(async () => {
  database = await freshDatabase();
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  app = await buildApp({ database, config: loadConfig({}), logger: { level: 'info', stream }, serveWeb: false });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const TOKEN = 'Qx7vR2mK9pLw4sT8nB3cY6hJ1dF5gZ0aE';

describe('request log lines', () => {
  it('replace the questionnaire link token by [jeton] and keep the path shape (GET and PUT)', async () => {
    await app.inject({ method: 'GET', url: `/api/v1/public/questionnaire-links/${TOKEN}` });
    await app.inject({ method: 'PUT', url: `/api/v1/public/questionnaire-links/${TOKEN}?x=1`, payload: { answers: {}, complete: false } });
    const log = lines.join('\n');
    expect(log).not.toContain(TOKEN);
    const paths = lines.map((l) => JSON.parse(l)).filter((e) => e.req).map((e) => `${e.req.method} ${e.req.path}`);
    expect(paths).toContain('GET /api/v1/public/questionnaire-links/[jeton]');
    expect(paths).toContain('PUT /api/v1/public/questionnaire-links/[jeton]');
  });

  it('keep other paths as they are, without query string', async () => {
    await app.inject({ method: 'GET', url: '/api/v1/health?q=1850575123456' });
    const log = lines.join('\n');
    expect(log).toContain('"path":"/api/v1/health"');
    expect(log).not.toContain('1850575123456');
  });

  it('redact every API path that takes a {token} parameter (a new capability route must be listed)', () => {
    const paths = Object.keys((app.swagger() as { paths: Record<string, unknown> }).paths).filter((p) => p.includes('{token}'));
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      expect(loggedPath(p.replace('{token}', TOKEN)), `${p}: add it to CAPABILITY_TOKEN_ROUTES`).not.toContain(TOKEN);
    }
    expect(CAPABILITY_TOKEN_ROUTES.length).toBeGreaterThan(0);
  });
});

describe('loggedPath', () => {
  it('keeps what follows the token and matches the route whatever the case', () => {
    expect(loggedPath(`/api/v1/public/questionnaire-links/${TOKEN}/extra?a=b`)).toBe('/api/v1/public/questionnaire-links/[jeton]/extra');
    expect(loggedPath(`/API/v1/public/Questionnaire-Links/${TOKEN}`)).toBe('/API/v1/public/Questionnaire-Links/[jeton]');
    expect(loggedPath('/api/v1/questionnaire-links/abc/revoke')).toBe('/api/v1/questionnaire-links/abc/revoke');
  });
});
