/** Login, sessions, CSRF, lockout, rate limit and API tokens, through HTTP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { as, demoEmail, login, startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { MAINTIEN_LOGIN_MAX_FAILURES: '3', MAINTIEN_LOGIN_RATE_PER_MINUTE: '1000' } });
});
afterAll(() => t?.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) => t.app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('login', () => {
  it('opens a session with an HttpOnly, SameSite cookie and returns the CSRF token', async () => {
    const res = await post('/api/v1/auth/login', { email: 'MEDECIN@demo.maintien.test', password: 'demo-maintien' });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'maintien_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    const body = res.json();
    expect(body.user.role).toBe('medecin_travail');
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    expect(body.capabilities).toContain('dossier.transition');
    expect(body.writableCategories.map((c: { code: string }) => c.code)).toEqual(['medical', 'sensitive', 'administrative', 'employer_visible']);
    // The session lives in the database: only the hash of the token is stored.
    const stored = await t.database.db.selectFrom('session').select('id').execute();
    expect(stored.map((s) => s.id)).not.toContain(cookie.value);
  });

  it('refuses a wrong password and an unknown account with the same answer', async () => {
    const a = await post('/api/v1/auth/login', { email: demoEmail('infirmier'), password: 'nope' });
    const b = await post('/api/v1/auth/login', { email: 'personne@demo.maintien.test', password: 'nope' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual(b.json());
    expect(a.json().error.code).toBe('IDENTIFIANTS_INVALIDES');
  });

  it('locks the account at the configured number of failures, even for the right password', async () => {
    const email = demoEmail('psychologue');
    for (let i = 1; i <= 2; i++) expect((await post('/api/v1/auth/login', { email, password: `bad-${i}` })).statusCode).toBe(401);
    const third = await post('/api/v1/auth/login', { email, password: 'bad-3' });
    expect(third.statusCode).toBe(423);
    expect(third.json().error.code).toBe('COMPTE_VERROUILLE');
    expect((await post('/api/v1/auth/login', { email, password: 'demo-maintien' })).statusCode).toBe(423);
    const events = await t.database.db.selectFrom('audit_event').select('action').where('action', 'like', 'auth.login%').execute();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.login_refused']));
  });

  it('answers an unknown e-mail exactly as a real account, lock-out included (no enumeration)', async () => {
    const real = demoEmail('assistant');
    const unknown = 'personne-du-tout@demo.maintien.test';
    // From an address of its own, so the account stays usable by the other tests.
    const attempt = (email: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: '192.0.2.44' });
    for (const email of [real, unknown]) {
      for (let i = 1; i <= 2; i++) expect((await attempt(email, `x-${i}`)).statusCode).toBe(401);
    }
    const a = await attempt(real, 'x-3');
    const b = await attempt(unknown, 'x-3');
    expect(a.statusCode).toBe(423);
    expect(b.statusCode).toBe(423);
    expect(a.json()).toEqual(b.json());
    // The throttle keeps neither the e-mail nor the address in clear.
    const rows = await t.database.db.selectFrom('login_throttle').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/personne-du-tout|demo\.maintien|192\.0\.2\.44/);
  });

  it('failures from one address do not lock the account for its owner elsewhere', async () => {
    const email = demoEmail('charge-mission');
    const from = (remoteAddress: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress });
    for (let i = 1; i <= 2; i++) expect((await from('203.0.113.66', `bad-${i}`)).statusCode).toBe(401);
    expect((await from('203.0.113.66', 'bad-3')).statusCode).toBe(423);
    expect((await from('203.0.113.66', 'demo-maintien')).statusCode).toBe(423);
    // The owner, at the office, logs in.
    expect((await from('198.51.100.7', 'demo-maintien')).statusCode).toBe(200);
    // A failure from the office does not count with the attacker's.
    expect((await from('198.51.100.7', 'bad')).statusCode).toBe(401);
  });

  it('a successful login resets the failure count', async () => {
    const email = demoEmail('ergonome');
    await post('/api/v1/auth/login', { email, password: 'bad' });
    await post('/api/v1/auth/login', { email, password: 'bad' });
    expect((await post('/api/v1/auth/login', { email, password: 'demo-maintien' })).statusCode).toBe(200);
    await post('/api/v1/auth/login', { email, password: 'bad' });
    await post('/api/v1/auth/login', { email, password: 'bad' });
    expect((await post('/api/v1/auth/login', { email, password: 'demo-maintien' })).statusCode).toBe(200);
  });

  it('validates the body in French', async () => {
    const res = await post('/api/v1/auth/login', { email: demoEmail('medecin') });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'REQUETE_INVALIDE', field: 'password' });
    expect(res.json().error.message).toMatch(/obligatoire/);
  });
});

describe('session and CSRF', () => {
  it('GET /auth/me returns the same identity and CSRF token', async () => {
    const s = await login(t.app, demoEmail('charge-mission'));
    const me = (await as(t.app, s).get('/api/v1/auth/me')).json();
    expect(me.user.id).toBe(s.me.user.id);
    expect(me.csrfToken).toBe(s.csrf);
  });

  it('refuses a mutation without or with a wrong CSRF header, accepts it with the right one', async () => {
    const s = await login(t.app, demoEmail('charge-mission'));
    const list = (await as(t.app, s).get('/api/v1/dossiers?scope=mine&state=en_accompagnement&pageSize=1')).json();
    const url = `/api/v1/dossiers/${list.items[0].id}/entries`;
    const payload = { category: 'administrative', body: 'Appel au salarié.' };
    const none = await t.app.inject({ method: 'POST', url, payload, headers: { cookie: s.cookie } });
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('CSRF_INVALIDE');
    const wrong = await t.app.inject({ method: 'POST', url, payload, headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(32) } });
    expect(wrong.statusCode).toBe(403);
    const ok = await as(t.app, s).post(url, payload);
    expect(ok.statusCode).toBe(201);
  });

  it('logout ends the session on the server', async () => {
    const s = await login(t.app, demoEmail('assistant'));
    expect((await as(t.app, s).post('/api/v1/auth/logout')).statusCode).toBe(204);
    const after = await as(t.app, s).get('/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('NON_AUTHENTIFIE');
  });

  it('an expired session is refused', async () => {
    const s = await login(t.app, demoEmail('social'));
    await t.database.db.updateTable('session').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', s.me.user.id).execute();
    expect((await as(t.app, s).get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('requires a login for the API', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dossiers' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/Connectez-vous/);
  });
});

describe('API tokens', () => {
  it('are created by an administrator, shown once, scoped, and revocable', async () => {
    const admin = as(t.app, await login(t.app, demoEmail('admin')));
    const created = await admin.post('/api/v1/api-tokens', { name: 'Lecture dossiers', scopes: ['dossiers:read'], expiresInDays: 30 });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^mtn_/);
    const listed = (await admin.get('/api/v1/api-tokens')).json();
    expect(JSON.stringify(listed)).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/dossiers?scope=service&pageSize=5', headers: bearer });
    expect(read.statusCode).toBe(200);
    const dossierId = read.json().items[0].id;
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${dossierId}`, headers: bearer });
    expect(page.statusCode).toBe(200);
    expect(page.json().timeline.every((e: { category: string }) => e.category === 'administrative')).toBe(true);
    expect(page.json().worker.nir).toBeUndefined();
    // No CSRF for tokens, but the scope decides.
    const write = await t.app.inject({ method: 'POST', url: `/api/v1/dossiers/${dossierId}/entries`, headers: bearer, payload: { category: 'administrative', body: 'x' } });
    expect(write.statusCode).toBe(403);
    const workers = await t.app.inject({ method: 'GET', url: '/api/v1/workers', headers: bearer });
    expect(workers.statusCode).toBe(403);
    expect(workers.json().error.code).toBe('PORTEE_INSUFFISANTE');

    expect((await admin.del(`/api/v1/api-tokens/${id}`)).statusCode).toBe(204);
    const revoked = await t.app.inject({ method: 'GET', url: '/api/v1/dossiers?scope=service', headers: bearer });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('JETON_INVALIDE');
  });

  it('refuses unknown scopes and non-administrators', async () => {
    const admin = as(t.app, await login(t.app, demoEmail('admin')));
    const bad = await admin.post('/api/v1/api-tokens', { name: 'x', scopes: ['tout'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('PORTEE_INCONNUE');
    const medecin = as(t.app, await login(t.app, demoEmail('medecin')));
    expect((await medecin.post('/api/v1/api-tokens', { name: 'x', scopes: ['flux'] })).statusCode).toBe(403);
  });
});

describe('rate limit', () => {
  it('answers 429 in French past the per-minute limit of login attempts', async () => {
    const limited = await startTestApp({ tenants: [], env: { MAINTIEN_LOGIN_RATE_PER_MINUTE: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        codes.push((await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x@y.fr', password: 'z' } })).statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429]);
      const res = await limited.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x@y.fr', password: 'z' } });
      expect(res.json().error.code).toBe('TROP_DE_REQUETES');
    } finally {
      await limited.close();
    }
  });

  const attempt = (app: TestApp['app'], forwardedFor?: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x@y.fr', password: 'z' }, ...(forwardedFor ? { headers: { 'x-forwarded-for': forwardedFor } } : {}) });

  it('ignores X-Forwarded-For when no proxy is configured: forged addresses still get 429', async () => {
    const limited = await startTestApp({ tenants: [], env: { MAINTIEN_LOGIN_RATE_PER_MINUTE: '3' } });
    try {
      for (let i = 0; i < 3; i++) expect((await attempt(limited.app)).statusCode).toBe(401);
      const codes: number[] = [];
      for (let i = 1; i <= 25; i++) codes.push((await attempt(limited.app, `198.51.100.${i}`)).statusCode);
      expect(new Set(codes)).toEqual(new Set([429]));
    } finally {
      await limited.close();
    }
  });

  it('uses the forwarded address when the request comes from a configured proxy', async () => {
    const limited = await startTestApp({ tenants: [], env: { MAINTIEN_LOGIN_RATE_PER_MINUTE: '3', MAINTIEN_TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1' } });
    try {
      expect(limited.config.trustedProxies).toEqual(['10.0.0.0/8', '127.0.0.1']);
      for (let i = 0; i < 3; i++) expect((await attempt(limited.app, '203.0.113.7')).statusCode).toBe(401);
      expect((await attempt(limited.app, '203.0.113.7')).statusCode).toBe(429);
      expect((await attempt(limited.app, '203.0.113.8')).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });

  it('refuses a malformed MAINTIEN_TRUSTED_PROXIES at start-up', () => {
    expect(() => loadConfig({ MAINTIEN_TRUSTED_PROXIES: '10.0.0.1,proxy.local' })).toThrow(/proxy\.local/);
    expect(() => loadConfig({ MAINTIEN_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/MAINTIEN_TRUSTED_PROXIES/);
    expect(loadConfig({}).trustedProxies).toEqual([]);
  });
});
