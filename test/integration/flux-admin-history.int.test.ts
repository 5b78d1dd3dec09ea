/** « Imports du flux »: history, batch page, rejection report (CSV), access and tenant isolation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, demoEmail, login, startTestApp, type TestApp } from '../support/app';
import { insertBatchFixture, tenantIdOf, type BatchFixture } from './flux-admin-fixtures';

let t: TestApp;
let mine: BatchFixture;
let theirs: BatchFixture;

beforeAll(async () => {
  t = await startTestApp({ tenants: ['demo', 'autre'] });
  mine = await insertBatchFixture(t.database, await tenantIdOf(t.database, 'demo'));
  theirs = await insertBatchFixture(t.database, await tenantIdOf(t.database, 'autre'), { fileName: 'autre-service.csv' });
});
afterAll(() => t?.close());

describe('import history', () => {
  it('lists the batches with their counts for a médecin du travail', async () => {
    const medecin = as(t.app, await login(t.app, demoEmail('medecin')));
    const res = await medecin.get('/api/v1/flux/batches');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const b = body.items.find((x: { id: string }) => x.id === mine.batchId);
    expect(b).toMatchObject({
      fileName: 'arrets-cpam593-20261124.csv',
      issuer: 'CPAM-593',
      status: 'termine',
      statusLabel: 'Terminé',
      actorLabel: 'Jeton « Flux CPAM »',
      counts: { lines: 10, accepted: 6, duplicates: 1, rejected: 2, quarantined: 1 },
    });
    const c = b.counts;
    expect(c.accepted + c.duplicates + c.rejected + c.quarantined).toBe(c.lines);
  });

  it('shows one batch: warnings, rejections by code, a page of rejections', async () => {
    const medecin = as(t.app, await login(t.app, demoEmail('medecin')));
    const res = await medecin.get(`/api/v1/flux/batches/${mine.batchId}`);
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b.warnings).toEqual(['Colonne inconnue ignorée : « commentaire ».']);
    expect(b.rejectionsByCode).toEqual(expect.arrayContaining([{ code: 'NIR_CLE', count: 1 }, { code: 'CONSENTEMENT_ABSENT', count: 1 }]));
    expect(b.rejections.total).toBe(2);
    expect(b.rejections.items.map((r: { line: number }) => r.line)).toEqual([3, 7]);
    const filtered = (await medecin.get(`/api/v1/flux/batches/${mine.batchId}?code=NIR_CLE`)).json();
    expect(filtered.rejections.items).toEqual([{ line: 3, issuer: 'CPAM-593', messageId: 'MSG-3', code: 'NIR_CLE', field: 'nir', message: 'La clé du NIR ne correspond pas au numéro.' }]);
  });

  it('downloads the rejection report as CSV: BOM, « ; », French column names, no identity data', async () => {
    const charge = as(t.app, await login(t.app, demoEmail('charge-mission')));
    const res = await charge.get(`/api/v1/flux/batches/${mine.batchId}/rejections.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="rejets-arrets-cpam593-20261124-\d{4}-\d{2}-\d{2}\.csv"$/);
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = raw.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Ligne;Émetteur;Identifiant du message;Code;Champ;Message');
    expect(lines[1]).toBe('3;CPAM-593;MSG-3;NIR_CLE;nir;La clé du NIR ne correspond pas au numéro.');
    // A message holding the separator is quoted; a cell starting with « = » cannot run as a formula.
    expect(lines[2]).toBe(`7;CPAM-593;'=cmd|MSG-7;CONSENTEMENT_ABSENT;consentement;"Le salarié n'a pas donné son accord ; la ligne n'est pas conservée."`);
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
    expect(raw.toString('utf8')).not.toContain(mine.nir);
  });

  it('streams a large report page after page, every line once', async () => {
    const tenantId = await tenantIdOf(t.database, 'demo');
    const big = await insertBatchFixture(t.database, tenantId, { fileName: 'gros.csv' });
    const rows = Array.from({ length: 12_000 }, (_, i) => ({ tenant_id: tenantId, batch_id: big.batchId, line: 100 + i, emetteur: 'CPAM-593', id_message: `M${i}`, code: 'DATE_INVALIDE', field: 'date_debut', message: 'Date invalide.' }));
    for (let i = 0; i < rows.length; i += 2000) await t.database.db.insertInto('import_rejection').values(rows.slice(i, i + 2000)).execute();
    const medecin = as(t.app, await login(t.app, demoEmail('medecin')));
    const res = await medecin.get(`/api/v1/flux/batches/${big.batchId}/rejections.csv`);
    expect(res.statusCode).toBe(200);
    const lines = res.body.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + 2 + 12_000);
    const numbers = lines.slice(1).map((l) => Number(l.split(';')[0]));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('answers 404 for an unknown batch', async () => {
    const medecin = as(t.app, await login(t.app, demoEmail('medecin')));
    const res = await medecin.get('/api/v1/flux/batches/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('IMPORT_INTROUVABLE');
    expect((await medecin.get('/api/v1/flux/batches/pas-un-uuid')).statusCode).toBe(400);
  });
});

describe('who sees the history', () => {
  it.each(['infirmier', 'social', 'charge-mission', 'assistant', 'admin'])('%s may read it', async (who) => {
    const s = as(t.app, await login(t.app, demoEmail(who)));
    expect((await s.get('/api/v1/flux/batches')).statusCode).toBe(200);
  });

  it.each(['employeur', 'cpam', 'service-medical', 'carsat', 'cap-emploi', 'salarie'])('%s gets 403', async (who) => {
    const s = as(t.app, await login(t.app, demoEmail(who)));
    for (const url of ['/api/v1/flux/batches', `/api/v1/flux/batches/${mine.batchId}`, `/api/v1/flux/batches/${mine.batchId}/rejections.csv`]) {
      const res = await s.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.code).toBe('ACCES_REFUSE');
    }
  });

  it('requires a login', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/flux/batches' })).statusCode).toBe(401);
  });
});

describe('tenant isolation', () => {
  it("never shows another service's batches, reports or lines", async () => {
    const medecin = as(t.app, await login(t.app, demoEmail('medecin')));
    const list = (await medecin.get('/api/v1/flux/batches')).json();
    expect(list.items.map((b: { id: string }) => b.id)).not.toContain(theirs.batchId);
    expect(list.items.map((b: { fileName: string }) => b.fileName)).not.toContain('autre-service.csv');
    expect((await medecin.get(`/api/v1/flux/batches/${theirs.batchId}`)).statusCode).toBe(404);
    expect((await medecin.get(`/api/v1/flux/batches/${theirs.batchId}/rejections.csv`)).statusCode).toBe(404);
    expect((await medecin.get(`/api/v1/flux/quarantine/${theirs.quarantineId}`)).statusCode).toBe(404);
    const q = (await medecin.get('/api/v1/flux/quarantine')).json();
    expect(q.items.map((i: { id: string }) => i.id)).not.toContain(theirs.quarantineId);
    const resolve = await medecin.post(`/api/v1/flux/quarantine/${theirs.quarantineId}/resolve`, { action: 'rejeter', note: 'essai' });
    expect(resolve.statusCode).toBe(404);
    const other = as(t.app, await login(t.app, demoEmail('medecin', 'autre')));
    const theirList = (await other.get('/api/v1/flux/batches')).json();
    expect(theirList.items.map((b: { id: string }) => b.id)).toContain(theirs.batchId);
    expect(theirList.items.map((b: { id: string }) => b.id)).not.toContain(mine.batchId);
  });
});
