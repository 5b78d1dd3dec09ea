/** Workers and companies through the API: identity checks (NIR, SIRET), search, worker page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nirKey } from '../../src/domain/identity/nir';
import { luhnCheckDigit } from '../../src/domain/identity/siret';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
let cm: Session;
let asst: Session;
beforeAll(async () => {
  t = await startTestApp();
  cm = await login(t.app, demoEmail('charge-mission'));
  asst = await login(t.app, demoEmail('assistant'));
});
afterAll(() => t?.close());

const nir13 = '2840359350012';
const validNir = nir13 + nirKey(nir13);
const siren8 = '98765432';
const siren = siren8 + luhnCheckDigit(siren8);
const siret13 = `${siren}0001`;
const validSiret = siret13 + luhnCheckDigit(siret13);

describe('companies', () => {
  let companyId: string;
  it('registers a company with a valid SIRET and refuses a bad key or a duplicate', async () => {
    const c = as(t.app, cm);
    const bad = await c.post('/api/v1/companies', { siret: validSiret.slice(0, 13) + ((Number(validSiret[13]) + 1) % 10), name: 'Test SARL' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'SIRET_CLE', field: 'siret' });
    const ok = await c.post('/api/v1/companies', { siret: validSiret.replace(/(\d{3})/g, '$1 ').trim(), name: 'Boulangerie Test', naf: '1071C', workforce: 12, city: 'Lille' });
    expect(ok.statusCode).toBe(201);
    companyId = ok.json().id;
    expect((await c.post('/api/v1/companies', { siret: validSiret, name: 'Doublon' })).json().error.code).toBe('SIRET_DEJA_CONNU');
    const found = (await c.get(`/api/v1/companies?q=${siren}`)).json();
    expect(found.items.map((i: { id: string }) => i.id)).toContain(companyId);
    expect((await c.get('/api/v1/companies?q=boulangerie%20test')).json().items[0]).toMatchObject({ siret: validSiret, naf: '1071C' });
  });

  it('creates a worker with a valid NIR and his job; refuses incoherent identities', async () => {
    const c = as(t.app, cm);
    const base = { birthName: 'Testeuse', firstNames: 'Anne Marie', birthDate: '1984-03-12', sex: 2, companyId, jobTitle: 'Vendeuse', startDate: '2020-01-06' };
    const key = await c.post('/api/v1/workers', { ...base, nir: nir13 + '00' });
    expect(key.json().error).toMatchObject({ code: 'NIR_CLE', field: 'nir' });
    const sex = await c.post('/api/v1/workers', { ...base, sex: 1, nir: validNir });
    expect(sex.json().error.code).toBe('SEXE_INCOHERENT');
    const birth = await c.post('/api/v1/workers', { ...base, birthDate: '1985-03-12', nir: validNir });
    expect(birth.json().error.code).toBe('NAISSANCE_INCOHERENTE');
    const ok = await c.post('/api/v1/workers', { ...base, nir: validNir.replace(/(\d{2})/, '$1 ') });
    expect(ok.statusCode).toBe(201);
    const id = ok.json().id;
    expect((await c.post('/api/v1/workers', { ...base, nir: validNir })).json().error.code).toBe('NIR_DEJA_CONNU');

    const page = (await c.get(`/api/v1/workers/${id}`)).json();
    expect(page).toMatchObject({ displayName: 'TESTEUSE Anne', nir: validNir, employments: [expect.objectContaining({ jobTitle: 'Vendeuse', company: expect.objectContaining({ id: companyId }) })] });
    const asAssistant = (await as(t.app, asst).get(`/api/v1/workers/${id}`)).json();
    expect(asAssistant).not.toHaveProperty('nir');
    expect(asAssistant.nirMasked).toMatch(/^2 84 03/);

    // Search by name, birth date and full NIR; the NIR read is audited, not the search text.
    expect((await c.get('/api/v1/workers?q=testeuse')).json().items.map((i: { id: string }) => i.id)).toContain(id);
    expect((await c.get('/api/v1/workers?q=testeuse%2012/03/1984')).json().items).toHaveLength(1);
    expect((await c.get(`/api/v1/workers?q=${validNir}`)).json().items.map((i: { id: string }) => i.id)).toEqual([id]);
    const audit = await t.database.db.selectFrom('audit_event').selectAll().where('subject_id', '=', id).execute();
    expect(JSON.stringify(audit)).not.toContain(validNir);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['worker.create', 'worker.read']));
  });

  it('finds a worker by any word of his names, whatever the accents, case and hyphens', async () => {
    const c = as(t.app, cm);
    const created = await c.post('/api/v1/workers', { birthName: 'Da Silva', usageName: "N'Diaye", firstNames: 'Jérôme-Émile', birthDate: '1979-07-02', sex: 1 });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    for (const q of ['da silva', 'DA SILVA Jérôme', 'silva jerome', 'emile', 'diaye', "n'diaye emile", 'Jérôme-Émile']) {
      const ids = (await c.get(`/api/v1/workers?q=${encodeURIComponent(q)}`)).json().items.map((i: { id: string }) => i.id);
      expect(ids, q).toContain(id);
    }
    for (const q of ['ilva', 'jerome dupont', 'silvax']) {
      const ids = (await c.get(`/api/v1/workers?q=${encodeURIComponent(q)}`)).json().items.map((i: { id: string }) => i.id);
      expect(ids, q).not.toContain(id);
    }
  });

  it('refuses worker creation to roles outside the cell', async () => {
    const employer = await login(t.app, demoEmail('employeur'));
    const res = await as(t.app, employer).post('/api/v1/workers', { birthName: 'X', firstNames: 'Y', birthDate: '1990-01-01', sex: 1 });
    expect(res.statusCode).toBe(403);
  });
});
