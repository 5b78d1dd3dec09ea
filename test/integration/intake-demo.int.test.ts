/**
 * The intake demo content as `maintien start` seeds it (`modules: true`): each role finds what
 * it works on — the cell its signals, tasks, flux imports and returns; the employer his
 * declarations; the médecin conseil his fiches de liaison; the worker her saisine — and no
 * more than its role allows. The seeders' own details are tested in *-demo.int.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
const sessions: Record<string, Session> = {};
beforeAll(async () => {
  t = await startTestApp({ modules: true });
  for (const who of ['charge-mission', 'admin', 'employeur', 'service-medical', 'salarie']) sessions[who] = await login(t.app, demoEmail(who));
});
afterAll(() => t?.close());

const get = (who: string, url: string) => as(t.app, sessions[who]).get(url);

describe('intake demo content (modules: true)', () => {
  it('the cell sees signals of every channel, its tasks and the saved worklists filled', async () => {
    const signals = (await get('charge-mission', '/api/v1/signals?pageSize=100')).json();
    expect(signals.total).toBeGreaterThan(10);
    const sources = new Set<string>();
    for (let page = 1; page <= Math.ceil(signals.total / 100); page++) {
      for (const s of (await get('charge-mission', `/api/v1/signals?pageSize=100&page=${page}`)).json().items) sources.add(s.source);
    }
    for (const s of ['flux_am', 'employeur', 'medecin_conseil', 'salarie', 'equipe']) expect(sources).toContain(s);
    expect(signals.pendingVpr).toBe(2);
    expect(signals.declarationsToVerify).toBe(1);

    const tasks = (await get('charge-mission', '/api/v1/tasks?scope=mine')).json();
    expect(tasks.total).toBeGreaterThan(3);
    expect(tasks.counts.mineOverdue).toBeGreaterThan(0);
    const lists = (await get('charge-mission', '/api/v1/worklists')).json().items as { key: string; count: number }[];
    for (const key of ['arrets-2-mois', 'arrets-3-mois', 'ald', 'arrets-repetes']) expect(lists.find((l) => l.key === key)?.count).toBeGreaterThan(0);
  });

  it('two flux batches with rejections, lines to reconcile, returns in every delivery status', async () => {
    for (const who of ['charge-mission', 'admin']) {
      const batches = (await get(who, '/api/v1/flux/batches')).json();
      expect(batches.items).toHaveLength(2);
      for (const b of batches.items) {
        expect(b.status).toBe('termine');
        expect(b.counts.rejected).toBeGreaterThan(0);
        expect(b.counts.accepted).toBeGreaterThan(0);
      }
      expect(batches.items.map((b: { issuer: string }) => b.issuer).sort()).toEqual(['CPAM-593', 'ELSM-59']);
    }
    expect((await get('charge-mission', '/api/v1/flux/quarantine/count')).json().pending).toBeGreaterThan(0);
    const returns = (await get('charge-mission', '/api/v1/am-returns')).json();
    for (const s of ['accuse', 'en_erreur', 'transmis', 'a_transmettre']) expect(returns.counts[s]).toBeGreaterThan(0);
    // The administrator runs the imports but reads no case: no quarantine, no returns.
    expect((await get('admin', '/api/v1/flux/quarantine/count')).statusCode).toBe(403);
    expect((await get('admin', '/api/v1/am-returns')).statusCode).toBe(403);
  });

  it('the employer sees his declarations and nothing of the cell', async () => {
    const mine = (await get('employeur', '/api/v1/employer/declarations')).json();
    expect(mine.items.map((i: { statusLabel: string }) => i.statusLabel).sort()).toEqual(['Reçue', 'Reçue', 'Reçue', 'À vérifier']);
    for (const url of ['/api/v1/signals', '/api/v1/tasks?scope=team', '/api/v1/flux/batches', '/api/v1/am-returns', '/api/v1/worklists']) {
      expect((await get('employeur', url)).statusCode, url).toBe(403);
    }
  });

  it('the médecin conseil sees his fiches de liaison (two answered), the worker her saisine', async () => {
    const fiches = (await get('service-medical', '/api/v1/partner/vpr-orientations')).json();
    expect(fiches.items).toHaveLength(4);
    expect(fiches.items.filter((f: { answer: unknown }) => f.answer !== null)).toHaveLength(2);
    expect((await get('service-medical', '/api/v1/signals')).statusCode).toBe(403);
    expect((await get('salarie', '/api/v1/saisines/mine')).json().items).toHaveLength(1);
    expect((await get('salarie', '/api/v1/tasks?scope=mine')).statusCode).toBe(403);
  });

  it('navigation badges: one request, only the counts each role may see', async () => {
    const counts = (who: string) => get(who, '/api/v1/navigation/counts').then((r) => r.json());
    const cell = await counts('charge-mission');
    // « À qualifier » (issue 14) joined the cell's counts.
    expect(Object.keys(cell).sort()).toEqual(['amReturnsInError', 'overdueTasks', 'quarantineToResolve', 'signalsToProcess', 'triageToQualify']);
    expect(cell.triageToQualify).toBeGreaterThan(0);
    expect(cell.overdueTasks).toBe((await get('charge-mission', '/api/v1/tasks?scope=mine')).json().counts.mineOverdue);
    expect(cell.overdueTasks).toBeGreaterThan(0);
    expect(cell.signalsToProcess).toBe(3); // 2 fiches without an answer + 1 declaration « À vérifier »
    expect(cell.quarantineToResolve).toBe((await get('charge-mission', '/api/v1/flux/quarantine/count')).json().pending);
    expect(cell.amReturnsInError).toBe(1);
    for (const who of ['admin', 'employeur', 'service-medical', 'salarie']) expect(await counts(who), who).toEqual({});
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/navigation/counts' })).statusCode).toBe(401);
  });
});
