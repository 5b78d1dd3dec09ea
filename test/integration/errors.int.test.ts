/** Bad input always gets a stable code and a French message, never a 500. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
let medecin: Session;
beforeAll(async () => {
  t = await startTestApp();
  medecin = await login(t.app, demoEmail('medecin'));
});
afterAll(() => t?.close());

const headers = () => ({ cookie: medecin.cookie, 'x-csrf-token': medecin.csrf });

function expectFrenchError(res: { statusCode: number; json(): { error: { code: string; message: string } } }, status: number, code?: string) {
  expect(res.statusCode).toBe(status);
  const { error } = res.json();
  expect(error.code).toMatch(/^[A-Z_]+$/);
  if (code) expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(5);
}

describe('malformed requests', () => {
  it('malformed JSON → 400 JSON_INVALIDE', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...headers(), 'content-type': 'application/json' }, payload: '{"workerId": ' });
    expectFrenchError(res, 400, 'JSON_INVALIDE');
  });
  it('unsupported content type → 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { ...headers(), 'content-type': 'text/xml' }, payload: '<a/>' });
    expectFrenchError(res, 415, 'TYPE_DE_CONTENU_NON_PRIS_EN_CHARGE');
  });
  it('a body too large → 413', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'a'.repeat(2 * 1024 * 1024), password: 'x' }) });
    expectFrenchError(res, 413, 'CORPS_TROP_VOLUMINEUX');
  });
  it('an id that is not a UUID → 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dossiers/123', headers: headers() });
    expectFrenchError(res, 400, 'REQUETE_INVALIDE');
    expect(res.json().error.field).toBe('id');
  });
  it('an unknown dossier → 404 in French', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dossiers/00000000-0000-4000-8000-000000000000', headers: headers() });
    expectFrenchError(res, 404, 'DOSSIER_INTROUVABLE');
  });
  it('an unknown API route → 404', async () => {
    expectFrenchError(await t.app.inject({ method: 'GET', url: '/api/v1/nulle-part', headers: headers() }), 404, 'RESSOURCE_INTROUVABLE');
  });
  it('a wrong type in the query → 400', async () => {
    expectFrenchError(await t.app.inject({ method: 'GET', url: '/api/v1/dossiers?page=abc', headers: headers() }), 400, 'REQUETE_INVALIDE');
    expectFrenchError(await t.app.inject({ method: 'GET', url: '/api/v1/dossiers?pageSize=1000', headers: headers() }), 400, 'REQUETE_INVALIDE');
  });
  it('a NUL character (which PostgreSQL cannot store) → 400 CARACTERE_INTERDIT', async () => {
    const res = await as(t.app, medecin).post('/api/v1/companies', { siret: '73282932000074', name: 'A\u0000B' });
    expectFrenchError(res, 400, 'CARACTERE_INTERDIT');
  });
  it('an impossible date → 400', async () => {
    const workers = (await as(t.app, medecin).get('/api/v1/workers?pageSize=1')).json();
    const res = await as(t.app, medecin).post('/api/v1/dossiers', { workerId: workers.items[0].id, origin: 'equipe', summary: 'abc', nextDueDate: '2026-02-30' });
    expect(res.statusCode).toBe(400);
  });
});

describe('fuzzing the API with arbitrary input', () => {
  const routes: { method: 'POST' | 'PUT' | 'GET'; url: string }[] = [
    { method: 'POST', url: '/api/v1/dossiers' },
    { method: 'POST', url: '/api/v1/workers' },
    { method: 'POST', url: '/api/v1/companies' },
    { method: 'POST', url: '/api/v1/auth/login' },
    { method: 'POST', url: '/api/v1/dossiers/00000000-0000-4000-8000-000000000000/entries' },
    { method: 'POST', url: '/api/v1/dossiers/00000000-0000-4000-8000-000000000000/transitions' },
    { method: 'PUT', url: '/api/v1/dossiers/00000000-0000-4000-8000-000000000000/assignees' },
  ];

  it('never answers 500 to arbitrary JSON bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue(), async (route, body) => {
        const res = await t.app.inject({ method: route.method, url: route.url, headers: { ...headers(), 'content-type': 'application/json' }, payload: JSON.stringify(body) });
        expect(res.statusCode).toBeLessThan(500);
        expect(res.json().error?.code ?? 'OK').toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 150 },
    );
  });

  it('never answers 500 to well-shaped bodies with hostile values', async () => {
    const text = fc.oneof(fc.string(), fc.constant(''), fc.constant('\u0000'), fc.constant("'; drop table dossier; --"), fc.string({ minLength: 200, maxLength: 400 }));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          nir: text,
          birthName: text,
          firstNames: text,
          birthDate: fc.oneof(text, fc.constant('1984-12-01'), fc.constant('0000-00-00'), fc.constant('9999-12-31')),
          sex: fc.oneof(fc.constant(1), fc.constant(2), fc.integer()),
          siret: text,
          name: text,
          workerId: fc.oneof(fc.uuid(), text),
          origin: fc.oneof(fc.constant('equipe'), text),
          summary: text,
        }),
        fc.constantFrom('/api/v1/workers', '/api/v1/companies', '/api/v1/dossiers'),
        async (body, url) => {
          const res = await t.app.inject({ method: 'POST', url, headers: headers(), payload: body });
          expect(res.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never answers 500 to arbitrary query strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('scope', 'state', 'assignee', 'overdue', 'q', 'sort', 'order', 'page', 'pageSize'), fc.string()), async (q) => {
        const res = await t.app.inject({ method: 'GET', url: '/api/v1/dossiers', query: q, headers: headers() });
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});
