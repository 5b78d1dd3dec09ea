/**
 * « Repérage par l'indice » (docs/risk-suggestions.md) through the HTTP API on the demo service
 * with its modules (the demo ends with a `risk score-all` run): who may read it, its filters and
 * their boundaries, its order and pages, the audit of every read, the recalcul (a job, one at a time)
 * and the empty state of a service where score-all never ran.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/domain/access';
import { checkSuggestionsQuery, monthsBefore } from '../../src/services/risk/suggestions/suggestions-lister';
import { JobRunner } from '../../src/services/jobs/job-runner';
import { recalculateSuggestions } from '../../src/services/risk/suggestions/suggestions-recalculator';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
const s: Record<string, Session> = {};
const ACCOUNTS = ['medecin', 'infirmier', 'social', 'charge-mission', 'assistant', 'admin', 'carsat', 'service-medical', 'employeur', 'salarie'];
const api = (who: string) => as(t.app, s[who]);
const db = () => t.database.db;
const URL = '/api/v1/risk/screening';
const RUN_URL = '/api/v1/risk/screening/runs';
let tenantId = '';

interface Item {
  workerId: string;
  displayName: string;
  birthYear: number;
  age: number;
  suggestedLevel: number;
  suggestedLevelLabel: string;
  healthProbabilityPercent: number;
  company: { id: string; name: string } | null;
  openDossier: { id: string; reference: string; state: string } | null;
  lastAssessment: { finalLevel: number; finalLevelLabel: string; signedAt: string } | null;
}

const list = async (query = '', who = 'medecin') => {
  const res = await api(who).get(`${URL}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Every item of the list for these filters, page after page. */
async function all(query: string): Promise<Item[]> {
  const out: Item[] = [];
  for (let page = 1; ; page++) {
    const r = await list(`?${query}&pageSize=100&page=${page}`);
    out.push(...r.items);
    if (out.length >= r.total || r.items.length === 0) return out;
  }
}

/** The principal of a logged-in demo account, for calling a service directly. */
const principalOf = (x: Session): Principal => ({
  kind: 'user',
  tenantId,
  userId: x.me.user.id,
  tokenId: null,
  role: x.me.user.role as Principal['role'],
  scopes: [],
  organisationId: x.me.user.organisation.id,
  organisationKind: 'spsti',
  companyId: null,
  workerId: null,
  label: x.me.user.role,
});

const auditCount = async (action: string) =>
  Number((await db().selectFrom('audit_event').select(sql<number>`count(*)::int`.as('n')).where('action', '=', action).executeTakeFirstOrThrow()).n);

async function insertAssessment(workerId: string, finalLevel: number, signedAt: Date) {
  await sql`insert into risk_assessment (tenant_id, worker_id, algorithm_id, algorithm_version, inputs, sub_scores, suggested_level, final_level, inaptitude_risk_level, rationale, author_name, signed_at)
    values (${tenantId}, ${workerId}, 'maintien-irdp', '1.0.0', '{}'::jsonb, '[]'::jsonb, ${finalLevel}, ${finalLevel}, 0, null, 'Dr Test', ${signedAt})`.execute(db());
}

beforeAll(async () => {
  t = await startTestApp({ modules: true });
  for (const local of ACCOUNTS) s[local] = await login(t.app, demoEmail(local));
  tenantId = (await db().selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  // In the demo every worker of suggested level 3 was signed in the last months: three of them
  // were signed two years ago instead, so that the list has both levels 2 and 3 to review.
  await sql`update risk_assessment set signed_at = signed_at - interval '2 years'
    where tenant_id = ${tenantId} and worker_id in (select worker_id from risk_score where tenant_id = ${tenantId} and suggested_level = 3 order by worker_id limit 3)`.execute(db());
});
afterAll(() => t?.close());

describe('who reads the list', () => {
  it('the médecin du travail and the infirmier read it; the demo content includes a run', async () => {
    for (const who of ['medecin', 'infirmier']) {
      const r = await list('', who);
      expect(r.run).not.toBeNull();
      expect(r.items.length).toBeGreaterThan(0);
    }
  });

  it('everyone else is refused with 403 ACCES_REFUSE, reading and recalculating (cell staff without medical read, admin, partners, employer, worker)', async () => {
    for (const who of ['social', 'charge-mission', 'assistant', 'admin', 'carsat', 'service-medical', 'employeur', 'salarie']) {
      const res = await api(who).get(URL);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code, who).toBe('ACCES_REFUSE');
      const post = await api(who).post(RUN_URL);
      expect(post.statusCode, who).toBe(403);
      expect(post.json().error.code, who).toBe('ACCES_REFUSE');
    }
    expect((await t.app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
  });
});

describe('the list', () => {
  it('the header: last run, model « modèle non validé », workers per suggested level', async () => {
    const r = await list();
    const run = await db().selectFrom('risk_score_run').selectAll().where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    expect(r.run).toMatchObject({ algorithmId: 'maintien-irdp', model: { validated: false, warning: 'modèle non validé' }, workers: run.workers });
    expect(new Date(r.run.computedAt).getTime()).toBe(new Date(run.computed_at).getTime());
    expect(r.run.levelCounts.map((c: { count: number }) => c.count)).toEqual(run.level_counts);
    expect(r.run.levelCounts[3]).toMatchObject({ level: 3, label: 'Risque élevé' });
    expect(r.filters).toMatchObject({ minLevel: 2, months: 12 });
    expect(r.running).toBe(false);
  });

  it('by default: suggested level ≥ 2, no signed assessment in the last 12 months, by level then probability', async () => {
    const items = await all('');
    const r = await list();
    expect(items).toHaveLength(r.total);
    expect(r.total).toBe(r.counts.filter((c: { level: number }) => c.level >= 2).reduce((a: number, c: { count: number }) => a + c.count, 0));
    expect(items.every((i) => i.suggestedLevel >= 2)).toBe(true);
    // The demo has both levels 2 and 3 to review: the order is tested across levels.
    expect(new Set(items.map((i) => i.suggestedLevel)).size).toBe(2);
    for (let k = 1; k < items.length; k++) {
      const [a, b] = [items[k - 1], items[k]];
      expect(a.suggestedLevel > b.suggestedLevel || (a.suggestedLevel === b.suggestedLevel && a.healthProbabilityPercent >= b.healthProbabilityPercent)).toBe(true);
    }
    // Nobody listed was signed in the last 12 months; everybody of level ≥ 2 left out was.
    const since = monthsBefore(new Date(), 12);
    const recent = new Set((await db().selectFrom('risk_assessment').select('worker_id').where('tenant_id', '=', tenantId).where('signed_at', '>=', since).execute()).map((x) => x.worker_id));
    expect(items.some((i) => recent.has(i.workerId))).toBe(false);
    const high = await db().selectFrom('risk_score').select('worker_id').where('tenant_id', '=', tenantId).where('suggested_level', '>=', 2).execute();
    expect(items.length).toBe(high.filter((h) => !recent.has(h.worker_id)).length);
    expect(recent.size).toBeGreaterThan(0);
  });

  it('each row: name, birth year and age, level label, probability in %, employer, open dossier, last signed level', async () => {
    const items = await all('minLevel=1');
    const scores = new Map((await db().selectFrom('risk_score').selectAll().where('tenant_id', '=', tenantId).execute()).map((x) => [x.worker_id, x]));
    for (const i of items) {
      const sc = scores.get(i.workerId)!;
      expect(i.suggestedLevel).toBe(sc.suggested_level);
      expect(i.healthProbabilityPercent).toBeCloseTo(sc.health_probability * 100, 1);
      expect(i.displayName).toMatch(/^[A-ZÀ-Ÿ' -]+( \([^)]+\))? \S+/);
      expect(i.age).toBeGreaterThanOrEqual(15);
      expect(i.birthYear).toBeLessThan(new Date().getFullYear());
    }
    expect(items.find((i) => i.suggestedLevel === 2)?.suggestedLevelLabel).toBe('Risque modéré');
    expect(items.some((i) => i.company !== null)).toBe(true);
    const withDossier = items.find((i) => i.openDossier !== null);
    expect(withDossier).toBeDefined();
    const d = await db().selectFrom('dossier').select(['reference', 'worker_id', 'state']).where('id', '=', withDossier!.openDossier!.id).executeTakeFirstOrThrow();
    expect(d).toMatchObject({ reference: withDossier!.openDossier!.reference, worker_id: withDossier!.workerId });
    expect(['clos', 'non_retenu', 'reoriente']).not.toContain(d.state);
  });

  it('the level filter: 3 lists level 3 only, 2 lists 2 and 3, 1 lists 1 to 3', async () => {
    const r = await list();
    const count = (l: number) => r.counts.find((c: { level: number }) => c.level === l).count;
    expect(count(3)).toBeGreaterThan(0);
    expect(count(2)).toBeGreaterThan(0);
    const three = await all('minLevel=3');
    expect(three.length).toBe(count(3));
    expect(three.every((i) => i.suggestedLevel === 3)).toBe(true);
    expect((await list('?minLevel=2')).total).toBe(count(2) + count(3));
    const one = await list('?minLevel=1');
    expect(one.total).toBe(count(1) + count(2) + count(3));
    expect(one.filters.minLevel).toBe(1);
  });

  it('the months boundary: signed 12 months and a day ago, the worker is listed with that last level; 12 months less a day ago, he is not', async () => {
    const subject = (await list('?minLevel=3&pageSize=1')).items[0] as Item;
    expect(subject).toBeDefined();
    const ids = async (q: string) => new Set((await all(q)).map((i) => i.workerId));
    const now = Date.now();
    const twelve = monthsBefore(new Date(now), 12).getTime();
    const day = 86_400_000;

    await insertAssessment(subject.workerId, 2, new Date(twelve - day));
    const listed = (await all('minLevel=3')).find((i) => i.workerId === subject.workerId);
    expect(listed?.lastAssessment).toMatchObject({ finalLevel: 2, finalLevelLabel: 'Risque modéré' });
    expect(new Date(listed!.lastAssessment!.signedAt).getTime()).toBe(twelve - day);
    // With 13 months, that assessment is recent enough: the worker leaves the list.
    expect((await ids('minLevel=3&months=13')).has(subject.workerId)).toBe(false);

    await insertAssessment(subject.workerId, 1, new Date(twelve + day));
    expect((await ids('minLevel=3')).has(subject.workerId)).toBe(false);
    expect((await ids('minLevel=3&months=11')).has(subject.workerId)).toBe(true);
  });

  it('pages: disjoint, in the order of a larger page, with the total', async () => {
    const a = await list('?minLevel=1&pageSize=5&page=1');
    const b = await list('?minLevel=1&pageSize=5&page=2');
    const both = await list('?minLevel=1&pageSize=10&page=1');
    expect(a.total).toBeGreaterThan(10);
    expect([...a.items, ...b.items].map((i: Item) => i.workerId)).toEqual(both.items.map((i: Item) => i.workerId));
    expect(a.total).toBe(both.total);
    expect((await list(`?minLevel=1&pageSize=100&page=1000`)).items).toEqual([]);
  });

  it('bad filters: 400 with a stable code and a French message, never 500', async () => {
    const cases: [string, string][] = [
      ['?minLevel=0', 'NIVEAU_INVALIDE'],
      ['?minLevel=4', 'NIVEAU_INVALIDE'],
      ['?months=0', 'PERIODE_INVALIDE'],
      ['?months=121', 'PERIODE_INVALIDE'],
      ['?months=99999999999999999999', 'PERIODE_INVALIDE'],
      ['?page=0', 'PAGE_INVALIDE'],
      ['?pageSize=101', 'PAGE_INVALIDE'],
      ['?minLevel=abc', 'REQUETE_INVALIDE'],
      ['?months=1.5', 'REQUETE_INVALIDE'],
    ];
    for (const [q, code] of cases) {
      const res = await api('medecin').get(`${URL}${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code, q).toBe(code);
      expect(res.json().error.message, q).toMatch(/[a-zé]/);
    }
    expect(() => checkSuggestionsQuery({ minLevel: 2.5 })).toThrow(expect.objectContaining({ code: 'NIVEAU_INVALIDE' }));
  });

  it('every read is one audit event, medical, with the filters and counts and no worker', async () => {
    const before = await auditCount('risk.suggestions.read');
    const r = await list('?minLevel=3&months=6');
    expect(await auditCount('risk.suggestions.read')).toBe(before + 1);
    const e = await db()
      .selectFrom('audit_event')
      .select(['category', 'subject_id', 'details', 'actor_user_id'])
      .where('action', '=', 'risk.suggestions.read')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(e).toMatchObject({ category: 'medical', subject_id: null, actor_user_id: s.medecin.me.user.id });
    expect(e.details).toEqual({ minLevel: 3, months: 6, page: 1, pageSize: 25, returned: r.items.length, total: r.total });
    const text = JSON.stringify(e.details);
    for (const i of r.items as Item[]) {
      expect(text).not.toContain(i.workerId);
      expect(text).not.toContain(i.displayName);
    }
  });
});

describe('recalcul and empty state', () => {
  it('before any run: an empty list with no run (the page says how to run it)', async () => {
    await db().deleteFrom('risk_score').where('tenant_id', '=', tenantId).execute();
    await db().deleteFrom('risk_score_run').where('tenant_id', '=', tenantId).execute();
    const r = await list();
    expect(r).toMatchObject({ run: null, running: false, total: 0, items: [] });
    expect(r.counts.map((c: { count: number }) => c.count)).toEqual([0, 0, 0]);
  });

  it('« Recalculer » runs score-all for the service, returns the run and is audited; one run at a time', async () => {
    const before = await auditCount('risk.score.run');
    // « Recalculer » starts a job (docs/jobs.md) that the server's runner loop runs; here a runner
    // of the test runs it. While the service's job waits or runs, a second one is refused — over
    // HTTP too (409), since the guard is in the database.
    const runner = new JobRunner(t.database);
    const medecin = principalOf(s.medecin);
    const first = await recalculateSuggestions(t.database, medecin);
    expect(first).toMatchObject({ kind: 'risk.score_all', state: 'en_attente' });
    await expect(recalculateSuggestions(t.database, principalOf(s.infirmier))).rejects.toMatchObject({ code: 'CALCUL_EN_COURS', kind: 'conflict', message: expect.stringMatching(/déjà en cours/) });
    const refused = await api('infirmier').post(RUN_URL);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CALCUL_EN_COURS');
    expect((await list()).running).toBe(true);
    expect(await runner.drain()).toBe(1);
    expect(await auditCount('risk.score.run')).toBe(before + 1);
    const ok = await api('medecin').post(RUN_URL);
    expect(ok.statusCode, ok.body).toBe(202);
    expect(ok.json()).toMatchObject({ state: 'en_attente', done: 0 });
    expect(await runner.drain()).toBe(1);
    const job = await api('medecin').get(`/api/v1/jobs/${ok.json().id}`);
    expect(job.statusCode, job.body).toBe(200);
    expect(job.json()).toMatchObject({ state: 'termine', error: null });
    const run = job.json().result.run;
    const workers = Number((await sql<{ n: number }>`select count(*)::int as n from worker where tenant_id = ${tenantId}`.execute(db())).rows[0].n);
    expect(run).toMatchObject({ workers, model: { validated: false, warning: 'modèle non validé' } });
    expect(Date.now() - new Date(run.computedAt).getTime()).toBeLessThan(60_000);
    expect(await auditCount('risk.score.run')).toBe(before + 2);
    const e = await db().selectFrom('audit_event').select(['category', 'details']).where('action', '=', 'risk.score.run').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(e.category).toBe('medical');
    expect(e.details).toMatchObject({ workers, levelCounts: run.levelCounts.map((c: { count: number }) => c.count) });
    expect(e.details).not.toHaveProperty('workerIds');
    // The list has content again.
    expect((await list()).total).toBeGreaterThan(0);
  });
});
