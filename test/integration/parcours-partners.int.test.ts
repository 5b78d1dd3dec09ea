/**
 * Referrals (adressages) and the chef de file, the partner's case page and notes, and the secure
 * messages between the cell and a partner (docs/parcours-partners.md) — through the HTTP API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, type Session, type TestApp } from '../support/app';
import { consentScene } from './consent-scene';

let t: TestApp;
let s: Record<string, Session>;
const ACCOUNTS = ['salarie', 'charge-mission', 'assistant', 'medecin', 'cap-emploi', 'carsat', 'cpam', 'employeur'];
let tenantId: string;
let orgId: Record<string, string>;
let workerId: string;
let dossierId: string;

beforeAll(async () => {
  ({ t, s, tenantId, orgId, workerId, dossierId } = await consentScene(ACCOUNTS));
});
afterAll(() => t?.close());

const api = (who: string) => as(t.app, s[who]);
const grant = async (org: string) => (await api('salarie').post('/api/v1/me/consents', { purpose: 'partage_dossier', organisationId: orgId[org] })).json().consent.id as string;
const withdraw = (id: string) => api('salarie').post(`/api/v1/me/consents/${id}/withdraw`);
const refer = (body: Record<string, unknown>) => api('charge-mission').post(`/api/v1/dossiers/${dossierId}/referrals`, { kind: 'adressage', stage: 'pendant_arret', reason: 'Étude d’un aménagement de poste avec aide Agefiph', ...body });

describe('referrals', () => {
  it('needs a current consent of the worker for that organisation (French error otherwise)', async () => {
    const r = await refer({ organisationId: orgId.cap_emploi });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('CONSENTEMENT_REQUIS');
    expect(r.json().error.message).toContain('Cap emploi Nord');
  });

  it('validates kind, stage, motif and organisation; only referral.manage may refer', async () => {
    await grant('cap_emploi');
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'vente' }, 'TYPE_ADRESSAGE_INCONNU'],
      [{ stage: 'jamais' }, 'STADE_INCONNU'],
      [{ reason: '   ' }, 'CHAMP_MANQUANT'],
      [{ reason: 'abcd' }, 'TEXTE_TROP_COURT'],
      [{ reason: 'x'.repeat(4001) }, 'TEXTE_TROP_LONG'],
      [{ organisationId: orgId.spsti }, 'ORGANISME_NON_PARTENAIRE'],
    ];
    for (const [body, code] of cases) {
      const r = await refer({ organisationId: orgId.cap_emploi, ...body });
      expect(r.statusCode, code).toBe(400);
      expect(r.json().error.code).toBe(code);
    }
    // Both sides of the motif's bounds pass: 5 and 4000 characters.
    const assistant = await api('assistant').post(`/api/v1/dossiers/${dossierId}/referrals`, { organisationId: orgId.cap_emploi, kind: 'adressage', stage: 'precoce', reason: 'abcde' });
    expect(assistant.statusCode).toBe(403);
    expect((await api('cap-emploi').post(`/api/v1/dossiers/${dossierId}/referrals`, { organisationId: orgId.cap_emploi, kind: 'adressage', stage: 'precoce', reason: 'abcde' })).statusCode).toBe(403);
  });

  it('an adressage at the dismissal stage is flagged late; the partner accepts and gives feedback; the cell keeps the lead', async () => {
    const before = (await api('charge-mission').get(`/api/v1/dossiers/${dossierId}/referrals`)).json();
    const r = await refer({ organisationId: orgId.cap_emploi, stage: 'licenciement', reason: 'abcde' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ kind: 'adressage', stage: 'licenciement', late: true, status: 'envoye' });
    const dup = await refer({ organisationId: orgId.cap_emploi, reason: 'x'.repeat(4000) });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('ADRESSAGE_EN_ATTENTE');

    // The partner sees it on its list (waiting) and on the case page.
    const list = (await api('cap-emploi').get('/api/v1/partner/dossiers')).json();
    expect(list.items.find((i: { id: string }) => i.id === dossierId).pendingReferrals).toBe(1);
    const page = (await api('cap-emploi').get(`/api/v1/partner/dossiers/${dossierId}`)).json();
    expect(page.referrals.map((x: { id: string }) => x.id)).toEqual([r.json().id]);

    // Other partners do not answer it.
    expect((await api('cpam').post(`/api/v1/referrals/${r.json().id}/response`, { decision: 'accepte' })).statusCode).toBe(404);
    const noNote = await api('cap-emploi').post(`/api/v1/referrals/${r.json().id}/response`, { decision: 'refuse' });
    expect(noNote.json().error.code).toBe('CHAMP_MANQUANT');
    const feedbackTooEarly = await api('cap-emploi').post(`/api/v1/referrals/${r.json().id}/feedback`, { feedback: 'Premier entretien fait.' });
    expect(feedbackTooEarly.statusCode).toBe(409);

    const ok = await api('cap-emploi').post(`/api/v1/referrals/${r.json().id}/response`, { decision: 'accepte', note: 'Pris en charge par Julien Lecomte.' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'accepte', respondedByName: expect.stringContaining('Julien Lecomte') });
    expect((await api('cap-emploi').post(`/api/v1/referrals/${r.json().id}/response`, { decision: 'refuse', note: 'Changement d’avis' })).json().error.code).toBe('STATUT_ADRESSAGE_INCOMPATIBLE');
    const fb = await api('cap-emploi').post(`/api/v1/referrals/${r.json().id}/feedback`, { feedback: 'Dossier Agefiph déposé, étude ergonomique prévue.' });
    expect(fb.json().feedback).toContain('Agefiph');

    const after = (await api('charge-mission').get(`/api/v1/dossiers/${dossierId}/referrals`)).json();
    expect(after.lead).toEqual(before.lead);
    expect(after.items[0]).toMatchObject({ status: 'accepte', late: true });
    expect(after.organisations.find((o: { id: string }) => o.id === orgId.cap_emploi).consent).toBe(true);
    // The cell closes it; a closed referral cannot be cancelled.
    expect((await api('charge-mission').post(`/api/v1/referrals/${r.json().id}/status`, { status: 'clos' })).json().status).toBe('clos');
    expect((await api('charge-mission').post(`/api/v1/referrals/${r.json().id}/status`, { status: 'annule' })).statusCode).toBe(409);
  });

  it('a transfer accepted by the Carsat service social makes it chef de file, recorded in the timeline', async () => {
    await grant('carsat_service_social');
    const r = await refer({ organisationId: orgId.carsat_service_social, kind: 'transfert', stage: 'pendant_arret', reason: 'Situation T4 : accompagnement médico-social renforcé' });
    expect(r.statusCode).toBe(201);
    expect(r.json().late).toBe(false);
    const refused = await api('carsat').post(`/api/v1/referrals/${r.json().id}/response`, { decision: 'accepte' });
    expect(refused.statusCode).toBe(200);
    const lead = (await t.database.db.selectFrom('dossier').select('lead_organisation_id').where('id', '=', dossierId).executeTakeFirstOrThrow()).lead_organisation_id;
    expect(lead).toBe(orgId.carsat_service_social);
    const page = (await api('medecin').get(`/api/v1/dossiers/${dossierId}`)).json();
    expect(page.timeline.some((e: { kind: string; title: string }) => e.kind === 'lead' && e.title.includes('Service social Carsat'))).toBe(true);
    const carsat = (await api('carsat').get(`/api/v1/partner/dossiers/${dossierId}`)).json();
    expect(carsat.lead.isMe).toBe(true);
    const again = await refer({ organisationId: orgId.carsat_service_social, kind: 'transfert' });
    expect(again.json().error.code).toBe('DEJA_CHEF_DE_FILE');
    const audit = await t.database.db.selectFrom('audit_event').select('action').where('subject_id', '=', dossierId).where('action', '=', 'dossier.lead.change').execute();
    expect(audit).toHaveLength(1);
  });

  it('a partner cannot answer a referral after the worker withdrew his consent', async () => {
    const id = await grant('cap_emploi');
    const r = await refer({ organisationId: orgId.cap_emploi, stage: 'reprise' });
    expect(r.statusCode).toBe(201);
    await withdraw(id);
    const answer = await api('cap-emploi').post(`/api/v1/referrals/${r.json().id}/response`, { decision: 'accepte' });
    expect(answer.statusCode).toBe(403);
    expect(answer.json().error.code).toBe('CONSENTEMENT_RETIRE');
    expect((await api('charge-mission').post(`/api/v1/referrals/${r.json().id}/status`, { status: 'annule' })).json().status).toBe('annule');
  });
});

describe('partner case page and notes', () => {
  it('shows only administrative and employer-visible entries, never medical; partner notes land in the timeline', async () => {
    await api('medecin').post(`/api/v1/dossiers/${dossierId}/entries`, { category: 'medical', body: 'SECRET-MEDICAL lombalgie chronique' });
    const note = await api('carsat').post(`/api/v1/partner/dossiers/${dossierId}/notes`, { title: 'Visite à domicile', body: 'Rencontre avec le salarié, dossier de retraite progressive évoqué.' });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ kind: 'partner_note', category: 'administrative' });
    const page = await api('carsat').get(`/api/v1/partner/dossiers/${dossierId}`);
    expect(page.body).not.toContain('SECRET-MEDICAL');
    expect(page.json().timeline.some((e: { id: string }) => e.id === note.json().id)).toBe(true);
    const cell = (await api('charge-mission').get(`/api/v1/dossiers/${dossierId}`)).json();
    expect(cell.timeline.some((e: { id: string }) => e.id === note.json().id)).toBe(true);
    expect((await api('carsat').post(`/api/v1/partner/dossiers/${dossierId}/notes`, { body: '  ' })).json().error.code).toBe('TEXTE_REQUIS');
    // Employers and workers have no partner page.
    expect((await api('employeur').get(`/api/v1/partner/dossiers/${dossierId}`)).statusCode).toBe(403);
    expect((await api('salarie').get(`/api/v1/partner/dossiers/${dossierId}`)).statusCode).toBe(403);
    const reads = await t.database.db.selectFrom('audit_event').select('action').where('subject_id', '=', dossierId).where('action', '=', 'partner.dossier.read').execute();
    expect(reads.length).toBeGreaterThan(0);
  });
});

describe('secure messages', () => {
  it('cell ↔ partner per case, with unread counts on both sides; sending checks the consent', async () => {
    const cellSend = await api('charge-mission').post(`/api/v1/dossiers/${dossierId}/messages`, { organisationId: orgId.carsat_service_social, body: 'Pouvez-vous nous dire où en est la demande de retraite progressive ?' });
    expect(cellSend.statusCode).toBe(201);
    expect((await api('carsat').get('/api/v1/partner/dossiers')).json().items.find((i: { id: string }) => i.id === dossierId).unreadMessages).toBe(1);
    expect((await api('carsat').get(`/api/v1/partner/dossiers/${dossierId}`)).json().unreadMessages).toBe(1);
    const thread = (await api('carsat').get(`/api/v1/dossiers/${dossierId}/messages`)).json();
    expect(thread.side).toBe('partenaire');
    expect(thread.items.map((m: { body: string }) => m.body)).toEqual([cellSend.json().body]);
    expect((await api('carsat').get('/api/v1/partner/dossiers')).json().items.find((i: { id: string }) => i.id === dossierId).unreadMessages).toBe(0);

    expect((await api('carsat').post(`/api/v1/dossiers/${dossierId}/messages`, { body: 'Demande déposée le 12, réponse sous un mois.' })).statusCode).toBe(201);
    const threads = (await api('medecin').get(`/api/v1/dossiers/${dossierId}/threads`)).json();
    const carsat = threads.items.find((i: { organisation: { id: string } }) => i.organisation.id === orgId.carsat_service_social);
    expect(carsat).toMatchObject({ messages: 2, unread: 1, consent: true });
    await api('medecin').get(`/api/v1/dossiers/${dossierId}/messages?organisationId=${orgId.carsat_service_social}`);
    expect((await api('medecin').get(`/api/v1/dossiers/${dossierId}/threads`)).json().unread).toBe(0);

    // Cap emploi's consent was withdrawn: the cell cannot write to it, and it cannot read.
    const refused = await api('charge-mission').post(`/api/v1/dossiers/${dossierId}/messages`, { organisationId: orgId.cap_emploi, body: 'Bonjour' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('CONSENTEMENT_REQUIS');
    expect((await api('cap-emploi').get(`/api/v1/dossiers/${dossierId}/messages`)).statusCode).toBe(403);
    expect((await api('charge-mission').post(`/api/v1/dossiers/${dossierId}/messages`, { body: 'Sans destinataire' })).json().error.code).toBe('ORGANISME_REQUIS');
    expect((await api('carsat').post(`/api/v1/dossiers/${dossierId}/messages`, { body: 'x'.repeat(4001) })).json().error.code).toBe('TEXTE_TROP_LONG');
    expect((await api('employeur').get(`/api/v1/dossiers/${dossierId}/threads`)).statusCode).toBe(404);
  });
});

describe('demo content', () => {
  it('seeds referrals in every status, a lead transfer to the Carsat, threads and the worker’s own consents', async () => {
    const { seedParcoursPartnersDemo } = await import('../../src/demo/parcours-partners');
    const before = await t.database.db.selectFrom('referral').select('id').execute();
    await seedParcoursPartnersDemo(t.database, tenantId, new Date());
    const rows = await t.database.db.selectFrom('referral').select(['status', 'kind', 'late', 'organisation_id', 'dossier_id']).where('id', 'not in', before.map((b) => b.id)).execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['envoye', 'accepte', 'refuse', 'annule', 'clos']));
    expect(rows.some((r) => r.late)).toBe(true);
    const transfer = rows.find((r) => r.kind === 'transfert')!;
    const lead = await t.database.db.selectFrom('dossier').select('lead_organisation_id').where('id', '=', transfer.dossier_id).executeTakeFirstOrThrow();
    expect(lead.lead_organisation_id).toBe(orgId.carsat_service_social);
    const unread = await t.database.db.selectFrom('case_message').select(['sender_side']).where('read_at', 'is', null).execute();
    expect(new Set(unread.map((u) => u.sender_side))).toEqual(new Set(['cellule', 'partenaire']));
    const mine = (await api('salarie').get('/api/v1/me/consents')).json();
    expect(mine.consents.some((c: { source: string; current: boolean }) => c.source === 'salarie' && !c.current)).toBe(true);
    expect(mine.consents.some((c: { purpose: string; current: boolean }) => c.purpose === 'instance_partenariale' && c.current)).toBe(true);
  });
});
