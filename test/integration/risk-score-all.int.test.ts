/**
 * `maintien risk score-all` (scoreAll) on a real database with the demo service's risk content
 * (health profiles, WAI and short forms, employer questionnaires, arrêts): one suggestion per
 * worker of the tenant and none of another, the same level and probability as the worker page
 * computes for that worker, whatever the slice size, and a re-run replaces the rows.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreAll } from '../../src/services/risk/assessment/score-all';
import { seedDemo } from '../../src/demo/seed-demo';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
let medecin: Session;
let tenantId = '';
let otherTenantId = '';
const db = () => t.database.db;
const NOW = new Date();

interface ScoreRow {
  worker_id: string;
  suggested_level: number;
  health_probability: number;
}
const scores = async (tenant: string) =>
  (await sql<ScoreRow>`select worker_id, suggested_level, health_probability from risk_score where tenant_id = ${tenant} order by worker_id`.execute(db())).rows;
const workerCount = async (tenant: string) => Number((await sql<{ n: number }>`select count(*)::int as n from worker where tenant_id = ${tenant}`.execute(db())).rows[0].n);

beforeAll(async () => {
  t = await startTestApp({ modules: true });
  // Another service, seeded with the base demo only (its workers exist; its scores must never move).
  await seedDemo(t.database, { slug: 'autre-service', now: new Date(), modules: false });
  medecin = await login(t.app, demoEmail('medecin'));
  const tenants = await db().selectFrom('tenant').select(['id', 'slug']).execute();
  tenantId = tenants.find((x) => x.slug === 'demo')!.id;
  otherTenantId = tenants.find((x) => x.slug === 'autre-service')!.id;
}, 240_000);
afterAll(() => t?.close());

describe('scoreAll', () => {
  it('writes one suggestion per worker of the tenant and nothing for another tenant', async () => {
    // Whatever another service has (or not) in risk_score and risk_score_run must not change.
    const otherBefore = await scores(otherTenantId);
    const otherRunBefore = await db().selectFrom('risk_score_run').selectAll().where('tenant_id', '=', otherTenantId).execute();
    const r = await scoreAll(t.database, tenantId, { now: NOW });
    const n = await workerCount(tenantId);
    expect(n).toBeGreaterThan(100);
    expect(r.workers).toBe(n);
    expect(r.byLevel.reduce((a, b) => a + b, 0)).toBe(n);
    // The demo service has workers at several levels: a constant answer would not pass.
    expect(r.byLevel.filter((x) => x > 0).length).toBeGreaterThanOrEqual(2);
    const rows = await scores(tenantId);
    expect(rows).toHaveLength(n);
    expect(rows.every((x) => x.suggested_level >= 0 && x.suggested_level <= 3)).toBe(true);
    // What the run has in common, once: algorithm, model (labelled not validated), time, counts.
    const run = await db().selectFrom('risk_score_run').selectAll().where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    expect(run).toMatchObject({ algorithm_id: 'maintien-irdp', model_id: 'dossier-sante', model_validated: false, workers: n, level_counts: r.byLevel });
    expect(new Date(run.computed_at).getTime()).toBe(NOW.getTime());
    expect(rows.every((x) => x.health_probability > 0 && x.health_probability < 1)).toBe(true);
    expect(await scores(otherTenantId)).toEqual(otherBefore);
    expect(await db().selectFrom('risk_score_run').selectAll().where('tenant_id', '=', otherTenantId).execute()).toEqual(otherRunBefore);
  });

  it('gives each worker the level and probability of the worker page (all three components present, or some missing)', async () => {
    // Workers with a complete self-questionnaire, with an employer questionnaire of a current
    // employer, with arrêts, with a profile, and with nothing: the page's suggestion for each.
    const pick = async (where: ReturnType<typeof sql>) =>
      (await sql<{ id: string }>`select w.id from worker w where w.tenant_id = ${tenantId} and ${where} order by w.id limit 8`.execute(db())).rows.map((x) => x.id);
    const groups = {
      wai: await pick(sql`exists (select 1 from questionnaire_response q where q.worker_id = w.id and q.status = 'complete' and q.questionnaire = 'wai')`),
      court: await pick(sql`exists (select 1 from questionnaire_response q where q.worker_id = w.id and q.status = 'complete' and q.questionnaire = 'wai_court')`),
      employer: await pick(sql`exists (select 1 from employment e join questionnaire_response q on q.company_id = e.company_id and q.status = 'complete'
        where e.worker_id = w.id and (e.end_date is null or e.end_date >= current_date))`),
      arrets: await pick(sql`(select count(*) from arret a where a.worker_id = w.id and a.cancelled_at is null) >= 2`),
      profile: await pick(sql`exists (select 1 from worker_health_profile p where p.worker_id = w.id)`),
      nothing: await pick(sql`not exists (select 1 from arret a where a.worker_id = w.id) and not exists (select 1 from worker_health_profile p where p.worker_id = w.id)`),
    };
    for (const [name, ids] of Object.entries(groups)) expect(ids.length, `demo workers of group ${name}`).toBeGreaterThan(0);
    const byWorker = new Map((await scores(tenantId)).map((x) => [x.worker_id, x]));
    const seen = new Set<number>();
    for (const id of new Set(Object.values(groups).flat())) {
      const res = await as(t.app, medecin).get(`/api/v1/workers/${id}/risk`);
      expect(res.statusCode).toBe(200);
      const page = res.json().suggestion;
      const row = byWorker.get(id)!;
      expect(row.suggested_level, `worker ${id}`).toBe(page.suggestedLevel);
      // The page says the health component's probability in whole percent (« Probabilité estimée 23 % »).
      const health = page.components.find((c: { key: string }) => c.key === 'sante');
      expect(health.summary).toContain(`Probabilité estimée ${Math.round(row.health_probability * 100)} %`);
      seen.add(row.suggested_level);
    }
    expect(seen.size).toBeGreaterThanOrEqual(2);
  });

  it('the same result whatever the size of the slices read from the cursor', async () => {
    const before = await scores(tenantId);
    const r = await scoreAll(t.database, tenantId, { now: NOW, chunk: 7 });
    expect(r.workers).toBe(before.length);
    expect(await scores(tenantId)).toEqual(before);
  });

  it('a re-run replaces the rows: a changed health profile changes that worker only', async () => {
    const before = new Map((await scores(tenantId)).map((x) => [x.worker_id, x]));
    const subject = (await sql<{ id: string }>`select w.id from worker w where w.tenant_id = ${tenantId}
      and not exists (select 1 from worker_health_profile p where p.worker_id = w.id) order by w.id limit 1`.execute(db())).rows[0].id;
    const res = await as(t.app, medecin).put(`/api/v1/workers/${subject}/health-profile`, { csp: 'ouvrier', cimChapters: ['F', 'M'], exposures: ['port_charges', 'postures'], ald: true });
    expect(res.statusCode).toBe(200);
    const later = new Date(NOW.getTime() + 60_000);
    await scoreAll(t.database, tenantId, { now: later });
    const after = await scores(tenantId);
    const runs = await db().selectFrom('risk_score_run').select('computed_at').where('tenant_id', '=', tenantId).execute();
    expect(runs.map((x) => new Date(x.computed_at).getTime())).toEqual([later.getTime()]);
    expect(after).toHaveLength(before.size);
    const changed = after.filter((x) => x.health_probability !== before.get(x.worker_id)!.health_probability).map((x) => x.worker_id);
    expect(changed).toEqual([subject]);
    expect(after.find((x) => x.worker_id === subject)!.health_probability).toBeGreaterThan(before.get(subject)!.health_probability);
  });
});
