/**
 * The one-shot recompute of the rule tasks created under the old rules (issue 13): on a
 * database holding tasks as the former rules wrote them (each arrêt measured alone, maternité
 * giving a pré-reprise and a liaison), the open tasks of open dossiers are moved to their
 * absence, cancelled when no longer called for, kept otherwise; done tasks and tasks outside an
 * open dossier stay as they are; the version is recorded and the next start does nothing.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/db/tenant-tx';
import { addDays, civilDate } from '../../src/domain/calendar/dates';
import { systemPrincipal, withCtx } from '../../src/services/context';
import { RULES_VERSION, RULES_VERSION_SETTING_KEY, runRulesRecomputeOnce } from '../../src/services/intake/rules-recompute';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
let tenantId: string;
let spstiId: string;
let userId: string;
const now = new Date();
const today = civilDate(now);
const free: string[] = [];

beforeAll(async () => {
  t = await startTestApp();
  tenantId = (await t.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  spstiId = (await t.database.db.selectFrom('organisation').select('id').where('tenant_id', '=', tenantId).where('kind', '=', 'spsti').executeTakeFirstOrThrow()).id;
  userId = (await t.database.db.selectFrom('app_user').select('id').where('tenant_id', '=', tenantId).limit(1).executeTakeFirstOrThrow()).id;
  const rows = await sql<{ id: string }>`
    select w.id from worker w
    where w.tenant_id = ${tenantId}
      and not exists (select 1 from arret a where a.tenant_id = w.tenant_id and a.worker_id = w.id)
      and not exists (select 1 from dossier d where d.tenant_id = w.tenant_id and d.worker_id = w.id)
      -- Far from 45 in any year a reprise of the test may fall in (a December run puts it next
      -- year, and the mi-carrière may be combined with a reprise up to two years before): no
      -- mi-carrière task mixes with the tasks this test counts.
      and extract(year from w.birth_date) not between extract(year from current_date) - 48 and extract(year from current_date) - 40
    order by w.id limit 5`.execute(t.database.db);
  free.push(...rows.rows.map((r) => r.id));
});
afterAll(() => t?.close());

const tx = <T>(fn: Parameters<typeof inTenant<T>>[2]) => inTenant(t.database.db, tenantId, fn);

async function openDossier(workerId: string) {
  return withCtx(t.database, systemPrincipal(tenantId, spstiId), async (ctx) => {
    // A signal no longer opens a dossier (issue 14: « À qualifier »): the dossier is opened as the cell does.
    const { insertNewDossier } = await import('../../src/services/dossier/dossier-opener');
    return (await insertNewDossier(ctx, { workerId, origin: 'equipe', summary: 'Test', nextDueDate: null, assigneeIds: [], referentId: null })).dossier.id;
  });
}

async function insertArret(workerId: string, p: { nature: string; start: string; end: string }) {
  return tx(async (trx) => {
    const r = await trx
      .insertInto('arret')
      .values({ tenant_id: tenantId, worker_id: workerId, source: 'equipe', nature: p.nature, start_date: p.start, expected_end_date: p.end, ald: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  });
}

/** A task as the former rules wrote it. */
async function oldTask(workerId: string, dossierId: string | null, rule: string, subject: string, due: string, extra: { status?: string; owner?: string } = {}) {
  return tx(async (trx) => {
    const r = await trx
      .insertInto('task')
      .values({ tenant_id: tenantId, worker_id: workerId, dossier_id: dossierId, kind: rule, title: rule, due_date: due, rule_id: rule, subject_ref: subject, status: extra.status ?? 'a_faire', owner_user_id: extra.owner ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  });
}

async function tasksOf(workerId: string) {
  return tx((trx) =>
    trx.selectFrom('task').select(['id', 'rule_id', 'subject_ref', 'due_date', 'status', 'owner_user_id']).where('worker_id', '=', workerId).orderBy('rule_id').orderBy('subject_ref').execute(),
  );
}

describe('rules recompute (issue 13)', () => {
  it('moves, cancels or keeps the open tasks of open dossiers once, and leaves the rest alone', async () => {
    // 1. Maternité, running, in an open dossier: the former rules gave a pré-reprise and a liaison.
    const wm = free[0];
    const dm = await openDossier(wm);
    const mStart = addDays(today, -40);
    const mEnd = addDays(today, 60);
    const m = await insertArret(wm, { nature: 'maternite', start: mStart, end: mEnd });
    const mPre = await oldTask(wm, dm, 'pre_reprise', `arret:${m}`, addDays(today, -3));
    const mLia = await oldTask(wm, dm, 'rdv_liaison', `arret:${m}`, addDays(today, -3));
    const mRep = await oldTask(wm, dm, 'visite_reprise', `arret:${m}:${addDays(mEnd, 1)}`, addDays(mEnd, 9));

    // 2. Two contiguous maladie arrêts A (20 days, over) then B (the day after, running): the
    //    former rules measured B alone (51 days) — tasks about B, one owned; a done one stays.
    const wc = free[1];
    const dc = await openDossier(wc);
    const aStart = addDays(today, -50);
    const a = await insertArret(wc, { nature: 'maladie', start: aStart, end: addDays(aStart, 19) });
    const b = await insertArret(wc, { nature: 'maladie', start: addDays(aStart, 20), end: addDays(today, 20) });
    const bPre = await oldTask(wc, dc, 'pre_reprise', `arret:${b}`, addDays(today, -10), { owner: userId });
    await oldTask(wc, dc, 'rdv_liaison', `arret:${b}`, addDays(today, -10), { status: 'fait' });

    // 3. Same maternité case without an open dossier: not in scope.
    const wn = free[2];
    const n = await insertArret(wn, { nature: 'maternite', start: mStart, end: mEnd });
    const nPre = await oldTask(wn, null, 'pre_reprise', `arret:${n}`, addDays(today, -3));

    await tx((trx) => trx.deleteFrom('tenant_setting').where('key', '=', RULES_VERSION_SETTING_KEY).execute());
    const done = await runRulesRecomputeOnce(t.database, now);
    const demo = done.find((x) => x.slug === 'demo');
    expect(demo).toBeDefined();
    expect(demo!.moved).toBeGreaterThanOrEqual(1);
    expect(demo!.cancelled).toBeGreaterThanOrEqual(2);

    // 1. Maternité: the reprise kept, the pré-reprise and the liaison cancelled.
    const tm = await tasksOf(wm);
    expect(tm.map((x) => [x.id, x.rule_id, x.status])).toEqual([
      [mPre, 'pre_reprise', 'annule'],
      [mLia, 'rdv_liaison', 'annule'],
      [mRep, 'visite_reprise', 'a_faire'],
    ]);

    // 2. The pré-reprise moved to the absence's first arrêt (same task, same owner, same due
    //    date); the done liaison untouched and not proposed again for the absence; the reprise
    //    of the 71-day absence created.
    const tc = await tasksOf(wc);
    expect(tc.map((x) => [x.rule_id, x.subject_ref, x.status])).toEqual([
      ['pre_reprise', `arret:${a}`, 'a_faire'],
      ['rdv_liaison', `arret:${b}`, 'fait'],
      ['visite_reprise', `arret:${a}:${addDays(today, 21)}`, 'a_faire'],
    ]);
    expect(tc[0]).toMatchObject({ id: bPre, owner_user_id: userId, due_date: addDays(today, -10) });
    expect(tc[2].due_date).toBe(addDays(today, 29));

    // 3. Outside an open dossier: as it was.
    expect((await tasksOf(wn)).map((x) => [x.id, x.status])).toEqual([[nPre, 'a_faire']]);

    // Recorded once: the version, and an audit event with the counts.
    const setting = await tx((trx) => trx.selectFrom('tenant_setting').select('value').where('key', '=', RULES_VERSION_SETTING_KEY).executeTakeFirstOrThrow());
    expect((setting.value as { version: number }).version).toBe(RULES_VERSION);
    const events = await sql<{ n: number }>`select count(*)::int as n from audit_event where tenant_id = ${tenantId} and action = 'task.recompute_rules'`.execute(t.database.db);
    expect(events.rows[0].n).toBe(1);

    // The next start does nothing, even with a new old-style task.
    const later = await oldTask(wm, dm, 'pre_reprise', `arret:${m}:again`, today);
    expect(await runRulesRecomputeOnce(t.database, now)).toEqual([]);
    expect((await tasksOf(wm)).find((x) => x.id === later)?.status).toBe('a_faire');
  });
});
