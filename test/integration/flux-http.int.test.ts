/** POST /api/v1/flux/arrets: streamed upload by machine clients holding a `flux` token. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLUX_FIELDS } from '../../src/domain/intake/flux-line';
import { testLine, toCsv, toJsonl } from '../../src/domain/intake/flux-test-lines';
import { as, demoEmail, login, startTestApp, type TestApp } from '../support/app';
import { ensureTestCompany } from './flux-helpers';

let t: TestApp;
let fluxToken: string;
let readToken: string;

beforeAll(async () => {
  t = await startTestApp();
  // The test lines' employer is a member company (issue 14: a line without one is « hors périmètre »).
  await ensureTestCompany(t.database, (await t.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id);
  const admin = as(t.app, await login(t.app, demoEmail('admin')));
  fluxToken = (await admin.post('/api/v1/api-tokens', { name: 'Flux CPAM', scopes: ['flux'] })).json().token;
  readToken = (await admin.post('/api/v1/api-tokens', { name: 'Lecture', scopes: ['dossiers:read'] })).json().token;
});
afterAll(async () => {
  await t?.close();
});

const upload = (body: string, opts: { token?: string; type?: string; query?: string; cookie?: string; csrf?: string } = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/flux/arrets${opts.query ?? ''}`,
    headers: {
      'content-type': opts.type ?? 'text/csv; charset=utf-8',
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.cookie ? { cookie: opts.cookie, 'x-csrf-token': opts.csrf ?? '' } : {}),
    },
    payload: body,
  });

describe('POST /api/v1/flux/arrets', () => {
  it('ingests a CSV upload and answers the JSON report with the batch location', async () => {
    const res = await upload(toCsv([testLine(90_001), testLine(90_002, { nir: '1' }), testLine(90_003, { consentement: 'non' })]), { token: fluxToken, query: '?fileName=cpam-593.csv&fileDate=2026-02-01' });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ lines: 3, accepted: 1, duplicates: 0, rejected: 2, quarantined: 0, truncated: false, resumed: false, warnings: [] });
    expect(r.rejections.map((x: { code: string }) => x.code)).toEqual(['NIR_INVALIDE', 'CONSENTEMENT_ABSENT']);
    expect(res.headers.location).toBe(`/api/v1/flux/batches/${r.batchId}`);
    const batch = await t.database.db.selectFrom('import_batch').selectAll().where('id', '=', r.batchId).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ file_name: 'cpam-593.csv', status: 'termine' });
    expect(batch.actor_label).toContain('Flux CPAM');
    expect(batch.actor_token_id).not.toBeNull();
    expect(batch.file_sha256).toMatch(/^[0-9a-f]{64}$/);
    // Sent again: a new batch, all duplicates.
    const again = (await upload(toCsv([testLine(90_001)]), { token: fluxToken, query: '?fileName=cpam-593.csv&fileDate=2026-02-01' })).json();
    expect(again).toMatchObject({ lines: 1, duplicates: 1, accepted: 0 });
  });

  it('accepts JSON Lines (application/x-ndjson) and reports unknown fields as a warning', async () => {
    const body = toJsonl([testLine(90_010)]) + JSON.stringify({ ...testLine(90_011), inconnu: 'x' }) + '\n';
    const res = await upload(body, { token: fluxToken, type: 'application/x-ndjson', query: '?fileDate=2026-02-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ lines: 2, accepted: 2 });
    expect(res.json().warnings[0]).toContain('inconnu');
  });

  it('truncates the lists at 1,000 entries and keeps the counts complete', async () => {
    const lines = Array.from({ length: 1200 }, (_, i) => testLine(91_000 + i, { consentement: 'non' }));
    const r = (await upload(toCsv(lines), { token: fluxToken, query: '?fileDate=2026-02-01' })).json();
    expect(r).toMatchObject({ lines: 1200, rejected: 1200, truncated: true });
    expect(r.rejections).toHaveLength(1000);
  });

  it('refuses a file that cannot be processed with 400 and a French message', async () => {
    const res = await upload('emetteur;id_message\nCPAM-593;1\n', { token: fluxToken });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'COLONNES_MANQUANTES' });
    expect(res.json().error.message).toContain('nir');
    const bad = await upload(toCsv([testLine(1)]), { token: fluxToken, query: '?format=xml' });
    expect(bad.statusCode).toBe(400);
    const header = FLUX_FIELDS.join(';');
    expect((await upload(`${header}\n`, { token: fluxToken })).json()).toMatchObject({ lines: 0 });
  });

  it('requires a token with the flux scope: other tokens, sessions and anonymous calls are refused', async () => {
    const body = toCsv([testLine(90_100)]);
    expect((await upload(body)).statusCode).toBe(401);
    const other = await upload(body, { token: readToken });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('PORTEE_INSUFFISANTE');
    const s = await login(t.app, demoEmail('medecin'));
    expect((await upload(body, { cookie: s.cookie, csrf: s.csrf })).statusCode).toBe(403);
    const admin = await login(t.app, demoEmail('admin'));
    expect((await upload(body, { cookie: admin.cookie, csrf: admin.csrf })).statusCode).toBe(403);
    expect(await t.database.db.selectFrom('flux_message').select('id_message').where('id_message', '=', 'MSG-90100').executeTakeFirst()).toBeUndefined();
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/flux/arrets'].post).toBeDefined();
  });
});
