/**
 * Triage « À qualifier » and the service's scope (issue 14 items 1, 2): the flux and the other
 * channels put workers without an open dossier in one queue, one row per worker; lines of
 * non-member employers are « hors périmètre » and create nothing; rule tasks wait for the
 * dossier (one « à qualifier » task meanwhile); decisions one by one and in bulk; the migration
 * of data written the old way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection';
import { listMigrations, migrate } from '../../src/db/migrate';
import { addDays, civilDate } from '../../src/domain/calendar/dates';
import { testLine, testNir, testSiret, type TestLine } from '../../src/domain/intake/flux-test-lines';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';
import { serverUrl } from '../support/database';
import { count, ensureTestCompany, ingestLines } from './flux-helpers';

let t: TestApp;
let tenantId: string;
let cm: Session;
let assistant: Session;
const today = civilDate(new Date());
let person = 700_000;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = (await t.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  await ensureTestCompany(t.database, tenantId);
  cm = await login(t.app, demoEmail('charge-mission'));
  assistant = await login(t.app, demoEmail('assistant'));
});
afterAll(() => t?.close());

/** A running maladie of 40 days (calls for pré-reprise and liaison), about person `n`. */
const running = (n: number, over: TestLine = {}) =>
  testLine(n, { id_message: `T-${n}`, id_arret: `TA-${n}`, date_debut: addDays(today, -40), date_fin_prevue: addDays(today, 30), ...over });

const workerOf = async (n: number) => (await t.database.db.selectFrom('worker').select('id').where('nir', '=', testNir(n)).executeTakeFirstOrThrow()).id;

describe('scope: member companies', () => {
  it('a line without a member employer is « hors périmètre »: counted, listed with the answer, nothing created; re-sent: duplicate', async () => {
    const [a, b, c] = [person++, person++, person++];
    const lines = [running(a, { siret_employeur: '' }), running(b, { siret_employeur: testSiret('12345678') }), running(c)];
    const r = await ingestLines(t.database, tenantId, lines);
    expect(r).toMatchObject({ lines: 3, accepted: 1, outOfScope: 2, duplicates: 0, rejected: 0, quarantined: 0 });
    expect(r.lines).toBe(r.accepted + r.duplicates + r.rejected + r.quarantined + r.outOfScope);
    for (const n of [a, b]) expect(await count(t.database, `select 1 from worker where nir = '${testNir(n)}'`)).toBe(0);
    const batch = await t.database.db.selectFrom('import_batch').selectAll().where('id', '=', r.batchId).executeTakeFirstOrThrow();
    expect(batch.out_of_scope).toBe(2);
    const list = await as(t.app, cm).get('/api/v1/triage/out-of-scope');
    expect(list.statusCode).toBe(200);
    const mine = list.json().items.filter((x: { batchId: string }) => x.batchId === r.batchId);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toMatchObject({ status: 'hors_perimetre', statusLabel: 'Hors périmètre', answer: 'Salarié non suivi par ce service' });
    expect(Object.keys(mine[0])).not.toContain('payload');
    // The same file again: every line a duplicate, nothing more.
    const again = await ingestLines(t.database, tenantId, lines);
    expect(again).toMatchObject({ accepted: 0, duplicates: 3, outOfScope: 0 });
    expect(await count(t.database, `select 1 from flux_out_of_scope where batch_id = '${again.batchId}'`)).toBe(0);
  });

  it('a prolongation without SIRET of an episode the service follows stays in scope', async () => {
    const n = person++;
    await ingestLines(t.database, tenantId, [running(n)]);
    const r = await ingestLines(t.database, tenantId, [running(n, { id_message: `TP-${n}`, type_message: 'prolongation', siret_employeur: '', date_fin_prevue: addDays(today, 60) })]);
    expect(r).toMatchObject({ accepted: 1, outOfScope: 0 });
  });

  it('a company that is not a member puts its lines out of scope', async () => {
    const company = await t.database.db.selectFrom('company').select(['id', 'siret']).where('tenant_id', '=', tenantId).where('siret', '<>', testSiret()).executeTakeFirstOrThrow();
    await t.database.db.updateTable('company').set({ member: false }).where('id', '=', company.id).execute();
    const n = person++;
    const r = await ingestLines(t.database, tenantId, [running(n, { siret_employeur: company.siret })]);
    expect(r).toMatchObject({ accepted: 0, outOfScope: 1 });
    await t.database.db.updateTable('company').set({ member: true }).where('id', '=', company.id).execute();
  });
});

describe('triage « À qualifier »', () => {
  it('one row per worker, one « à qualifier » task instead of his rule tasks; true count in the navigation', async () => {
    const n = person++;
    const before = (await as(t.app, cm).get('/api/v1/navigation/counts')).json().triageToQualify;
    await ingestLines(t.database, tenantId, [running(n), running(n, { id_message: `T2-${n}`, type_message: 'prolongation', date_fin_prevue: addDays(today, 50) }), running(n, { id_message: `T3-${n}`, id_arret: `TB-${n}` })]);
    const w = await workerOf(n);
    expect(await count(t.database, `select 1 from triage_item where worker_id = '${w}' and status = 'a_qualifier'`)).toBe(1);
    expect(await count(t.database, `select 1 from dossier where worker_id = '${w}'`)).toBe(0);
    const tasks = await t.database.db.selectFrom('task').selectAll().where('worker_id', '=', w).execute();
    expect(tasks.map((x) => [x.rule_id, x.status, x.title])).toEqual([['a_qualifier', 'a_faire', 'Qualifier le signalement']]);
    expect(tasks[0].due_date).toBe(addDays(today, 7));
    const counts = (await as(t.app, cm).get('/api/v1/navigation/counts')).json();
    expect(counts.triageToQualify).toBe(before + 1);
    expect(counts.triageToQualify).toBe(await count(t.database, `select 1 from triage_item where tenant_id = '${tenantId}' and status = 'a_qualifier'`));
    const list = (await as(t.app, cm).get(`/api/v1/triage?q=NOM${n}`)).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      status: 'a_qualifier',
      signals: 3,
      arrets: 2,
      worker: { id: w, age: expect.any(Number) },
      absence: { days: 41, natureLabel: expect.any(String) },
      company: { siret: testSiret(), member: true },
      earlierDossiers: 0,
      taskDue: addDays(today, 7),
    });
  });

  it('bulk « ouvrir » with professionals and referent: dossiers assigned, signals joined, rule tasks appear, the task done', async () => {
    const ns = [person++, person++, person++];
    await ingestLines(t.database, tenantId, ns.map((n) => running(n)));
    const ids = [];
    for (const n of ns) ids.push((await as(t.app, cm).get(`/api/v1/triage?q=NOM${n}`)).json().items[0].id);
    const medecin = (await login(t.app, demoEmail('medecin'))).me.user.id;
    const res = await as(t.app, cm).post('/api/v1/triage/decisions', { action: 'ouvrir', ids, assigneeIds: [cm.me.user.id, medecin], referentId: medecin });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ decided: 3, skipped: [], status: 'retenu' });
    for (const n of ns) {
      const w = await workerOf(n);
      const d = await t.database.db.selectFrom('dossier').selectAll().where('worker_id', '=', w).executeTakeFirstOrThrow();
      expect(d).toMatchObject({ state: 'signale', origin: 'flux_am' });
      expect(await count(t.database, `select 1 from dossier_assignment where dossier_id = '${d.id}'`)).toBe(2);
      expect(await count(t.database, `select 1 from dossier_assignment where dossier_id = '${d.id}' and is_referent and user_id = '${medecin}'`)).toBe(1);
      expect(await count(t.database, `select 1 from signal where worker_id = '${w}' and dossier_id = '${d.id}'`)).toBe(1);
      const tasks = await t.database.db.selectFrom('task').select(['rule_id', 'status', 'dossier_id']).where('worker_id', '=', w).orderBy('rule_id').execute();
      expect(tasks.map((x) => [x.rule_id, x.status])).toEqual([['a_qualifier', 'fait'], ['pre_reprise', 'a_faire'], ['rdv_liaison', 'a_faire'], ['visite_reprise', 'a_faire']]);
      expect(tasks.filter((x) => x.status === 'a_faire').every((x) => x.dossier_id === d.id)).toBe(true);
    }
    // Decided already: skipped, with a French message.
    const again = (await as(t.app, cm).post('/api/v1/triage/decisions', { action: 'non_retenu', ids: [ids[0]], reason: 'Déjà vu' })).json();
    expect(again).toMatchObject({ decided: 0, skipped: [{ id: ids[0], code: 'DEJA_QUALIFIE' }] });
    // A new line for one of them joins his open dossier, not the triage.
    await ingestLines(t.database, tenantId, [running(ns[0], { id_message: `T9-${ns[0]}`, type_message: 'prolongation', date_fin_prevue: addDays(today, 90) })]);
    expect(await count(t.database, `select 1 from triage_item where worker_id = '${await workerOf(ns[0])}' and status = 'a_qualifier'`)).toBe(0);
  });

  it('« Non retenu » needs a reason; « Hors périmètre »; all rows of a filter; the assistant may open but not set aside', async () => {
    const [a, b, c] = [person++, person++, person++];
    await ingestLines(t.database, tenantId, [running(a), running(b), running(c)]);
    const idOf = async (n: number) => (await as(t.app, cm).get(`/api/v1/triage?q=NOM${n}`)).json().items[0].id;
    const noReason = await as(t.app, cm).post('/api/v1/triage/decisions', { action: 'non_retenu', ids: [await idOf(a)] });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ code: 'MOTIF_REQUIS', field: 'reason' });
    const refused = await as(t.app, assistant).post('/api/v1/triage/decisions', { action: 'hors_perimetre', ids: [await idOf(a)] });
    expect(refused.statusCode).toBe(403);
    const ok = (await as(t.app, cm).post('/api/v1/triage/decisions', { action: 'non_retenu', ids: [await idOf(a)], reason: 'Arrêt sans lien avec le poste' })).json();
    expect(ok).toMatchObject({ decided: 1, status: 'non_retenu' });
    const wa = await workerOf(a);
    expect(await count(t.database, `select 1 from task where worker_id = '${wa}' and status = 'a_faire'`)).toBe(0);
    expect(await count(t.database, `select 1 from task where worker_id = '${wa}' and rule_id = 'a_qualifier' and status = 'annule'`)).toBe(1);
    const hp = (await as(t.app, cm).post('/api/v1/triage/decisions', { action: 'hors_perimetre', filter: { q: `NOM${b}` } })).json();
    expect(hp).toMatchObject({ decided: 1, status: 'hors_perimetre' });
    expect((await as(t.app, cm).get(`/api/v1/triage?status=non_retenu&q=NOM${a}`)).json().items[0]).toMatchObject({ decisionReason: 'Arrêt sans lien avec le poste' });
    // A new signal about a worker set aside starts a new item, showing the earlier decision.
    await ingestLines(t.database, tenantId, [running(a, { id_message: `TN-${a}`, id_arret: `TN-${a}` })]);
    expect((await as(t.app, cm).get(`/api/v1/triage?q=NOM${a}`)).json().items[0]).toMatchObject({ status: 'a_qualifier', earlierSetAside: 1 });
    const opened = (await as(t.app, assistant).post('/api/v1/triage/decisions', { action: 'ouvrir', ids: [await idOf(c)] })).json();
    expect(opened).toMatchObject({ decided: 1 });
  });

  it('a saisine of the team about a worker without dossier joins the triage; « rattacher » needs an open dossier', async () => {
    const worker = await sql<{ id: string }>`select w.id from worker w where w.tenant_id = ${tenantId}
      and not exists (select 1 from dossier d where d.worker_id = w.id) and not exists (select 1 from triage_item x where x.worker_id = w.id) limit 1`.execute(t.database.db);
    const w = worker.rows[0].id;
    const s = await as(t.app, cm).post('/api/v1/saisines', { workerId: w, reason: 'Difficultés au poste signalées en visite' });
    expect(s.statusCode, s.body).toBe(201);
    expect(s.json().dossier).toBeNull();
    const item = await t.database.db.selectFrom('triage_item').selectAll().where('worker_id', '=', w).executeTakeFirstOrThrow();
    const r = (await as(t.app, cm).post('/api/v1/triage/decisions', { action: 'rattacher', ids: [item.id] })).json();
    expect(r).toMatchObject({ decided: 0, skipped: [{ code: 'AUCUN_DOSSIER_EN_COURS' }] });
  });
});

describe('migration 0023 on a database written the old way', () => {
  it('untouched « Signalé » dossiers become triage items, their rule tasks cancelled but one « à qualifier »; others stay', { timeout: 120_000 }, async () => {
    if (serverUrl) return; // the embedded engine is enough to run the SQL file on old data
    const db = await openDatabase({ dataDir: 'memory://' });
    const dir = fileURLToPath(new URL('../../src/db/migrations/', import.meta.url));
    await db.withSession(async (exec) => {
      await exec(`create table if not exists schema_migration (name text primary key, applied_at timestamptz not null default now())`);
      for (const name of listMigrations().filter((m) => m < '20261207_0023')) {
        await exec(`begin;\n${readFileSync(join(dir, name), 'utf8')}\n;insert into schema_migration (name) values ('${name}');\ncommit;`);
      }
      // The old flux: a dossier « Signalé » per worker, its opening, a signal and rule tasks.
      await exec(`
        insert into tenant (id, slug, name) values ('00000000-0000-0000-0000-000000000001', 'old', 'Ancien');
        insert into worker (tenant_id, id, birth_name, first_names, birth_date, sex) values
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000a1', 'UN', 'A', '1980-01-01', 1),
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000a2', 'DEUX', 'B', '1980-01-01', 1);
        insert into app_user (tenant_id, id, email, display_name, password_hash) values
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000f1', 'x@old.test', 'X', 'h');
        insert into dossier (tenant_id, id, reference, worker_id, state, origin) values
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000d1', 'PDP-2026-00001', '00000000-0000-0000-0000-0000000000a1', 'signale', 'flux_am'),
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000d2', 'PDP-2026-00002', '00000000-0000-0000-0000-0000000000a2', 'signale', 'flux_am');
        insert into dossier_transition (tenant_id, dossier_id, from_state, to_state) values
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000d1', null, 'signale'),
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000d2', null, 'signale');
        insert into timeline_entry (tenant_id, dossier_id, kind, category, body) values
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000d1', 'creation', 'administrative', 'Ouverture'),
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000d1', 'signal', 'administrative', 'Signal'),
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000d2', 'creation', 'administrative', 'Ouverture');
        insert into dossier_assignment (tenant_id, dossier_id, user_id) values
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000d2', '00000000-0000-0000-0000-0000000000f1');
        insert into signal (tenant_id, worker_id, dossier_id, source, kind, reason, consent_given) values
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000d1', 'flux_am', 'arret', 'Durée (initial)', true),
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000a2', '00000000-0000-0000-0000-0000000000d2', 'flux_am', 'arret', 'Durée (initial)', true);
        insert into task (tenant_id, worker_id, dossier_id, kind, title, due_date, rule_id, subject_ref) values
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000d1', 'pre_reprise', 'P', '2026-12-20', 'pre_reprise', 'arret:1'),
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000d1', 'rdv_liaison', 'L', '2026-12-18', 'rdv_liaison', 'arret:1'),
          ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000a2', '00000000-0000-0000-0000-0000000000d2', 'pre_reprise', 'P', '2026-12-20', 'pre_reprise', 'arret:2');`);
    });
    expect(await migrate(db)).toEqual(['20261207_0023_triage.sql']);
    const q = async <T,>(text: string) => (await sql.raw<T>(text).execute(db.db)).rows;
    // The untouched one became a triage item with its signal; the assigned one stays a dossier.
    expect(await q(`select reference from dossier order by reference`)).toEqual([{ reference: 'PDP-2026-00002' }]);
    const items = await q<{ worker_id: string; status: string; id: string }>(`select id, worker_id, status from triage_item`);
    expect(items).toEqual([{ id: expect.any(String), worker_id: '00000000-0000-0000-0000-0000000000a1', status: 'a_qualifier' }]);
    expect(await q(`select dossier_id, triage_item_id from signal where worker_id = '00000000-0000-0000-0000-0000000000a1'`)).toEqual([{ dossier_id: null, triage_item_id: items[0].id }]);
    expect(await q(`select count(*)::int as n from timeline_entry where dossier_id = '00000000-0000-0000-0000-0000000000d1'`)).toEqual([{ n: 0 }]);
    const tasks = await q<{ rule_id: string; status: string; due_date: string; dossier_id: string | null }>(
      `select rule_id, status, due_date::text as due_date, dossier_id from task where worker_id = '00000000-0000-0000-0000-0000000000a1' order by rule_id`,
    );
    expect(tasks).toEqual([
      { rule_id: 'a_qualifier', status: 'a_faire', due_date: '2026-12-18', dossier_id: null },
      { rule_id: 'pre_reprise', status: 'annule', due_date: '2026-12-20', dossier_id: null },
      { rule_id: 'rdv_liaison', status: 'annule', due_date: '2026-12-18', dossier_id: null },
    ]);
    expect(await q(`select status from task where worker_id = '00000000-0000-0000-0000-0000000000a2'`)).toEqual([{ status: 'a_faire' }]);
    await db.close();
  });
});
