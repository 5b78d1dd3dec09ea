/**
 * Questionnaires (docs/risk-questionnaires.md): a professional enters the WAI during a visit and
 * sends a personal link; the worker answers through the link (no account) or his space; the
 * employer answers about his company. Partial saves, item-by-item refusals, access refusals and
 * the audit of every read — through the HTTP API on a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAI_DISEASES } from '../../src/domain/risk/questionnaires';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
const s: Record<string, Session> = {};
const ACCOUNTS = ['medecin', 'infirmier', 'social', 'employeur', 'salarie', 'cpam', 'admin'];

beforeAll(async () => {
  t = await startTestApp();
  for (const local of ACCOUNTS) s[local] = await login(t.app, demoEmail(local));
});
afterAll(() => t?.close());

const api = (who: string) => as(t.app, s[who]);
const pub = (method: 'GET' | 'PUT', token: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1/public/questionnaire-links/${token}`, ...(payload ? { payload } : {}) });
const db = () => t.database.db;

const WAI_FIRST_HALF = { capacite_actuelle: 6, nature_travail: 'physique', exigences_physiques: 2, exigences_mentales: '4', maladies: [String(WAI_DISEASES[4]!.value)] };
// 6 + (2×1.5 + 4×0.5 = 5) + 5 (one disease) + 4 + 3 + 4 + ressources (3+2+2=7 → 3) = 30 → moyen
const WAI_SECOND_HALF = { gene_maladies: 4, absences: 3, pronostic: 4, plaisir: 3, dynamisme: 2, espoir: 2 };

const workerId = () => s.salarie.me.user.workerId!;

/** A worker of the service other than the demo salarié, with a dossier. */
async function otherDossier() {
  return db().selectFrom('dossier').select(['id', 'worker_id']).where('worker_id', '!=', workerId()).orderBy('reference').executeTakeFirstOrThrow();
}

describe('definitions', () => {
  it('lists the three questionnaires with their versioned items', async () => {
    const r = await api('medecin').get('/api/v1/questionnaires');
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { id: string; version: number; items: unknown[] }[];
    expect(items.map((d) => d.id)).toEqual(['wai', 'wai_court', 'employeur']);
    expect(items[0]!.items).toHaveLength(11);
  });
});

describe('a professional enters the WAI during a visit', () => {
  it('saves partial answers, resumes them, completes with the published score, then freezes the response', async () => {
    const d = await otherDossier();
    const start = await api('medecin').post(`/api/v1/workers/${d.worker_id}/questionnaires`, { questionnaire: 'wai', dossierId: d.id, answers: WAI_FIRST_HALF });
    expect(start.statusCode).toBe(201);
    const r0 = start.json();
    expect(r0).toMatchObject({ status: 'en_cours', score: null, respondent: 'professionnel', dossierId: d.id, answeredCount: 5 });

    const done = await api('infirmier').put(`/api/v1/questionnaire-responses/${r0.id}`, { answers: WAI_SECOND_HALF, complete: true });
    expect(done.statusCode).toBe(200);
    const r1 = done.json();
    expect(r1).toMatchObject({ status: 'complete', score: 30, category: 'moyen', categoryLabel: 'Capacité de travail moyenne' });
    expect(r1.parts.map((p: { points: number }) => p.points)).toEqual([6, 5, 5, 4, 3, 4, 3]);

    const again = await api('medecin').put(`/api/v1/questionnaire-responses/${r0.id}`, { answers: { capacite_actuelle: 9 }, complete: true });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('QUESTIONNAIRE_DEJA_COMPLETE');

    // The case page's timeline shows the result (medical entry).
    const page = await api('medecin').get(`/api/v1/dossiers/${d.id}`);
    expect(page.json().timeline.some((e: { kind: string; body: string }) => e.kind === 'questionnaire' && e.body.includes('30'))).toBe(true);
    const listed = await api('medecin').get(`/api/v1/dossiers/${d.id}/questionnaires`);
    expect(listed.json().responses[0]).toMatchObject({ id: r0.id, score: 30 });
  });

  it('refuses invalid answers item by item, with French messages, and keeps nothing of that request', async () => {
    const d = await otherDossier();
    const r = await api('medecin').post(`/api/v1/workers/${d.worker_id}/questionnaires`, {
      questionnaire: 'wai',
      answers: { capacite_actuelle: 12, pronostic: 5, inconnu: 1, maladies: ['grippe'] },
    });
    expect(r.statusCode).toBe(400);
    const e = r.json().error;
    expect(e.code).toBe('REPONSES_INVALIDES');
    expect(e.message).toBe('4 réponses sont à corriger.');
    expect(Object.keys(e.details).sort()).toEqual(['capacite_actuelle', 'inconnu', 'maladies', 'pronostic']);
    expect(e.details.capacite_actuelle).toBe('La valeur doit être comprise entre 0 et 10.');

    const incomplete = await api('medecin').post(`/api/v1/workers/${d.worker_id}/questionnaires`, { questionnaire: 'wai_court', answers: { capacity: 3 }, complete: true });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.details).toEqual({ outlook: 'Répondez à cette question.' });

    const unknown = await api('medecin').post(`/api/v1/workers/${d.worker_id}/questionnaires`, { questionnaire: 'employeur', answers: {} });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('QUESTIONNAIRE_INCONNU');

    const notObject = await api('medecin').post(`/api/v1/workers/${d.worker_id}/questionnaires`, { questionnaire: 'wai', answers: [1] });
    expect(notObject.statusCode).toBe(400);
  });

  it('scores the short form with its alarms, the outlook kept as a number (contract C1)', async () => {
    const d = await otherDossier();
    const r = await api('medecin').post(`/api/v1/workers/${d.worker_id}/questionnaires`, { questionnaire: 'wai_court', answers: { capacity: 4, outlook: '1' }, complete: true });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ score: 4, category: null, alerts: [expect.stringContaining('4 sur 10'), expect.stringContaining('deux ans')] });
    const row = await db().selectFrom('questionnaire_response').selectAll().where('id', '=', r.json().id).executeTakeFirstOrThrow();
    expect(row.answers).toEqual({ capacity: 4, outlook: 1 });
    expect(Number(row.score)).toBe(4);
    expect(row.version).toBe(1);
  });
});

describe('personal link', () => {
  it('lets the worker answer without an account, partially then completely, and then closes', async () => {
    const created = await api('medecin').post(`/api/v1/workers/${workerId()}/questionnaire-links`, { questionnaire: 'wai' });
    expect(created.statusCode).toBe(201);
    const { token, path, id } = created.json();
    expect(path).toBe(`/questionnaire/${token}`);
    const link = await db().selectFrom('questionnaire_link').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(link.token_hash).not.toContain(token);
    expect(link.token_hash).toHaveLength(64);
    const days = (new Date(link.expires_at).getTime() - new Date(link.created_at).getTime()) / 86_400_000;
    expect(days).toBe(14);

    const open = await pub('GET', token);
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ state: 'ouvert', definition: { id: 'wai' }, answers: {} });

    expect((await pub('PUT', token, { answers: WAI_FIRST_HALF })).json()).toMatchObject({ status: 'en_cours' });
    expect((await pub('GET', token)).json().answers).toMatchObject({ capacite_actuelle: 6, exigences_mentales: 4 });

    const bad = await pub('PUT', token, { answers: { absences: 9 }, complete: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.absences).toBe('Choisissez l’une des réponses proposées.');
    expect(bad.json().error.details.pronostic).toBe('Répondez à cette question.');

    const done = await pub('PUT', token, { answers: WAI_SECOND_HALF, complete: true });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'complete', state: 'complete' });

    const after = await pub('GET', token);
    expect(after.json()).toMatchObject({ state: 'complete', answers: {} });
    const twice = await pub('PUT', token, { answers: {}, complete: true });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('QUESTIONNAIRE_DEJA_COMPLETE');

    const resp = await db().selectFrom('questionnaire_response').selectAll().where('link_id', '=', id).executeTakeFirstOrThrow();
    expect(resp).toMatchObject({ respondent: 'salarie', status: 'complete', entered_by: null, worker_id: workerId() });
    expect(Number(resp.score)).toBe(30);
  });

  it('refuses unknown, expired and cancelled links', async () => {
    expect((await pub('GET', 'x'.repeat(43))).json().error.code).toBe('LIEN_INCONNU');
    expect((await pub('GET', 'x'.repeat(43))).statusCode).toBe(404);

    const a = (await api('medecin').post(`/api/v1/workers/${workerId()}/questionnaire-links`, { questionnaire: 'wai_court', expiresInDays: 1 })).json();
    await db().updateTable('questionnaire_link').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', a.id).execute();
    expect((await pub('GET', a.token)).json().state).toBe('expire');
    const expired = await pub('PUT', a.token, { answers: { capacity: 5 } });
    expect(expired.statusCode).toBe(409);
    expect(expired.json().error.code).toBe('LIEN_EXPIRE');

    const b = (await api('medecin').post(`/api/v1/workers/${workerId()}/questionnaire-links`, { questionnaire: 'wai_court' })).json();
    expect((await api('medecin').post(`/api/v1/questionnaire-links/${b.id}/revoke`)).statusCode).toBe(200);
    expect((await pub('PUT', b.token, { answers: { capacity: 5 } })).json().error.code).toBe('LIEN_ANNULE');
    expect((await api('medecin').post(`/api/v1/questionnaire-links/${b.id}/revoke`)).statusCode).toBe(409);

    for (const days of [0, 61]) {
      const r = await api('medecin').post(`/api/v1/workers/${workerId()}/questionnaire-links`, { questionnaire: 'wai', expiresInDays: days });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.code).toBe('DUREE_LIEN_INVALIDE');
    }
  });
});

describe('the worker in his space', () => {
  it('sees the questionnaires to answer, answers one, and reads his results explained', async () => {
    const c = (await api('infirmier').post(`/api/v1/workers/${workerId()}/questionnaire-links`, { questionnaire: 'wai_court' })).json();
    const mine = await api('salarie').get('/api/v1/me/questionnaires');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().toAnswer.map((l: { id: string }) => l.id)).toContain(c.id);

    const form = await api('salarie').get(`/api/v1/me/questionnaire-links/${c.id}`);
    expect(form.json().definition.id).toBe('wai_court');
    const saved = await api('salarie').put(`/api/v1/me/questionnaire-links/${c.id}`, { answers: { capacity: 8, outlook: 7 }, complete: true });
    expect(saved.statusCode).toBe(200);

    const after = (await api('salarie').get('/api/v1/me/questionnaires')).json();
    expect(after.toAnswer.map((l: { id: string }) => l.id)).not.toContain(c.id);
    const wai = after.results.find((r: { questionnaire: string }) => r.questionnaire === 'wai');
    expect(wai).toMatchObject({ score: 30, categoryLabel: 'Capacité de travail moyenne', explanation: expect.stringContaining('Améliorer') });
    expect(after.results.some((r: { questionnaire: string; score: number }) => r.questionnaire === 'wai_court' && r.score === 8)).toBe(true);
  });

  it('cannot open another worker’s link, nor read another worker’s questionnaires', async () => {
    const d = await otherDossier();
    const other = (await api('medecin').post(`/api/v1/workers/${d.worker_id}/questionnaire-links`, { questionnaire: 'wai' })).json();
    expect((await api('salarie').get(`/api/v1/me/questionnaire-links/${other.id}`)).statusCode).toBe(404);
    expect((await api('salarie').put(`/api/v1/me/questionnaire-links/${other.id}`, { answers: {} })).statusCode).toBe(404);
    expect((await api('salarie').get(`/api/v1/workers/${d.worker_id}/questionnaires`)).statusCode).toBe(404);
  });
});

describe('access', () => {
  it('keeps answers to the health professionals: employers, partners and non-medical staff are refused', async () => {
    const w = workerId();
    expect((await api('medecin').get(`/api/v1/workers/${w}/questionnaires`)).statusCode).toBe(200);
    for (const who of ['employeur', 'cpam', 'social', 'admin']) {
      const r = await api(who).get(`/api/v1/workers/${w}/questionnaires`);
      expect([403, 404], who).toContain(r.statusCode);
      const l = await api(who).post(`/api/v1/workers/${w}/questionnaire-links`, { questionnaire: 'wai' });
      expect([403, 404], who).toContain(l.statusCode);
      const e = await api(who).post(`/api/v1/workers/${w}/questionnaires`, { questionnaire: 'wai', answers: {} });
      expect([403, 404], who).toContain(e.statusCode);
    }
    const resp = await db().selectFrom('questionnaire_response').select('id').where('worker_id', '=', w).executeTakeFirstOrThrow();
    for (const who of ['employeur', 'cpam', 'social']) expect([403, 404], who).toContain((await api(who).get(`/api/v1/questionnaire-responses/${resp.id}`)).statusCode);
    expect((await api('medecin').get(`/api/v1/questionnaire-responses/${resp.id}`)).json().answers).toBeDefined();
  });

  it('audits every read of answers as medical data, naming the reader', async () => {
    const w = workerId();
    const before = await db().selectFrom('audit_event').select('seq').where('action', '=', 'questionnaire.list').execute();
    await api('infirmier').get(`/api/v1/workers/${w}/questionnaires`);
    const after = await db().selectFrom('audit_event').selectAll().where('action', '=', 'questionnaire.list').orderBy('seq', 'desc').execute();
    expect(after.length).toBe(before.length + 1);
    expect(after[0]).toMatchObject({ category: 'medical', subject_id: w, actor_user_id: s.infirmier.me.user.id });
    const opens = await db().selectFrom('audit_event').select(['actor_label', 'actor_user_id']).where('action', '=', 'questionnaire.link.open').execute();
    expect(opens.length).toBeGreaterThan(0);
    expect(opens[0]).toMatchObject({ actor_user_id: null, actor_label: 'Salarié (lien personnel de questionnaire)' });
  });
});

describe('employer questionnaire', () => {
  it('is answered by the employer about his company, resumed, completed and scored 0–100', async () => {
    const first = await api('employeur').get('/api/v1/employer/questionnaire');
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.draft).toBeNull();
    expect(page.definition.items.length).toBeGreaterThanOrEqual(18);

    const ids: string[] = page.definition.items.map((i: { id: string }) => i.id);
    const half = Object.fromEntries(ids.slice(0, 10).map((id) => [id, 2]));
    expect((await api('employeur').put('/api/v1/employer/questionnaire', { answers: half })).json()).toMatchObject({ status: 'en_cours', companyId: s.employeur.me.user.companyId });
    expect((await api('employeur').get('/api/v1/employer/questionnaire')).json().draft.answers).toEqual(half);

    const bad = await api('employeur').put('/api/v1/employer/questionnaire', { answers: { port_charges: 4 }, complete: true });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.port_charges).toBe('Choisissez l’une des réponses proposées.');

    const rest = Object.fromEntries(ids.slice(10).map((id) => [id, 2]));
    const done = await api('employeur').put('/api/v1/employer/questionnaire', { answers: rest, complete: true });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'complete', score: 67, category: 'eleve', workerId: null });

    const after = (await api('employeur').get('/api/v1/employer/questionnaire')).json();
    expect(after.draft).toBeNull();
    expect(after.results).toHaveLength(1);

    const staff = await api('medecin').get(`/api/v1/companies/${s.employeur.me.user.companyId}/questionnaires`);
    expect(staff.json().results[0]).toMatchObject({ score: 67, category: 'eleve' });
  });

  it('is refused to anyone but an employer', async () => {
    for (const who of ['salarie', 'medecin', 'cpam']) {
      expect((await api(who).get('/api/v1/employer/questionnaire')).statusCode, who).toBe(403);
      expect((await api(who).put('/api/v1/employer/questionnaire', { answers: {} })).statusCode, who).toBe(403);
    }
    expect((await api('cpam').get(`/api/v1/companies/${s.employeur.me.user.companyId}/questionnaires`)).statusCode).toBe(403);
  });
});

describe('demo content', () => {
  it('adds ~200 completed WAI (lower among followed workers), short forms, 20 employer questionnaires and one open link', async () => {
    const { seedRiskQuestionnairesDemo, demoLinkToken } = await import('../../src/demo/risk-questionnaires');
    const tenant = await db().selectFrom('tenant').select(['id', 'slug']).where('slug', '=', 'demo').executeTakeFirstOrThrow();
    const before = await db().selectFrom('questionnaire_response').select('id').execute();
    await seedRiskQuestionnairesDemo(t.database, tenant.id, new Date());
    const rows = await db().selectFrom('questionnaire_response').selectAll().where('id', 'not in', before.map((r) => r.id)).execute();
    const wai = rows.filter((r) => r.questionnaire === 'wai');
    expect(wai).toHaveLength(200);
    expect(rows.filter((r) => r.questionnaire === 'wai_court')).toHaveLength(15);
    expect(rows.filter((r) => r.questionnaire === 'employeur')).toHaveLength(20);
    const mean = (xs: typeof wai) => xs.reduce((s, r) => s + Number(r.score), 0) / xs.length;
    const followed = wai.filter((r) => r.dossier_id !== null);
    const others = wai.filter((r) => r.dossier_id === null);
    expect(followed.length).toBeGreaterThan(20);
    expect(mean(followed)).toBeLessThan(mean(others));
    expect(mean(others)).toBeGreaterThan(33);
    expect(new Set(wai.map((r) => r.category)).size).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r.status).toBe('complete');

    const open = await pub('GET', demoLinkToken(tenant.slug));
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ state: 'ouvert', definition: { id: 'wai' } });
  });
});
