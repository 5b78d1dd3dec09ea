/**
 * « À qualifier »: the absence on each row is the absence the intake rules measure (issue 13
 * item 1: contiguous or overlapping arrêts form one absence; date_fin_effective is its last day),
 * counted up to the service's « now » (issue 14 item 1). The list computes it in SQL (for the sort
 * and the filter over the whole list); the property test below proves that SQL and the domain
 * function `absenceSoFar` agree on random arrêt sets and random days.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as triage from '../../src/db/repositories/triage.repository';
import { inTenant } from '../../src/db/tenant-tx';
import { addDays, civilDate } from '../../src/domain/calendar/dates';
import { absenceSoFar, type AbsenceArret } from '../../src/domain/intake/absence-so-far';
import { testLine, testNir } from '../../src/domain/intake/flux-test-lines';
import type { Principal } from '../../src/domain/access';
import { systemPrincipal, withCtx } from '../../src/services/context';
import { decideTriage } from '../../src/services/intake/triage-decider';
import { listTriage, triageFilter, type TriageQuery } from '../../src/services/intake/triage-lister';
import { as, demoEmail, login, startTestApp, type TestApp } from '../support/app';
import { ensureTestCompany, ingestLines } from './flux-helpers';

let t: TestApp;
let tenantId: string;
let cm: Principal;
let seq = 0;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = (await t.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  await ensureTestCompany(t.database, tenantId);
  const org = await t.database.db.selectFrom('organisation').select('id').where('tenant_id', '=', tenantId).where('kind', '=', 'spsti').executeTakeFirstOrThrow();
  cm = { ...systemPrincipal(tenantId, org.id, 'Chargée de mission (test)'), role: 'charge_mission' };
});
afterAll(() => t?.close());

interface ArretSpec {
  start: string;
  expected?: string | null;
  actual?: string | null;
  nature?: string;
  tpt?: boolean;
  cancelled?: boolean;
}

/** A worker « À qualifier » named `name`, with these arrêts (written as the flux writes them). */
async function workerWith(name: string, arrets: readonly ArretSpec[]): Promise<{ workerId: string; itemId: string }> {
  return inTenant(t.database.db, tenantId, async (trx) => {
    const w = await trx
      .insertInto('worker')
      .values({ tenant_id: tenantId, nir: null, birth_name: name, usage_name: null, first_names: 'Test', birth_date: '1980-05-12', sex: 1, email: null, phone: null, postal_code: null, city: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const item = await trx
      .insertInto('triage_item')
      .values({ tenant_id: tenantId, worker_id: w.id, status: 'a_qualifier', first_received_at: new Date(), last_received_at: new Date(), created_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (arrets.length > 0) {
      await trx
        .insertInto('arret')
        .values(
          arrets.map((a) => ({
            tenant_id: tenantId,
            worker_id: w.id,
            source: 'equipe',
            nature: a.nature ?? 'maladie',
            start_date: a.start,
            expected_end_date: a.expected ?? null,
            actual_end_date: a.actual ?? null,
            temps_partiel_therapeutique: a.tpt ?? false,
            cancelled_at: a.cancelled ? new Date() : null,
          })),
        )
        .execute();
    }
    return { workerId: w.id, itemId: item.id };
  });
}

/** The list as the service answers it, at the service's « now » `now`. */
const list = (now: Date, q: TriageQuery) => withCtx(t.database, cm, (ctx) => listTriage(ctx, q), now);

/** One row « À qualifier » of a worker named `name`, at `now`. */
async function rowOf(name: string, now: Date) {
  const r = await list(now, { q: name });
  expect(r.total).toBe(1);
  return r.items[0];
}

// The service's « now » (not the machine's date): 15/03/2026 in Paris.
const NOW = new Date('2026-03-15T10:00:00Z');
const name = () => `Absence${String(++seq).padStart(4, '0')}x`;

describe('the absence of a row is the absence the rules measure, up to the service’s « now »', () => {
  it('two arrêts with one day back at work between them are two absences: the row shows the latest', async () => {
    const n = name();
    await workerWith(n, [
      { start: '2026-01-01', expected: '2026-01-31' },
      { start: '2026-02-02', expected: '2026-03-31' },
    ]);
    expect((await rowOf(n, NOW)).absence).toMatchObject({ startDate: '2026-02-02', endDate: '2026-03-31', days: 42 });
  });

  it('an arrêt starting the day after the previous one ends continues the absence', async () => {
    const n = name();
    await workerWith(n, [
      { start: '2026-01-01', expected: '2026-01-31' },
      { start: '2026-02-01', expected: '2026-03-31' },
    ]);
    expect((await rowOf(n, NOW)).absence).toMatchObject({ startDate: '2026-01-01', endDate: '2026-03-31', days: 74 });
  });

  it('overlapping arrêts are one absence, to the later end, whichever started last', async () => {
    const n = name();
    await workerWith(n, [
      { start: '2026-01-01', expected: '2026-03-31', nature: 'accident_travail' },
      { start: '2026-01-10', expected: '2026-02-10' },
    ]);
    expect((await rowOf(n, NOW)).absence).toMatchObject({
      startDate: '2026-01-01',
      endDate: '2026-03-31',
      days: 74,
      nature: 'accident_travail',
      natureLabel: 'Accident du travail (avec maladie)',
    });
  });

  it('date_fin_effective is the last day: over the day before « now » (its whole length), running on the day itself', async () => {
    const before = name();
    await workerWith(before, [{ start: '2026-03-01', expected: '2026-04-30', actual: '2026-03-14' }]);
    expect((await rowOf(before, NOW)).absence).toMatchObject({ startDate: '2026-03-01', endDate: '2026-03-14', days: 14 });
    expect((await rowOf(before, new Date('2026-06-01T10:00:00Z'))).absence).toMatchObject({ days: 14 });
    const same = name();
    await workerWith(same, [{ start: '2026-03-01', expected: '2026-04-30', actual: '2026-03-15' }]);
    expect((await rowOf(same, NOW)).absence).toMatchObject({ endDate: '2026-03-15', days: 15 });
  });

  it('an expected end already past is the last day: the absence is over (not counted up to « now »)', async () => {
    const n = name();
    await workerWith(n, [{ start: '2026-02-01', expected: '2026-02-28' }]);
    expect((await rowOf(n, NOW)).absence).toMatchObject({ startDate: '2026-02-01', endDate: '2026-02-28', days: 28 });
  });

  it('counted up to the service’s « now », not the machine’s date', async () => {
    const n = name();
    await workerWith(n, [{ start: '2026-03-01' }]);
    expect((await rowOf(n, NOW)).absence).toMatchObject({ endDate: null, days: 15 });
    expect((await rowOf(n, new Date('2026-03-02T10:00:00Z'))).absence).toMatchObject({ days: 2 });
  });

  it('a prolongation shortening the end (flux): the absence ends on the new expected end', async () => {
    const today = civilDate(new Date());
    const p = 760_000 + seq;
    await ingestLines(t.database, tenantId, [
      testLine(p, { id_message: `AB-${p}`, id_arret: `ABA-${p}`, date_debut: addDays(today, -40), date_fin_prevue: addDays(today, 30) }),
      testLine(p, { id_message: `AB2-${p}`, id_arret: `ABA-${p}`, type_message: 'prolongation', date_debut: addDays(today, -40), date_fin_prevue: addDays(today, -6) }),
    ]);
    const w = await t.database.db.selectFrom('worker').select('id').where('nir', '=', testNir(p)).executeTakeFirstOrThrow();
    const r = await list(new Date(), { q: `NOM${p}` });
    expect(r.items.map((x) => x.worker.id)).toEqual([w.id]);
    expect(r.items[0].absence).toMatchObject({ startDate: addDays(today, -40), endDate: addDays(today, -6), days: 35 });
  });

  it('sort « absence » and the minimum length filter use the same days, over the whole filtered list', async () => {
    const tag = `Absort${++seq}x`;
    // Days at NOW: 74 (adjacent arrêts), 42 (after a gap), 28 (over), 15 (running).
    await workerWith(`${tag} B`, [{ start: '2026-01-01', expected: '2026-01-31' }, { start: '2026-02-01', expected: '2026-03-31' }]);
    await workerWith(`${tag} A`, [{ start: '2026-01-01', expected: '2026-01-31' }, { start: '2026-02-02', expected: '2026-03-31' }]);
    await workerWith(`${tag} C`, [{ start: '2026-02-01', expected: '2026-02-28' }]);
    await workerWith(`${tag} D`, [{ start: '2026-03-01' }]);
    const pages = [];
    for (const page of [1, 2, 3, 4]) pages.push(...(await list(NOW, { q: tag, sort: 'absence', pageSize: 1, page })).items.map((x) => x.absence?.days));
    expect(pages).toEqual([74, 42, 28, 15]);
    // The other sorts page the same rows, each once, with their absence.
    for (const sort of ['recu', 'echeance']) {
      const seen = [];
      for (const page of [1, 2]) seen.push(...(await list(NOW, { q: tag, sort, pageSize: 2, page })).items.map((x) => x.absence?.days));
      expect(seen.sort((a, b) => b! - a!)).toEqual([74, 42, 28, 15]);
    }
    expect((await list(NOW, { q: tag, minDays: 42 })).total).toBe(2);
    expect((await list(NOW, { q: tag, minDays: 43 })).total).toBe(1);
    expect((await list(NOW, { q: tag, minDays: 28 })).total).toBe(3);
    // « All the rows of the filter » (bulk decision) takes the same rows.
    const d = await withCtx(t.database, cm, (ctx) => decideTriage(ctx, { action: 'non_retenu', filter: { q: tag, minDays: 42 }, reason: 'Absence trop courte (test)' }), NOW);
    expect(d.decided).toBe(2);
    expect((await list(NOW, { q: tag })).items.map((x) => x.absence?.days).sort()).toEqual([15, 28]);
  });
});

describe('the API answers whether the absence runs today and a TPT with it (the server’s « now », not the browser’s date)', () => {
  it('GET /api/v1/triage: `ongoing` and `tpt` for a running absence with a TPT, both false for one over; `endDate` null while open-ended', async () => {
    const cmHttp = await login(t.app, demoEmail('charge-mission'));
    const today = civilDate(new Date());
    const running = name();
    await workerWith(running, [
      { start: addDays(today, -20), expected: addDays(today, -6) },
      { start: addDays(today, -5), expected: addDays(today, 10), tpt: true },
    ]);
    const over = name();
    await workerWith(over, [{ start: addDays(today, -40), expected: addDays(today, -6), tpt: true }]);
    const open = name();
    await workerWith(open, [{ start: addDays(today, -3) }]);
    const get = async (n: string) => {
      const res = await as(t.app, cmHttp).get(`/api/v1/triage?q=${n}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.total).toBe(1);
      return body.items[0].absence;
    };
    expect(await get(running)).toEqual({
      startDate: addDays(today, -20),
      endDate: addDays(today, 10),
      days: 21,
      ongoing: true,
      tpt: true,
      nature: 'maladie',
      natureLabel: 'Maladie',
    });
    expect(await get(over)).toMatchObject({ endDate: addDays(today, -6), days: 35, ongoing: false, tpt: false });
    expect(await get(open)).toMatchObject({ endDate: null, days: 4, ongoing: true, tpt: false });
  });
});

// ---------------------------------------------------------------------------------------------
// SQL and domain agree (property-based)

const DAY0 = '2026-03-01';
const arretArb = fc.record({
  start: fc.integer({ min: -40, max: 25 }),
  expected: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  actual: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  nature: fc.constantFrom('maladie', 'accident_travail', 'maladie_professionnelle', 'maternite'),
  tpt: fc.boolean(),
  cancelled: fc.boolean(),
});
const caseArb = fc.record({
  today: fc.integer({ min: -10, max: 10 }),
  workers: fc.array(fc.array(arretArb, { minLength: 0, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
});

describe('SQL of the list = domain absenceSoFar', () => {
  it('on random arrêt sets and days: same absence, days, end, natures, TPT, running; same order and filter', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ today: offset, workers }) => {
        const today = addDays(DAY0, offset);
        const tag = `Abprop${++seq}x`;
        const expected: Array<{ itemId: string; x: ReturnType<typeof absenceSoFar> }> = [];
        for (const [i, specs] of workers.entries()) {
          const arrets = specs.map((a) => ({
            start: addDays(DAY0, a.start),
            expected: a.expected === null ? null : addDays(DAY0, a.start + a.expected),
            actual: a.actual === null ? null : addDays(DAY0, a.start + a.actual),
            nature: a.nature,
            tpt: a.tpt,
            cancelled: a.cancelled,
          }));
          const { itemId, workerId } = await workerWith(`${tag} W${i}`, arrets);
          const domain: AbsenceArret[] = arrets.map((a, k) => ({
            id: `${k}`,
            workerId,
            nature: a.nature,
            startDate: a.start,
            expectedEndDate: a.expected,
            actualEndDate: a.actual,
            ald: false,
            cancelled: a.cancelled,
            tpt: a.tpt,
          }));
          expected.push({ itemId, x: absenceSoFar(domain, today) });
        }
        const f = { ...triageFilter({ principal: cm, now: NOW } as Parameters<typeof triageFilter>[0], { q: tag }), today };
        const rows = await inTenant(t.database.db, tenantId, (trx) => triage.findItemsPage(trx, f, { sort: 'absence', limit: 100, offset: 0 }));
        expect(rows).toHaveLength(workers.length);
        const byId = new Map(rows.map((r) => [r.id, r]));
        for (const { itemId, x } of expected) {
          const r = byId.get(itemId)!;
          const sqlAbsence =
            r.absence_start === null
              ? null
              : { startDate: r.absence_start, endDate: r.absence_end, days: Number(r.absence_days), ongoing: r.absence_ongoing, natures: [...r.absence_natures!].sort(), tpt: r.absence_tpt };
          expect(sqlAbsence).toEqual(x === null ? null : { ...x, natures: [...x.natures].sort() });
        }
        // The sort: days, longest first, rows without an absence last.
        const days = rows.map((r) => (r.absence_days === null ? -1 : Number(r.absence_days)));
        expect(days).toEqual([...days].sort((a, b) => b - a));
        // The filter: at least N days, N the days of one of the rows.
        const n = expected[0].x?.days ?? 0;
        const count = await inTenant(t.database.db, tenantId, (trx) => triage.countItems(trx, { ...f, minDays: n }));
        expect(count).toBe(expected.filter((e) => (e.x?.days ?? 0) >= n).length);
      }),
      { numRuns: 100 },
    );
  });
});
