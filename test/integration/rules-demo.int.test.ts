/**
 * The rules channel's demo content: arrêts for ~150 workers, tasks created by the rules,
 * some given to the médecin and the chargée de mission (some overdue), every saved worklist
 * showing something.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedRulesDemo } from '../../src/demo/intake-rules';
import { as, demoEmail, login, startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const tenant = await t.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow();
  const started = performance.now();
  await seedRulesDemo(t.database, tenant.id, new Date());
  console.log(`seedRulesDemo: ${Math.round(performance.now() - started)} ms`);
});
afterAll(() => t?.close());

describe('seedRulesDemo', () => {
  it('gives the médecin and the chargée de mission tasks, some overdue', async () => {
    for (const who of ['medecin', 'charge-mission']) {
      const body = (await as(t.app, await login(t.app, demoEmail(who))).get('/api/v1/tasks?scope=mine&pageSize=100')).json();
      expect(body.total).toBeGreaterThan(3);
      expect(body.counts.mineOverdue).toBeGreaterThan(0);
      expect(body.items.some((i: { owner: { displayName: string } | null }) => i.owner !== null)).toBe(true);
    }
  });

  it('fills the saved worklists and creates every kind of task', async () => {
    const cm = as(t.app, await login(t.app, demoEmail('charge-mission')));
    const lists = (await cm.get('/api/v1/worklists')).json().items as { key: string; count: number }[];
    for (const key of ['arrets-2-mois', 'arrets-3-mois', 'ald', 'arrets-repetes']) expect(lists.find((l) => l.key === key)!.count).toBeGreaterThan(0);
    const team = (await cm.get('/api/v1/tasks?scope=team&status=tous&pageSize=100')).json();
    expect(team.total).toBeGreaterThan(100);
    const kinds = new Set<string>();
    for (let page = 1; page <= Math.ceil(team.total / 100); page++) {
      for (const i of (await cm.get(`/api/v1/tasks?scope=team&status=tous&pageSize=100&page=${page}`)).json().items) kinds.add(i.kind);
    }
    for (const k of ['pre_reprise', 'rdv_liaison', 'visite_reprise', 'plafond_ij', 'fin_droits_ald']) expect(kinds).toContain(k);
  });

  it('creates arrêts for about 150 workers', async () => {
    const r = await t.database.db.selectFrom('arret').select((eb) => eb.fn.count<number>('worker_id').distinct().as('n')).executeTakeFirstOrThrow();
    expect(Number(r.n)).toBeGreaterThanOrEqual(150);
  });
});
