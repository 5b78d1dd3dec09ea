/**
 * Returns to the Assurance maladie through the API: recording accompaniments on a dossier born
 * from the flux, job information only with the worker's consent (and dropped after a
 * withdrawal), idempotence, the export file and its confirmation, the machine outbox and
 * acknowledgements with a `retours` token, access, and the audit trail.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as signals from '../../src/db/repositories/signal.repository';
import { civilDate } from '../../src/domain/calendar/dates';
import { AM_RETURN_FIELDS } from '../../src/domain/intake/am-return';
import { systemPrincipal, withCtx } from '../../src/services/context';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
const s: Record<string, Session> = {};
let tenantId: string;
let fluxDossiers: { id: string; workerId: string }[] = [];
let nextFlux = 0;
const tokens: Record<string, string> = {};

const today = civilDate(new Date());
const daysAgo = (n: number) => civilDate(new Date(Date.now() - n * 86_400_000));

beforeAll(async () => {
  t = await startTestApp();
  for (const local of ['medecin', 'charge-mission', 'social', 'assistant', 'admin', 'cpam', 'service-medical', 'employeur', 'salarie']) {
    s[local] = await login(t.app, demoEmail(local));
  }
  tenantId = (await t.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  const list = (await api('charge-mission').get('/api/v1/dossiers?scope=service&pageSize=100&sort=reference')).json();
  const all = [];
  for (let page = 1; page <= Math.ceil(list.total / 100); page++) {
    all.push(...(await api('charge-mission').get(`/api/v1/dossiers?scope=service&pageSize=100&sort=reference&page=${page}`)).json().items);
  }
  fluxDossiers = all.filter((d: { origin: string }) => d.origin === 'flux_am').map((d: { id: string; worker: { id: string } }) => ({ id: d.id, workerId: d.worker.id }));
  expect(fluxDossiers.length).toBeGreaterThan(6);
  const admin = api('admin');
  for (const scope of ['retours', 'flux', 'dossiers:read']) {
    const r = await admin.post('/api/v1/api-tokens', { name: `Test ${scope}`, scopes: [scope], organisationId: s.cpam.me.user.organisation.id });
    expect(r.statusCode).toBe(201);
    tokens[scope] = r.json().token;
  }
});
afterAll(() => t?.close());

const api = (who: string) => as(t.app, s[who]);
const bearer = (scope: string) => ({ authorization: `Bearer ${tokens[scope]}` });
const outbox = (query = '', scope = 'retours') => t.app.inject({ method: 'GET', url: `/api/v1/am-returns/outbox${query}`, headers: bearer(scope) });
const ack = (acknowledgements: unknown[], scope = 'retours') => t.app.inject({ method: 'POST', url: '/api/v1/am-returns/ack', headers: bearer(scope), payload: { acknowledgements } });

/** A dossier born from the flux, with a flux arrêt attached by a flux signal. */
async function fluxCase(emetteur = 'CPAM-593') {
  const d = fluxDossiers[nextFlux++];
  const n = nextFlux;
  const arretId = await withCtx(t.database, systemPrincipal(tenantId, tenantId), async (ctx) => {
    const a = await signals.insertArret(ctx.trx, {
      tenant_id: tenantId,
      worker_id: d.workerId,
      source: 'flux_am',
      emetteur,
      external_id: `AM-TEST-${n}`,
      nature: 'maladie',
      start_date: daysAgo(80),
      expected_end_date: daysAgo(-20),
    });
    await signals.insertSignal(ctx.trx, { tenant_id: tenantId, worker_id: d.workerId, dossier_id: d.id, source: 'flux_am', kind: 'arret', reason: 'duree', consent_given: true, consent_date: daysAgo(78), arret_id: a.id });
    return a.id;
  });
  return { dossierId: d.id, workerId: d.workerId, arretId, idArret: `AM-TEST-${n}` };
}

const JOB = { jobTitle: 'Aide-soignante de nuit', pcs: '52a1', rome: 'J1501', workingConditions: 'Travail de nuit; port de charges' };

async function auditActions(action: string) {
  return t.database.db.selectFrom('audit_event').select(['action', 'subject_id', 'details']).where('tenant_id', '=', tenantId).where('action', '=', action).execute();
}

function parseJsonl(body: string) {
  return body
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, string>);
}

describe('the dossier section', () => {
  it('lists the flux arrêts of the dossier, the catalogue and the consent', async () => {
    const c = await fluxCase();
    const r = await api('charge-mission').get(`/api/v1/dossiers/${c.dossierId}/am-returns`);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.bornFromFlux).toBe(true);
    expect(body.arrets).toContainEqual(expect.objectContaining({ id: c.arretId, recipient: 'CPAM-593', amArretId: c.idArret, cancelled: false }));
    expect(body.types.map((x: { code: string }) => x.code)).toContain('VPR_REALISEE');
    expect(body.jobConsent.given).toBe(false);
    expect(body.recipients.length).toBeGreaterThan(0);
    expect(body.messages).toEqual([]);
  });

  it('refuses a return on a dossier without flux arrêt, and an arrêt of another dossier', async () => {
    const list = (await api('charge-mission').get('/api/v1/dossiers?scope=service&pageSize=100')).json();
    const other = list.items.find((d: { origin: string }) => d.origin === 'equipe');
    const c = await fluxCase();
    const r1 = await api('charge-mission').post(`/api/v1/dossiers/${other.id}/am-returns`, { arretId: c.arretId, type: 'TPT', date: today });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.code).toMatch(/DOSSIER_HORS_FLUX|ARRET_NON_RATTACHE/);
  });
});

describe('recording an accompaniment', () => {
  it('creates one message addressed to the flux issuer; the same recording again makes none; other content conflicts', async () => {
    const c = await fluxCase('ELSM-59');
    const body = { arretId: c.arretId, type: 'RDV_LIAISON', date: daysAgo(2), comment: 'Rendez-vous tenu avec l’employeur.' };
    const r1 = await api('charge-mission').post(`/api/v1/dossiers/${c.dossierId}/am-returns`, body);
    expect(r1.statusCode).toBe(201);
    const m = r1.json().message;
    expect(m).toMatchObject({ recipient: 'ELSM-59', amArretId: c.idArret, type: 'RDV_LIAISON', typeLabel: 'Rendez-vous de liaison', status: 'a_transmettre', statusLabel: 'À transmettre', job: null, jobIncluded: false });
    expect(m.messageId).toMatch(/^RAM-[0-9A-F]{32}$/);

    const r2 = await api('medecin').post(`/api/v1/dossiers/${c.dossierId}/am-returns`, body);
    expect(r2.statusCode).toBe(200);
    expect(r2.json()).toMatchObject({ created: false, message: { id: m.id, messageId: m.messageId } });
    const r3 = await api('medecin').post(`/api/v1/dossiers/${c.dossierId}/am-returns`, { ...body, comment: 'Autre chose' });
    expect(r3.statusCode).toBe(409);
    expect(r3.json().error.code).toBe('RETOUR_DEJA_ENREGISTRE');

    const section = (await api('charge-mission').get(`/api/v1/dossiers/${c.dossierId}/am-returns`)).json();
    expect(section.messages).toHaveLength(1);
    const page = (await api('charge-mission').get(`/api/v1/dossiers/${c.dossierId}`)).json();
    expect(page.timeline.some((e: { kind: string; title: string }) => e.kind === 'am_return' && e.title === "Accompagnement communiqué à l'Assurance maladie")).toBe(true);
    const created = await auditActions('am_return.create');
    const ev = created.find((e) => e.subject_id === m.id);
    expect(ev).toBeDefined();
    expect(JSON.stringify(ev!.details)).not.toMatch(/employeur|Rendez-vous/);
  });

  it('refuses bad input with French messages, never a 500', async () => {
    const c = await fluxCase();
    const url = `/api/v1/dossiers/${c.dossierId}/am-returns`;
    const cm = api('charge-mission');
    expect((await cm.post(url, { arretId: c.arretId, type: 'INCONNU', date: today })).statusCode).toBe(400);
    const future = await cm.post(url, { arretId: c.arretId, type: 'TPT', date: daysAgo(-1) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'DATE_FUTURE', field: 'date' });
    const nir = await cm.post(url, { arretId: c.arretId, type: 'TPT', date: today, comment: 'NIR 184127645108946' });
    expect(nir.json().error.code).toBe('COMMENTAIRE_NIR');
    expect((await cm.post(url, { arretId: c.arretId, type: 'TPT', date: '2026-02-30' })).statusCode).toBe(400);
    expect((await cm.post(url, { type: 'TPT', date: today })).statusCode).toBe(400);
  });
});

describe('job information and the worker’s consent', () => {
  it('is refused without consent, included with it, and dropped after a withdrawal for undelivered messages', async () => {
    const c = await fluxCase();
    const url = `/api/v1/dossiers/${c.dossierId}/am-returns`;
    const cm = api('charge-mission');
    const refused = await cm.post(url, { arretId: c.arretId, type: 'AMENAGEMENT_POSTE', date: daysAgo(3), ...JOB });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'CONSENTEMENT_POSTE_ABSENT', field: 'jobTitle' });
    expect(refused.json().error.message).toContain('accord');

    // The same form records the consent (« Le salarié accepte la transmission… »).
    const ok = await cm.post(url, { arretId: c.arretId, type: 'AMENAGEMENT_POSTE', date: daysAgo(3), ...JOB, recordJobConsent: true });
    expect(ok.statusCode).toBe(201);
    const m1 = ok.json().message;
    expect(m1).toMatchObject({ jobIncluded: true, job: { jobTitle: 'Aide-soignante de nuit', pcs: '52A1', rome: 'J1501' } });
    const consentEv = await auditActions('consent.grant');
    expect(consentEv.length).toBeGreaterThan(0);
    const consentRow = await t.database.db.selectFrom('consent').selectAll().where('tenant_id', '=', tenantId).where('worker_id', '=', c.workerId).where('purpose', '=', 'retour_am_poste').executeTakeFirstOrThrow();
    expect(consentRow.withdrawn_at).toBeNull();

    // A second message with job information, then delivered through the outbox before the withdrawal.
    const m2 = (await cm.post(url, { arretId: c.arretId, type: 'ESSAI_ENCADRE', date: daysAgo(2), ...JOB })).json().message;
    const section = (await cm.get(`/api/v1/dossiers/${c.dossierId}/am-returns`)).json();
    expect(section.jobConsent.given).toBe(true);

    let file = parseJsonl((await cm.get('/api/v1/am-returns/export?format=jsonl')).body);
    expect(file.find((x) => x.id_message === m1.messageId)).toMatchObject({ informations_poste: 'oui', poste_intitule: 'Aide-soignante de nuit', poste_pcs: '52A1', conditions_travail: 'Travail de nuit; port de charges' });
    const confirmed = await cm.post('/api/v1/am-returns/export/confirm', { messageIds: [m2.messageId] });
    expect(confirmed.json()).toMatchObject({ confirmed: 1 });

    const w = await cm.post(`/api/v1/dossiers/${c.dossierId}/am-returns/consent/withdraw`);
    expect(w.json()).toEqual({ withdrawn: 1 });
    file = parseJsonl((await cm.get('/api/v1/am-returns/export?format=jsonl')).body);
    expect(file.find((x) => x.id_message === m1.messageId)).toMatchObject({ informations_poste: 'non', poste_intitule: '', poste_pcs: '', poste_rome: '', conditions_travail: '' });
    const after = (await cm.get(`/api/v1/dossiers/${c.dossierId}/am-returns`)).json();
    expect(after.jobConsent.given).toBe(false);
    expect(after.messages.find((x: { id: string }) => x.id === m1.id).jobIncluded).toBe(false);
    // The message already sent with the job information records that it did.
    expect(after.messages.find((x: { id: string }) => x.id === m2.id)).toMatchObject({ status: 'transmis', jobIncluded: true });

    // The machine outbox serves neither message with job information any more.
    let cursor = 0;
    const served: Record<string, string>[] = [];
    for (;;) {
      const r = (await outbox(`?after=${cursor}&limit=500`)).json();
      served.push(...r.items.map((i: { message: Record<string, string> }) => i.message));
      cursor = r.nextCursor;
      if (!r.hasMore) break;
    }
    for (const id of [m1.messageId, m2.messageId]) {
      expect(served.find((x) => x.id_message === id)).toMatchObject({ informations_poste: 'non', poste_intitule: '' });
    }
    // And the cell can no longer add job information.
    const again = await cm.post(url, { arretId: c.arretId, type: 'TPT', date: daysAgo(1), jobTitle: 'Cariste' });
    expect(again.json().error.code).toBe('CONSENTEMENT_POSTE_ABSENT');
  });
});

describe('the job-information consent shares nothing else', () => {
  it('does not open the dossier to the CPAM agent', async () => {
    const cpamOrg = s.cpam.me.user.organisation.id;
    const shared = new Set(
      (await t.database.db.selectFrom('consent').select('worker_id').where('tenant_id', '=', tenantId).where('recipient_organisation_id', '=', cpamOrg).execute()).map((r) => r.worker_id),
    );
    // A flux dossier whose worker never agreed to share anything with the CPAM.
    while (shared.has(fluxDossiers[nextFlux].workerId)) nextFlux++;
    const c = await fluxCase();
    const r = await api('charge-mission').post(`/api/v1/dossiers/${c.dossierId}/am-returns`, { arretId: c.arretId, type: 'TPT', date: daysAgo(1), jobTitle: 'Cariste', recordJobConsent: true });
    expect(r.statusCode).toBe(201);
    expect(r.json().message.jobIncluded).toBe(true);
    expect((await api('cpam').get(`/api/v1/dossiers/${c.dossierId}`)).statusCode).toBe(404);
    const space = (await api('cpam').get('/api/v1/partner/dossiers')).json();
    expect(space.items.map((i: { id: string }) => i.id)).not.toContain(c.dossierId);
  });
});

describe('export file', () => {
  it('matches docs/formats/retours-am.md and changes no status until confirmed', async () => {
    const c = await fluxCase('CPAM-594');
    const cm = api('charge-mission');
    const m = (await cm.post(`/api/v1/dossiers/${c.dossierId}/am-returns`, { arretId: c.arretId, type: 'BILAN_COMPETENCES', date: daysAgo(1), comment: 'Bilan prescrit; "CEP" contacté' })).json().message;

    const doc = readFileSync(new URL('../../docs/formats/retours-am.md', import.meta.url), 'utf8');
    const csvBlock = /```csv\n([\s\S]*?)```/.exec(doc)![1];
    const docHeader = csvBlock.split('\n')[0];
    expect(docHeader).toBe(AM_RETURN_FIELDS.join(';'));
    const docJson = JSON.parse(/```json\n(.*)\n/.exec(doc)![1]);
    expect(Object.keys(docJson)).toEqual([...AM_RETURN_FIELDS]);
    for (const f of AM_RETURN_FIELDS) expect(doc).toContain(`| \`${f}\` |`);

    const csv = await cm.get('/api/v1/am-returns/export?format=csv&recipient=CPAM-594');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="retours-am-CPAM-594-\d{14}\.csv"/);
    const lines = csv.body.trimEnd().split('\n');
    expect(lines[0]).toBe(docHeader);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      ['1', m.messageId, 'demo', 'CPAM-594', c.idArret, 'BILAN_COMPETENCES', 'Bilan de compétences', daysAgo(1), '"Bilan prescrit; ""CEP"" contacté"', 'non', '', '', '', '', new Date(m.createdAt).toISOString()].join(';'),
    );
    const jsonl = parseJsonl((await cm.get('/api/v1/am-returns/export?format=jsonl&recipient=CPAM-594')).body);
    expect(jsonl).toHaveLength(1);
    expect(Object.keys(jsonl[0])).toEqual([...AM_RETURN_FIELDS]);
    expect(jsonl[0].commentaire).toBe('Bilan prescrit; "CEP" contacté');

    let section = (await cm.get(`/api/v1/dossiers/${c.dossierId}/am-returns`)).json();
    expect(section.messages[0].status).toBe('a_transmettre');
    const conf = await cm.post('/api/v1/am-returns/export/confirm', { messageIds: [m.messageId, 'RAM-INCONNU'] });
    expect(conf.json()).toEqual({ confirmed: 1, unchanged: [], unknown: ['RAM-INCONNU'] });
    expect((await cm.post('/api/v1/am-returns/export/confirm', { messageIds: [m.messageId] })).json()).toEqual({ confirmed: 0, unchanged: [m.messageId], unknown: [] });
    section = (await cm.get(`/api/v1/dossiers/${c.dossierId}/am-returns`)).json();
    expect(section.messages[0]).toMatchObject({ status: 'transmis', channel: 'fichier', transmissions: 1 });
    expect((await cm.get('/api/v1/am-returns/export?format=csv&recipient=CPAM-594')).body.trimEnd().split('\n')).toHaveLength(1);
    expect((await auditActions('am_return.export')).length).toBeGreaterThan(0);
    expect((await cm.get('/api/v1/am-returns/export?format=xml')).statusCode).toBe(400);
  });
});

describe('export file: formula injection (issue 12, item 7)', () => {
  it('writes a comment beginning with = neutralised by a leading apostrophe; the JSON Lines keep it exact', async () => {
    const c = await fluxCase('CPAM-597');
    const cm = api('charge-mission');
    const comment = '=HYPERLINK("http://x.test","cliquez")';
    expect((await cm.post(`/api/v1/dossiers/${c.dossierId}/am-returns`, { arretId: c.arretId, type: 'RDV_LIAISON', date: daysAgo(1), comment })).statusCode).toBe(201);
    const csv = (await cm.get('/api/v1/am-returns/export?format=csv&recipient=CPAM-597')).body;
    const line = csv.trimEnd().split('\n')[1];
    const cells = line.split(';');
    expect(cells[8]).toBe('"\'=HYPERLINK(""http://x.test"",""cliquez"")"');
    expect(cells[7]).toBe(daysAgo(1));
    const jsonl = parseJsonl((await cm.get('/api/v1/am-returns/export?format=jsonl&recipient=CPAM-597')).body);
    expect(jsonl[0].commentaire).toBe(comment);
  });
});

describe('machine outbox and acknowledgements (token scope « retours »)', () => {
  it('serves unacknowledged messages after a cursor, marks them transmitted, takes idempotent acknowledgements', async () => {
    const c = await fluxCase('CPAM-777');
    const cm = api('charge-mission');
    const ids: string[] = [];
    for (const [i, type] of (['VPR_REALISEE', 'RDV_LIAISON', 'SUIVI_SANS_MESURE'] as const).entries()) {
      ids.push((await cm.post(`/api/v1/dossiers/${c.dossierId}/am-returns`, { arretId: c.arretId, type, date: daysAgo(5 - i) })).json().message.messageId);
    }
    const first = await outbox('?recipient=CPAM-777&limit=2');
    expect(first.statusCode).toBe(200);
    const p1 = first.json();
    expect(p1.items.map((i: { message: { id_message: string } }) => i.message.id_message)).toEqual(ids.slice(0, 2));
    expect(p1.hasMore).toBe(true);
    expect(p1.items[0].message).toMatchObject({ version: '1', destinataire: 'CPAM-777', id_arret: c.idArret, spst: 'demo' });
    const p2 = (await outbox(`?recipient=CPAM-777&limit=2&after=${p1.nextCursor}`)).json();
    expect(p2.items.map((i: { message: { id_message: string } }) => i.message.id_message)).toEqual([ids[2]]);
    expect(p2.hasMore).toBe(false);
    // Served = transmitted; still served again from an earlier cursor until acknowledged.
    const list = (await cm.get('/api/v1/am-returns?status=transmis&recipient=CPAM-777')).json();
    expect(list.items.map((i: { messageId: string }) => i.messageId).sort()).toEqual([...ids].sort());
    expect(list.counts).toMatchObject({ transmis: 3, a_transmettre: 0 });
    expect((await outbox('?recipient=CPAM-777')).json().items).toHaveLength(3);

    const batch = [
      { messageId: ids[0], status: 'accuse' },
      { messageId: ids[1], status: 'en_erreur', error: 'id_arret inconnu' },
      { messageId: ids[2], status: 'en_erreur' },
      { messageId: 'RAM-00000000000000000000000000000000', status: 'accuse' },
    ];
    const r1 = await ack(batch);
    expect(r1.statusCode).toBe(200);
    expect(r1.json().results.map((r: { outcome: string }) => r.outcome)).toEqual(['accuse', 'en_erreur', 'refuse', 'inconnu']);
    expect(r1.json().results[2].code).toBe('ERREUR_REQUISE');
    const r2 = (await ack(batch.slice(0, 2))).json();
    expect(r2.counts).toEqual({ accuse: 0, en_erreur: 0, inchange: 2, inconnu: 0, refuse: 0 });
    expect((await ack([{ messageId: ids[0], status: 'en_erreur', error: 'trop tard' }])).json().results[0]).toMatchObject({ outcome: 'refuse', code: 'DEJA_ACCUSE' });

    const counts = (await cm.get('/api/v1/am-returns?recipient=CPAM-777')).json();
    expect(counts.counts).toMatchObject({ accuse: 1, en_erreur: 1, transmis: 1 });
    expect(counts.total).toBe(3);
    const erred = counts.items.find((i: { messageId: string }) => i.messageId === ids[1]);
    expect(erred).toMatchObject({ status: 'en_erreur', statusLabel: 'En erreur', error: 'id_arret inconnu', workerName: expect.any(String), dossierReference: expect.stringMatching(/^PDP-/) });
    // The outbox no longer serves acknowledged or refused messages.
    expect((await outbox('?recipient=CPAM-777')).json().items.map((i: { message: { id_message: string } }) => i.message.id_message)).toEqual([ids[2]]);

    // Requeued by the cell: served again with a cursor past the client's position.
    const rq = await cm.post(`/api/v1/am-returns/${erred.id}/requeue`);
    expect(rq.statusCode).toBe(200);
    expect(rq.json()).toMatchObject({ status: 'a_transmettre', error: null });
    const p3 = (await outbox(`?recipient=CPAM-777&after=${p2.nextCursor}`)).json();
    expect(p3.items.map((i: { message: { id_message: string } }) => i.message.id_message)).toEqual([ids[1]]);
    expect((await cm.post(`/api/v1/am-returns/${erred.id}/requeue`)).json().error.code).toBe('RELANCE_IMPOSSIBLE');

    expect((await auditActions('am_return.ack')).length).toBeGreaterThanOrEqual(2);
    expect((await auditActions('am_return.fetch')).length).toBeGreaterThan(0);
  });

  it('refuses bad cursors and limits with 400, not 500', async () => {
    expect((await outbox('?limit=0')).statusCode).toBe(400);
    expect((await outbox('?limit=100000')).statusCode).toBe(400);
    expect((await outbox('?after=-1')).statusCode).toBe(400);
    expect((await ack([])).statusCode).toBe(400);
  });

  it('is refused to a flux token, a dossiers:read token and any cookie session (403)', async () => {
    for (const scope of ['flux', 'dossiers:read']) {
      const r = await outbox('', scope);
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('PORTEE_INSUFFISANTE');
      expect((await ack([{ messageId: 'x', status: 'accuse' }], scope)).statusCode).toBe(403);
    }
    for (const who of ['charge-mission', 'medecin', 'admin', 'cpam']) {
      expect((await api(who).get('/api/v1/am-returns/outbox')).statusCode).toBe(403);
      expect((await api(who).post('/api/v1/am-returns/ack', { acknowledgements: [{ messageId: 'x', status: 'accuse' }] })).statusCode).toBe(403);
    }
    // And the retours token reaches nothing else.
    const other = await t.app.inject({ method: 'GET', url: '/api/v1/am-returns', headers: bearer('retours') });
    expect(other.statusCode).toBe(403);
  });
});

describe('access', () => {
  it('is refused to the employer, partners, the worker and the assistant', async () => {
    const c = await fluxCase();
    for (const who of ['employeur', 'cpam', 'service-medical', 'salarie', 'assistant']) {
      const a = api(who);
      expect((await a.get(`/api/v1/dossiers/${c.dossierId}/am-returns`)).statusCode, who).toBe(403);
      expect((await a.post(`/api/v1/dossiers/${c.dossierId}/am-returns`, { arretId: c.arretId, type: 'TPT', date: today })).statusCode, who).toBe(403);
      expect((await a.get('/api/v1/am-returns')).statusCode, who).toBe(403);
      expect((await a.get('/api/v1/am-returns/export')).statusCode, who).toBe(403);
      expect((await a.post('/api/v1/am-returns/export/confirm', { messageIds: ['x'] })).statusCode, who).toBe(403);
    }
    expect((await api('social').get(`/api/v1/dossiers/${c.dossierId}/am-returns`)).statusCode).toBe(200);
  });

  it('answers 404 for an unknown dossier', async () => {
    expect((await api('charge-mission').get('/api/v1/dossiers/00000000-0000-4000-8000-000000000000/am-returns')).statusCode).toBe(404);
  });
});
