/**
 * Tasks, saved worklists and « Règles de détection » through the API: « Mes tâches » and the
 * team list with their counts, done / cancel / owner, who may (employer, partner, worker: 403),
 * worklist counts matching the data, and the settings form's validation.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../src/db/tenant-tx';
import { civilDate } from '../../src/domain/calendar/dates';
import { addDays } from '../../src/domain/calendar/dates';
import { applyArretRules } from '../../src/services/intake/arret-rules-applier';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

let t: TestApp;
let tenantId: string;
const s: Record<string, Session> = {};
const today = civilDate(new Date());
const api = (who: string) => as(t.app, s[who]);

beforeAll(async () => {
  t = await startTestApp();
  tenantId = (await t.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  for (const local of ['medecin', 'charge-mission', 'assistant', 'admin', 'cpam', 'service-medical', 'employeur', 'salarie']) s[local] = await login(t.app, demoEmail(local));
});
afterAll(() => t?.close());

const tx = <T>(fn: Parameters<typeof inTenant<T>>[2]) => inTenant(t.database.db, tenantId, fn);

/** A worker of a dossier assigned to `userId`, with a new arrêt evaluated by the rules. */
async function arretForAssignedWorker(userId: string, p: { nature: string; start: string; expectedEnd: string | null; ald?: boolean }) {
  return tx(async (trx) => {
    const d = await sql<{ worker_id: string; dossier_id: string }>`
      select d.worker_id, d.id as dossier_id from dossier d
      join dossier_assignment a on a.tenant_id = d.tenant_id and a.dossier_id = d.id and a.user_id = ${userId}
      join worker w on w.tenant_id = d.tenant_id and w.id = d.worker_id
      where d.state in ('signale', 'a_evaluer', 'en_accompagnement', 'suivi')
        and not exists (select 1 from arret x where x.tenant_id = d.tenant_id and x.worker_id = d.worker_id)
        -- far from 45 in any year the arrêt's reprise may fall in (a December run puts it next
        -- year): the mi-carrière task, yearly or coupled with the reprise (L4624-2-2), would join
        -- the arrêt's tasks
        and extract(year from w.birth_date) not between ${Number(today.slice(0, 4)) - 48} and ${Number(today.slice(0, 4)) - 40}
      order by d.id limit 1`.execute(trx);
    const row = d.rows[0];
    const a = await trx
      .insertInto('arret')
      .values({ tenant_id: tenantId, worker_id: row.worker_id, source: 'equipe', nature: p.nature, start_date: p.start, expected_end_date: p.expectedEnd, ald: p.ald ?? false })
      .returning('id')
      .executeTakeFirstOrThrow();
    await applyArretRules(trx, tenantId, [a.id], new Date());
    return { ...row, arretId: a.id };
  });
}

describe('tasks', () => {
  let dossierId: string;
  beforeAll(async () => {
    const r = await arretForAssignedWorker(s.medecin.me.user.id, { nature: 'maladie', start: addDays(today, -45), expectedEnd: addDays(today, 30) });
    dossierId = r.dossier_id;
  });

  it('« Mes tâches » holds the unassigned tasks of my dossiers, sorted by due date, with counts', async () => {
    const res = await api('medecin').get('/api/v1/tasks?scope=mine');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const mine = body.items.filter((i: { dossier: { id: string } | null }) => i.dossier?.id === dossierId);
    expect(mine.map((i: { title: string }) => i.title).sort()).toEqual(['Informer du rendez-vous de liaison', 'Organiser la visite de reprise', 'Proposer une visite de pré-reprise']);
    const dues = body.items.map((i: { dueDate: string }) => i.dueDate);
    expect([...dues].sort()).toEqual(dues);
    expect(body.counts.mine).toBe(body.total);
    expect(body.counts.team).toBeGreaterThanOrEqual(body.counts.mine);
    // Another professional does not see them in « Mes tâches », but the team does.
    const other = (await api('charge-mission').get('/api/v1/tasks?scope=mine&pageSize=100')).json();
    const team = (await api('charge-mission').get('/api/v1/tasks?scope=team&pageSize=100')).json();
    expect(team.total).toBe(other.counts.team);
    const dossierTasks = (await api('charge-mission').get(`/api/v1/dossiers/${dossierId}/tasks`)).json();
    expect(dossierTasks.items).toHaveLength(3);
  });

  it('assigns an owner, marks done, cancels; closed tasks leave the open lists', async () => {
    const list = (await api('medecin').get(`/api/v1/dossiers/${dossierId}/tasks`)).json().items as { id: string; title: string }[];
    const [a, b, c] = list;
    const cm = s['charge-mission'].me.user.id;
    const put = await api('medecin').put(`/api/v1/tasks/${a.id}/owner`, { ownerId: cm });
    expect(put.statusCode).toBe(200);
    expect(put.json().owner.id).toBe(cm);
    const cmMine = (await api('charge-mission').get('/api/v1/tasks?scope=mine&pageSize=100')).json();
    expect(cmMine.items.some((i: { id: string }) => i.id === a.id)).toBe(true);
    // Owned by someone else: out of the médecin's « Mes tâches ».
    const medMine = (await api('medecin').get('/api/v1/tasks?scope=mine&pageSize=100')).json();
    expect(medMine.items.some((i: { id: string }) => i.id === a.id)).toBe(false);

    expect((await api('medecin').put(`/api/v1/tasks/${a.id}/owner`, { ownerId: s.cpam.me.user.id })).json().error.code).toBe('RESPONSABLE_INCONNU');

    expect((await api('medecin').post(`/api/v1/tasks/${b.id}/done`)).json()).toEqual({ id: b.id, status: 'fait' });
    expect((await api('medecin').post(`/api/v1/tasks/${b.id}/done`)).statusCode).toBe(200); // same request again: no change
    const conflict = await api('medecin').post(`/api/v1/tasks/${b.id}/cancel`);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error.code).toBe('TACHE_DEJA_CLOSE');
    expect((await api('assistant').post(`/api/v1/tasks/${c.id}/cancel`)).statusCode).toBe(200);

    const open = (await api('medecin').get(`/api/v1/dossiers/${dossierId}/tasks`)).json().items;
    expect(open.map((i: { id: string }) => i.id)).toEqual([a.id]);
    const done = (await api('medecin').get('/api/v1/tasks?scope=team&status=fait&pageSize=100')).json();
    expect(done.items.find((i: { id: string }) => i.id === b.id)).toMatchObject({ status: 'fait', statusLabel: 'Faite' });
    // The dossier's timeline tells it.
    const page = (await api('medecin').get(`/api/v1/dossiers/${dossierId}`)).json();
    expect(page.timeline.some((e: { title: string; body: string }) => e.title === 'Tâche faite' && e.body === b.title)).toBe(true);
    expect((await api('medecin').post('/api/v1/tasks/00000000-0000-4000-8000-000000000000/done')).statusCode).toBe(404);
  });

  it('overdue filter: only open tasks due before today', async () => {
    await tx((trx) => sql`update task set due_date = ${addDays(today, -3)}::date where tenant_id = ${tenantId} and dossier_id = ${dossierId} and status = 'a_faire'`.execute(trx));
    const late = (await api('charge-mission').get('/api/v1/tasks?scope=team&overdue=true&pageSize=100')).json();
    expect(late.total).toBeGreaterThan(0);
    expect(late.total).toBe(late.overdueCount);
    for (const i of late.items) expect(i.overdue && i.dueDate < today && i.status === 'a_faire').toBe(true);
    expect(late.counts.teamOverdue).toBe(late.total);
  });

  it.each(['employeur', 'cpam', 'service-medical', 'salarie', 'admin'])('%s may not see or touch tasks (403)', async (who) => {
    expect((await api(who).get('/api/v1/tasks?scope=team')).statusCode).toBe(403);
    expect((await api(who).get(`/api/v1/dossiers/${dossierId}/tasks`)).statusCode).toBe(403);
    const any = (await api('medecin').get(`/api/v1/dossiers/${dossierId}/tasks`)).json().items[0];
    expect((await api(who).post(`/api/v1/tasks/${any.id}/done`)).statusCode).toBe(403);
  });

  it('bad input gives a 400, never a 500', async () => {
    expect((await api('medecin').get('/api/v1/tasks?scope=nope')).statusCode).toBe(400);
    expect((await api('medecin').get('/api/v1/tasks/not-a-uuid/done')).statusCode).toBe(404);
    expect((await api('medecin').post('/api/v1/tasks/not-a-uuid/done')).statusCode).toBe(400);
  });
});

describe('saved worklists', () => {
  const count = async (key: string) => {
    const lists = (await api('charge-mission').get('/api/v1/worklists')).json().items as { key: string; count: number }[];
    return lists.find((l) => l.key === key)?.count;
  };

  it('every list with its count; counts match the data', async () => {
    const res = await api('charge-mission').get('/api/v1/worklists');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { key: string; label: string; count: number }[];
    expect(items.map((i) => i.label)).toEqual([
      'Arrêts de plus de 2 mois',
      'Arrêts de plus de 3 mois',
      'ALD',
      'Arrêts répétés (≥ 3 en 12 mois)',
      'Orientations VPR sans réponse',
      'Lignes en quarantaine',
    ]);
    const q = async (text: ReturnType<typeof sql<{ n: number }>>) => (await tx((trx) => text.execute(trx))).rows[0].n;
    const live = sql`cancelled_at is null and start_date <= ${today}::date and coalesce(actual_end_date, expected_end_date, ${today}::date) >= ${today}::date`;
    const expected: Record<string, number> = {
      'arrets-2-mois': await q(sql<{ n: number }>`select count(*)::int as n from arret where ${live} and start_date <= ${addDays(today, -60)}::date`),
      'arrets-3-mois': await q(sql<{ n: number }>`select count(*)::int as n from arret where ${live} and start_date <= ${addDays(today, -90)}::date`),
      ald: await q(sql<{ n: number }>`select count(*)::int as n from arret where ${live} and ald`),
      'arrets-repetes': await q(sql<{ n: number }>`select count(*)::int as n from (select worker_id from arret where cancelled_at is null and start_date >= ${addDays(today, -364)}::date group by worker_id having count(*) >= 3) x`),
      'vpr-sans-reponse': await q(sql<{ n: number }>`select count(*)::int as n from vpr_orientation where status = 'en_attente'`),
      quarantaine: await q(sql<{ n: number }>`select count(*)::int as n from flux_quarantine where status = 'a_traiter'`),
    };
    for (const i of items) expect([i.key, i.count]).toEqual([i.key, expected[i.key]]);
  });

  it('a new long arrêt, ALD and repeated arrêts appear in their lists, sorted by urgency', async () => {
    const before = { two: await count('arrets-2-mois'), three: await count('arrets-3-mois'), ald: await count('ald'), rep: await count('arrets-repetes') };
    // 75 days so far: in « plus de 2 mois », not in « plus de 3 mois »; ALD.
    const { worker_id } = await arretForAssignedWorker(s['charge-mission'].me.user.id, { nature: 'maladie', start: addDays(today, -74), expectedEnd: addDays(today, 10), ald: true });
    expect(await count('arrets-2-mois')).toBe(before.two! + 1);
    expect(await count('arrets-3-mois')).toBe(before.three);
    expect(await count('ald')).toBe(before.ald! + 1);
    // Two more (ended) arrêts in the last 12 months: repeated (3).
    await tx((trx) =>
      trx
        .insertInto('arret')
        .values([
          { tenant_id: tenantId, worker_id, source: 'equipe', nature: 'maladie', start_date: addDays(today, -300), expected_end_date: addDays(today, -290) },
          { tenant_id: tenantId, worker_id, source: 'equipe', nature: 'maladie', start_date: addDays(today, -200), expected_end_date: addDays(today, -195) },
        ])
        .execute(),
    );
    expect(await count('arrets-repetes')).toBe(before.rep! + 1);
    const rep = (await api('charge-mission').get('/api/v1/worklists/arrets-repetes')).json();
    const row = rep.items.find((r: { worker: { id: string } }) => r.worker.id === worker_id);
    expect(row).toMatchObject({ arretCount: 3 });
    expect(row.dossier).not.toBeNull();

    const long = (await api('charge-mission').get('/api/v1/worklists/arrets-2-mois')).json();
    const starts = long.items.map((r: { arret: { startDate: string } }) => r.arret.startDate);
    expect([...starts].sort()).toEqual(starts);
    for (const r of long.items) expect(r.arret.durationDays).toBeGreaterThan(60);
    const mine = long.items.find((r: { worker: { id: string } }) => r.worker.id === worker_id) ?? null;
    if (long.total <= long.pageSize) expect(mine).toMatchObject({ arret: { durationDays: 75, ald: true, natureLabel: 'Maladie' } });
  });

  it('thresholds follow the settings', async () => {
    const before = await count('arrets-2-mois');
    expect((await api('admin').put('/api/v1/settings/intake-rules', { values: { worklistLongDays: 20, worklistVeryLongDays: 90 } })).statusCode).toBe(200);
    expect(await count('arrets-2-mois')).toBeGreaterThanOrEqual(before!);
    const lists = (await api('charge-mission').get('/api/v1/worklists')).json().items;
    expect(lists[0].description).toContain('plus de 20 jours');
    expect((await api('admin').put('/api/v1/settings/intake-rules', { values: {} })).statusCode).toBe(200);
    expect(await count('arrets-2-mois')).toBe(before);
  });

  it('quarantined lines only for those who reconcile; unknown list 400; others 403', async () => {
    const keys = (r: { json(): { items: { key: string }[] } }) => r.json().items.map((i) => i.key);
    expect(keys(await api('assistant').get('/api/v1/worklists'))).not.toContain('quarantaine');
    expect((await api('assistant').get('/api/v1/worklists/quarantaine')).statusCode).toBe(400);
    expect((await api('charge-mission').get('/api/v1/worklists/quarantaine')).statusCode).toBe(200);
    expect((await api('charge-mission').get('/api/v1/worklists/nope')).json().error.code).toBe('LISTE_INCONNUE');
    for (const who of ['employeur', 'cpam', 'salarie', 'admin']) expect((await api(who).get('/api/v1/worklists')).statusCode).toBe(403);
  });
});

describe('« Règles de détection »', () => {
  it('the administrator reads and saves; only what differs from the defaults is stored', async () => {
    const res = await api('admin').get('/api/v1/settings/intake-rules');
    expect(res.statusCode).toBe(200);
    const p = res.json().parameters.find((x: { key: string }) => x.key === 'repriseMaladieMinDays');
    expect(p).toMatchObject({ value: 60, defaultValue: 60, basis: 'C. trav. R4624-31', unit: 'jours' });
    const saved = await api('admin').put('/api/v1/settings/intake-rules', { values: { repriseMaladieMinDays: 45, miCarriereAge: 45 } });
    expect(saved.json().parameters.find((x: { key: string }) => x.key === 'repriseMaladieMinDays').value).toBe(45);
    const stored = await tx((trx) => trx.selectFrom('tenant_setting').select('value').where('key', '=', 'intake_rules').executeTakeFirstOrThrow());
    expect(stored.value).toEqual({ repriseMaladieMinDays: 45 });
    await api('admin').put('/api/v1/settings/intake-rules', { values: {} });
  });

  it.each([
    [{ miCarriereAge: 12 }, 'VALEUR_HORS_LIMITES', 'miCarriereAge'],
    [{ ijAlertDays: 400 }, 'SEUIL_INCOHERENT', 'ijAlertDays'],
    [{ inconnu: 3 }, 'PARAMETRE_INCONNU', 'inconnu'],
    [{ repriseMaladieFromDate: '31/03/2022' }, 'DATE_INVALIDE', 'repriseMaladieFromDate'],
  ])('refuses %j (400 %s)', async (values, code, field) => {
    const res = await api('admin').put('/api/v1/settings/intake-rules', { values });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code, field });
  });

  it.each(['medecin', 'charge-mission', 'employeur', 'cpam', 'salarie'])('%s may not read or change them (403)', async (who) => {
    expect((await api(who).get('/api/v1/settings/intake-rules')).statusCode).toBe(403);
    expect((await api(who).put('/api/v1/settings/intake-rules', { values: {} })).statusCode).toBe(403);
  });

  it('the mi-carrière scheduler runs for the cell and the administrator, not for others', async () => {
    expect((await api('admin').post('/api/v1/tasks/mi-carriere')).statusCode).toBe(200);
    expect((await api('medecin').post('/api/v1/tasks/mi-carriere')).json().created).toBe(0);
    expect((await api('employeur').post('/api/v1/tasks/mi-carriere')).statusCode).toBe(403);
  });
});
