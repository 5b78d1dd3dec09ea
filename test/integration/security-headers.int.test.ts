/**
 * Security headers on every answer (issue 12, item 5): the API, the web app's index.html
 * (served by the app from a built directory), Swagger UI, a 404; HSTS only with secure cookies;
 * `Cache-Control: no-store` on /api/v1/ answers unless the route set its own.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import type { Database } from '../../src/db/connection';
import type { App } from '../../src/http/deps';
import { freshDatabase } from '../support/database';

const webDir = mkdtempSync(join(tmpdir(), 'maintien-web-'));
writeFileSync(join(webDir, 'index.html'), '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/index.js"></script></body></html>');
const previousWebDist = process.env.MAINTIEN_WEB_DIST;
process.env.MAINTIEN_WEB_DIST = webDir;

let database: Database;
let app: App;
let secure: App;

beforeAll(async () => {
  const { buildApp } = await import('../../src/http/app');
  database = await freshDatabase();
  app = await buildApp({ database, config: loadConfig({}), logger: false, serveWeb: true });
  secure = await buildApp({ database, config: loadConfig({ MAINTIEN_SECURE_COOKIES: '1' }), logger: false, serveWeb: false });
});
afterAll(async () => {
  await app?.close();
  await secure?.close();
  await database?.close();
  rmSync(webDir, { recursive: true, force: true });
  if (previousWebDist === undefined) delete process.env.MAINTIEN_WEB_DIST;
  else process.env.MAINTIEN_WEB_DIST = previousWebDist;
});

function expectSecurityHeaders(headers: Record<string, unknown>) {
  const csp = String(headers['content-security-policy']);
  for (const d of ["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data:", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'"]) {
    expect(csp).toContain(d);
  }
  expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
}

describe('security headers', () => {
  it('on an API answer, with no-store and without HSTS when cookies are not secure', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expectSecurityHeaders(res.headers);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('on API errors (401, 404) too', async () => {
    for (const url of ['/api/v1/auth/me', '/api/v1/nulle-part']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expectSecurityHeaders(res.headers);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('on the web app (index.html and a client route), without no-store', async () => {
    for (const url of ['/', '/dossiers/123']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('id="root"');
      expectSecurityHeaders(res.headers);
      expect(res.headers['cache-control']).not.toBe('no-store');
    }
  });

  it('on Swagger UI, which loads its scripts from files only (no inline script to block)', async () => {
    let res = await app.inject({ method: 'GET', url: '/api/docs' });
    if (res.statusCode === 302) res = await app.inject({ method: 'GET', url: res.headers.location!.startsWith('/') ? res.headers.location! : `/api/docs/${res.headers.location}` });
    expect(res.statusCode).toBe(200);
    expectSecurityHeaders(res.headers);
    const scripts = res.body.match(/<script[^>]*>[\s\S]*?<\/script>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) {
      expect(s).toMatch(/<script[^>]*\ssrc="/);
      expect(s.replace(/<script[^>]*>/, '').replace('</script>', '').trim()).toBe('');
    }
    const init = await app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(init.statusCode).toBe(200);
  });

  it('HSTS only when cookies are secure', async () => {
    const res = await secure.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    expectSecurityHeaders(res.headers);
  });

  it('on the OpenAPI document', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expectSecurityHeaders(res.headers);
  });
});
