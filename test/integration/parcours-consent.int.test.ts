/**
 * The consent registry (docs/parcours-partners.md): the worker grants and withdraws his own
 * consents, the cell records written or oral ones, each purpose names allowed recipients, and a
 * withdrawal is effective at the very next partner request — through the HTTP API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasCurrentConsent } from '../../src/services/consent/consent-check';
import { as, type Session, type TestApp } from '../support/app';
import { consentScene } from './consent-scene';

let t: TestApp;
let s: Record<string, Session>;
const ACCOUNTS = ['salarie', 'charge-mission', 'assistant', 'admin', 'medecin', 'cap-emploi', 'carsat', 'cpam', 'employeur'];
let tenantId: string;
let orgId: Record<string, string>;
let workerId: string;
let dossierId: string;

beforeAll(async () => {
  ({ t, s, tenantId, orgId, workerId, dossierId } = await consentScene(ACCOUNTS));
});
afterAll(() => t?.close());

const api = (who: string) => as(t.app, s[who]);
const check = (org: string, purpose?: string) => t.database.db.transaction().execute((trx) => hasCurrentConsent(trx, tenantId, workerId, orgId[org], purpose));

describe('worker space: the worker gives and withdraws his own consents', () => {
  it('lists the purposes, the organisations that may receive, and his consents', async () => {
    const r = await api('salarie').get('/api/v1/me/consents');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.workerId).toBe(workerId);
    expect(body.canManage).toBe(true);
    expect(body.purposes.map((p: { code: string }) => p.code)).toContain('partage_dossier');
    const kinds = body.organisations.map((o: { kind: string }) => o.kind);
    expect(kinds).toContain('cap_emploi');
    expect(kinds).not.toContain('spsti');
    expect(kinds).not.toContain('company');
  });

  it('grant → the partner reads at once; withdraw → the next partner read is refused (403)', async () => {
    expect(await check('cap_emploi')).toBe(false);
    expect((await api('cap-emploi').get(`/api/v1/partner/dossiers/${dossierId}`)).statusCode).toBe(404);

    const g = await api('salarie').post('/api/v1/me/consents', { purpose: 'partage_dossier', organisationId: orgId.cap_emploi });
    expect(g.statusCode).toBe(201);
    const consent = g.json().consent;
    expect(g.json().created).toBe(true);
    expect(consent).toMatchObject({ purpose: 'partage_dossier', current: true, source: 'salarie', withdrawnAt: null });
    expect(await check('cap_emploi')).toBe(true);

    const list = (await api('cap-emploi').get('/api/v1/partner/dossiers')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(dossierId);
    const page = await api('cap-emploi').get(`/api/v1/partner/dossiers/${dossierId}`);
    expect(page.statusCode).toBe(200);
    expect(page.json().timeline.every((e: { category: string }) => ['administrative', 'employer_visible'].includes(e.category))).toBe(true);
    expect(page.json().timeline.some((e: { kind: string; title: string }) => e.kind === 'consent' && e.title === 'Consentement donné')).toBe(true);

    const w = await api('salarie').post(`/api/v1/me/consents/${consent.id}/withdraw`);
    expect(w.statusCode).toBe(200);
    expect(w.json().current).toBe(false);
    expect(await check('cap_emploi')).toBe(false);

    const refused = await api('cap-emploi').get(`/api/v1/partner/dossiers/${dossierId}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('CONSENTEMENT_RETIRE');
    expect((await api('cap-emploi').get(`/api/v1/dossiers/${dossierId}`)).statusCode).toBe(404);
    expect((await api('cap-emploi').post(`/api/v1/partner/dossiers/${dossierId}/notes`, { body: 'Après retrait' })).statusCode).toBe(403);
    const after = (await api('cap-emploi').get('/api/v1/partner/dossiers')).json();
    expect(after.items.map((i: { id: string }) => i.id)).not.toContain(dossierId);

    // The history stays whole: the withdrawn consent is listed with its dates.
    const mine = (await api('salarie').get('/api/v1/me/consents')).json();
    const row = mine.consents.find((c: { id: string }) => c.id === consent.id);
    expect(row.current).toBe(false);
    expect(row.withdrawnAt).not.toBeNull();
    expect(row.withdrawalSourceLabel).toBe('Donné par le salarié dans son espace');

    // Every grant and withdrawal is audited.
    const audit = await t.database.db.selectFrom('audit_event').select(['action', 'purpose', 'category']).where('subject_id', '=', consent.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['consent.grant', 'consent.withdraw']);
    expect(audit.every((a) => a.purpose === 'partage_dossier' && a.category === 'administrative')).toBe(true);
  });

  it('granting again what is current answers the same consent; withdrawing twice is a conflict', async () => {
    const a = await api('salarie').post('/api/v1/me/consents', { purpose: 'partage_dossier', organisationId: orgId.carsat_service_social });
    const b = await api('salarie').post('/api/v1/me/consents', { purpose: 'partage_dossier', organisationId: orgId.carsat_service_social });
    expect(a.json().created).toBe(true);
    expect(b.json().created).toBe(false);
    expect(b.json().consent.id).toBe(a.json().consent.id);
    const id = a.json().consent.id;
    expect((await api('salarie').post(`/api/v1/me/consents/${id}/withdraw`)).statusCode).toBe(200);
    const again = await api('salarie').post(`/api/v1/me/consents/${id}/withdraw`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONSENTEMENT_DEJA_RETIRE');
  });

  it('refuses unknown purposes, recipients a purpose may not name, and another worker’s consent', async () => {
    const unknown = await api('salarie').post('/api/v1/me/consents', { purpose: 'vente', organisationId: orgId.cap_emploi });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('FINALITE_INCONNUE');
    const wrongRecipient = await api('salarie').post('/api/v1/me/consents', { purpose: 'transmission_am', organisationId: orgId.cap_emploi });
    expect(wrongRecipient.statusCode).toBe(400);
    expect(wrongRecipient.json().error.code).toBe('DESTINATAIRE_NON_AUTORISE');
    const noOrg = await api('salarie').post('/api/v1/me/consents', { purpose: 'partage_dossier', organisationId: '00000000-0000-4000-8000-000000000000' });
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().error.code).toBe('ORGANISME_INCONNU');
    const spsti = await api('salarie').post('/api/v1/me/consents', { purpose: 'partage_dossier', organisationId: orgId.spsti });
    expect(spsti.json().error.code).toBe('DESTINATAIRE_NON_AUTORISE');
    const badId = await api('salarie').post('/api/v1/me/consents', { purpose: 'partage_dossier', organisationId: 'pas-un-uuid' });
    expect(badId.statusCode).toBe(400);
    // A consent of another worker answers as if it did not exist.
    const other = await t.database.db.selectFrom('consent').select('id').where('tenant_id', '=', tenantId).where('worker_id', '<>', workerId).where('withdrawn_at', 'is', null).executeTakeFirstOrThrow();
    const r = await api('salarie').post(`/api/v1/me/consents/${other.id}/withdraw`);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('CONSENTEMENT_INTROUVABLE');
  });
});

describe('purposes: only the partage du dossier opens the dossier to a partner', () => {
  it('a consent for the instance partenariale alone gives no access to the dossier', async () => {
    const g = await api('salarie').post('/api/v1/me/consents', { purpose: 'instance_partenariale', organisationId: orgId.cap_emploi });
    expect(g.statusCode).toBe(201);
    expect(await check('cap_emploi', 'instance_partenariale')).toBe(true);
    expect(await check('cap_emploi')).toBe(false);
    expect((await api('cap-emploi').get(`/api/v1/dossiers/${dossierId}`)).statusCode).toBe(404);
    expect((await api('cap-emploi').get(`/api/v1/partner/dossiers/${dossierId}`)).statusCode).toBe(403);
    await api('salarie').post(`/api/v1/me/consents/${g.json().consent.id}/withdraw`);
  });
});

describe('cell: recording a consent given on paper or orally', () => {
  it('a cell member with consent.manage records it with its source; the worker sees who recorded it', async () => {
    const missing = await api('charge-mission').post(`/api/v1/workers/${workerId}/consents`, { purpose: 'partage_dossier', organisationId: orgId.cap_emploi });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('SOURCE_REQUISE');
    const r = await api('charge-mission').post(`/api/v1/workers/${workerId}/consents`, { purpose: 'partage_dossier', organisationId: orgId.cap_emploi, source: 'professionnel_ecrit' });
    expect(r.statusCode).toBe(201);
    expect(r.json().consent).toMatchObject({ source: 'professionnel_ecrit', recordedByName: expect.stringContaining('Émilie Fontaine') });
    const registry = (await api('medecin').get(`/api/v1/workers/${workerId}/consents`)).json();
    expect(registry.consents.find((c: { id: string }) => c.id === r.json().consent.id).sourceLabel).toBe('Recueilli par écrit par la cellule');
    // Withdrawal recorded by the cell needs its source too, and is effective at once.
    const id = r.json().consent.id;
    expect((await api('charge-mission').post(`/api/v1/workers/${workerId}/consents/${id}/withdraw`, {})).json().error.code).toBe('SOURCE_REQUISE');
    expect(await check('cap_emploi')).toBe(true);
    const w = await api('assistant').post(`/api/v1/workers/${workerId}/consents/${id}/withdraw`, { source: 'professionnel_oral' });
    expect(w.statusCode).toBe(200);
    expect(w.json().withdrawalSourceLabel).toBe('Recueilli oralement par la cellule');
    expect(await check('cap_emploi')).toBe(false);
  });

  it('others may not record, and those who do not follow the worker do not see his registry', async () => {
    const admin = await api('admin').post(`/api/v1/workers/${workerId}/consents`, { purpose: 'partage_dossier', organisationId: orgId.cap_emploi, source: 'professionnel_ecrit' });
    expect(admin.statusCode).toBe(403);
    expect(admin.json().error.code).toBe('ACCES_REFUSE');
    expect((await api('admin').get(`/api/v1/workers/${workerId}/consents`)).json().canManage).toBe(false);
    for (const who of ['employeur', 'cpam', 'carsat']) {
      const r = await api(who).get(`/api/v1/workers/${workerId}/consents`);
      expect(r.statusCode, who).toBe(404);
      const w = await api(who).post(`/api/v1/workers/${workerId}/consents`, { purpose: 'partage_dossier', organisationId: orgId.cap_emploi, source: 'professionnel_ecrit' });
      expect([403, 404], who).toContain(w.statusCode);
    }
    // A worker cannot reach another worker's registry through the cell routes.
    const other = await t.database.db.selectFrom('worker').select('id').where('tenant_id', '=', tenantId).where('id', '<>', workerId).executeTakeFirstOrThrow();
    expect((await api('salarie').get(`/api/v1/workers/${other.id}/consents`)).statusCode).toBe(404);
  });
});
