/**
 * « Hors périmètre » taken on by hand (issue 14 item 2): a flux line whose employer was absent or
 * not a member company is taken on by the cell once the company joins (or, SIRET absent or
 * unknown, once the cell names the member company): the line then gets exactly what an in-scope
 * line gets from the pipeline — worker, arrêt, signal, triage item, rule tasks — and the
 * out-of-scope record is resolved. Re-taking changes nothing, a re-sent line is a duplicate, a
 * still-non-member company is refused with a stable code, the capability is checked, audited.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFluxDemo } from '../../src/demo/intake-flux';
import { addDays, civilDate } from '../../src/domain/calendar/dates';
import { testLine, testNir, testSiret, type TestLine } from '../../src/domain/intake/flux-test-lines';
import { as, demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';
import { brokenForeignKeys, businessDigest, count, ensureTestCompany, ingestLines } from './flux-helpers';

let t: TestApp;
let tenantId: string;
let cm: Session;
let assistant: Session;
let admin: Session;
const today = civilDate(new Date());
let person = 810_000;
const TAKE_ON = '/api/v1/triage/out-of-scope/take-on';

/** A company of the service that has not joined (yet). */
async function nonMemberCompany(stem: string, name: string) {
  const siret = testSiret(stem);
  await sql`insert into company (tenant_id, siret, siren, name, member) values (${tenantId}, ${siret}, ${siret.slice(0, 9)}, ${name}, false)
    on conflict (tenant_id, siret) do update set member = false`.execute(t.database.db);
  return t.database.db.selectFrom('company').select(['id', 'siret']).where('tenant_id', '=', tenantId).where('siret', '=', siret).executeTakeFirstOrThrow();
}
const setMember = (id: string, member: boolean) => t.database.db.updateTable('company').set({ member }).where('id', '=', id).execute();

beforeAll(async () => {
  t = await startTestApp();
  tenantId = (await t.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  await ensureTestCompany(t.database, tenantId);
  cm = await login(t.app, demoEmail('charge-mission'));
  assistant = await login(t.app, demoEmail('assistant'));
  admin = await login(t.app, demoEmail('admin'));
});
afterAll(() => t?.close());

/** A running maladie of 40 days about person `n`. */
const running = (n: number, over: TestLine = {}) =>
  testLine(n, { id_message: `OOS-${n}`, id_arret: `OOSA-${n}`, date_debut: addDays(today, -40), date_fin_prevue: addDays(today, 30), ...over });

async function outOfScopeIds(batchId: string): Promise<string[]> {
  const rows = await t.database.db.selectFrom('flux_out_of_scope').select('id').where('batch_id', '=', batchId).orderBy('line').execute();
  return rows.map((r) => r.id);
}

const lastAudit = async (action: string) =>
  t.database.db.selectFrom('audit_event').selectAll().where('tenant_id', '=', tenantId).where('action', '=', action).orderBy('seq', 'desc').limit(1).executeTakeFirst();

describe('« Prendre en charge » a line out of scope', () => {
  it('company joined: worker, arrêt, signal, triage item and task as from the pipeline; resolved; re-take changes nothing; re-sent: duplicate', async () => {
    const company = await nonMemberCompany('55512345', 'Boulangerie non adhérente');
    const n = person++;
    const lines = [running(n, { siret_employeur: company.siret })];
    const r = await ingestLines(t.database, tenantId, lines);
    expect(r).toMatchObject({ accepted: 0, outOfScope: 1 });
    const [id] = await outOfScopeIds(r.batchId);

    // Still not a member: refused with a stable code, nothing written.
    const before = await businessDigest(t.database);
    const refused = await as(t.app, cm).post(TAKE_ON, { ids: [id] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'ENTREPRISE_NON_ADHERENTE' });
    expect(refused.json().error.message).toMatch(/n’est pas adhérente/);
    expect(await businessDigest(t.database)).toEqual(before);

    // The list says whether the company is a member now.
    const listed = (await as(t.app, cm).get('/api/v1/triage/out-of-scope')).json().items.find((x: { id: string }) => x.id === id);
    expect(listed).toMatchObject({ companyName: 'Boulangerie non adhérente', companyMember: false, companyId: company.id });

    await setMember(company.id, true);
    const res = await as(t.app, cm).post(TAKE_ON, { ids: [id] });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ takenOn: 1, quarantined: 0, already: [], refused: [] });
    const worker = await t.database.db.selectFrom('worker').select(['id', 'identity_status']).where('nir', '=', testNir(n)).executeTakeFirstOrThrow();
    expect(body.lines).toEqual([expect.objectContaining({ id, outcome: 'accepte', workerId: worker.id })]);
    const arret = await t.database.db.selectFrom('arret').selectAll().where('worker_id', '=', worker.id).executeTakeFirstOrThrow();
    expect(arret).toMatchObject({ external_id: `OOSA-${n}`, company_id: company.id, needs_review: false, source: 'flux_am' });
    const signal = await t.database.db.selectFrom('signal').selectAll().where('worker_id', '=', worker.id).executeTakeFirstOrThrow();
    expect(signal).toMatchObject({ source: 'flux_am', kind: 'arret', arret_id: arret.id, dossier_id: null, origin_table: 'flux_message' });
    const item = await t.database.db.selectFrom('triage_item').selectAll().where('worker_id', '=', worker.id).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ status: 'a_qualifier', id: signal.triage_item_id });
    const tasks = await t.database.db.selectFrom('task').select(['rule_id', 'status']).where('worker_id', '=', worker.id).execute();
    expect(tasks).toEqual([{ rule_id: 'a_qualifier', status: 'a_faire' }]);
    const message = await t.database.db.selectFrom('flux_message').selectAll().where('emetteur', '=', 'CPAM-593').where('id_message', '=', `OOS-${n}`).executeTakeFirstOrThrow();
    expect(message).toMatchObject({ outcome: 'accepte', worker_id: worker.id, arret_id: arret.id, batch_id: r.batchId, line: 1 });
    const oos = await t.database.db.selectFrom('flux_out_of_scope').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(oos).toMatchObject({ status: 'pris_en_charge', resolved_by: cm.me.user.id });
    expect(oos.resolved_at).not.toBeNull();

    // Audited, without identity.
    const audit = await lastAudit('flux.out_of_scope.take_on');
    expect(audit).toMatchObject({ subject_type: 'flux_out_of_scope', subject_id: id, actor_user_id: cm.me.user.id });
    expect(JSON.stringify(audit)).not.toContain(testNir(n));

    // Listed under « Pris en charge ».
    const taken = (await as(t.app, cm).get('/api/v1/triage/out-of-scope?status=pris_en_charge')).json();
    expect(taken.items.find((x: { id: string }) => x.id === id)).toMatchObject({ status: 'pris_en_charge', companyMember: true });

    // Taken again: nothing changes.
    const digest = await businessDigest(t.database);
    const again = await as(t.app, cm).post(TAKE_ON, { ids: [id] });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ takenOn: 0, lines: [], refused: [], already: [{ id, code: 'DEJA_PRIS_EN_CHARGE' }] });
    expect(await businessDigest(t.database)).toEqual(digest);

    // The same flux line sent again: a duplicate, nothing more.
    const resent = await ingestLines(t.database, tenantId, lines);
    expect(resent).toMatchObject({ accepted: 0, duplicates: 1, outOfScope: 0, rejected: 0 });
    expect(await businessDigest(t.database)).toEqual(digest);
  });

  it('SIRET absent: the cell names the member company; a non-member one is refused; the episode keeps its order', async () => {
    const n = person++;
    const initial = running(n, { siret_employeur: '' });
    const prolongation = running(n, { id_message: `OOSP-${n}`, type_message: 'prolongation', siret_employeur: '', date_fin_prevue: addDays(today, 60) });
    const r = await ingestLines(t.database, tenantId, [initial, prolongation]);
    expect(r).toMatchObject({ accepted: 0, outOfScope: 2 });
    const ids = await outOfScopeIds(r.batchId);

    const noCompany = await as(t.app, cm).post(TAKE_ON, { ids });
    expect(noCompany.statusCode).toBe(409);
    expect(noCompany.json().error).toMatchObject({ code: 'ENTREPRISE_A_DESIGNER' });

    const other = await nonMemberCompany('55598765', 'Garage non adhérent');
    const nonMember = await as(t.app, cm).post(TAKE_ON, { ids, companyId: other.id });
    expect(nonMember.statusCode).toBe(409);
    expect(nonMember.json().error).toMatchObject({ code: 'ENTREPRISE_NON_ADHERENTE' });

    const unknown = await as(t.app, cm).post(TAKE_ON, { ids, companyId: '00000000-0000-4000-8000-0000000000aa' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'ENTREPRISE_INTROUVABLE' });

    const member = await t.database.db.selectFrom('company').select(['id']).where('tenant_id', '=', tenantId).where('siret', '=', testSiret()).executeTakeFirstOrThrow();
    // Selected in any order: applied in the order received (the initial, then its prolongation).
    const res = await as(t.app, cm).post(TAKE_ON, { ids: [...ids].reverse(), companyId: member.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ takenOn: 2, refused: [] });
    const worker = await t.database.db.selectFrom('worker').select('id').where('nir', '=', testNir(n)).executeTakeFirstOrThrow();
    const arrets = await t.database.db.selectFrom('arret').selectAll().where('worker_id', '=', worker.id).execute();
    expect(arrets).toHaveLength(1);
    expect(arrets[0]).toMatchObject({ company_id: member.id, needs_review: false, expected_end_date: addDays(today, 60) });
    expect(await count(t.database, `select 1 from signal where worker_id = '${worker.id}'`)).toBe(2);

    // Re-sent lines (still without SIRET): duplicates.
    const resent = await ingestLines(t.database, tenantId, [initial, prolongation]);
    expect(resent).toMatchObject({ accepted: 0, duplicates: 2, outOfScope: 0 });
    // The chunk skipped the per-row foreign-key checks on the embedded engine: every key holds.
    expect(await brokenForeignKeys(t.database)).toEqual([]);
  });

  it('a known NIR with another birth date goes to « Identités à rapprocher », never merged', async () => {
    const n = person++;
    await ingestLines(t.database, tenantId, [running(n)]);
    const company = await nonMemberCompany('55524680', 'Atelier non adhérent');
    const r = await ingestLines(t.database, tenantId, [running(n, { id_message: `OOSQ-${n}`, id_arret: `OOSQA-${n}`, siret_employeur: company.siret, date_naissance: '1980-06-12' })]);
    expect(r).toMatchObject({ outOfScope: 1 });
    const [id] = await outOfScopeIds(r.batchId);
    await setMember(company.id, true);
    const res = await as(t.app, cm).post(TAKE_ON, { ids: [id] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ takenOn: 1, quarantined: 1, lines: [{ id, outcome: 'quarantaine' }] });
    expect(await count(t.database, `select 1 from flux_quarantine where id_message = 'OOSQ-${n}' and code = 'IDENTITE_DIVERGENTE'`)).toBe(1);
    const worker = await t.database.db.selectFrom('worker').select(['birth_date']).where('nir', '=', testNir(n)).executeTakeFirstOrThrow();
    expect(worker.birth_date).toBe('1980-05-12');
    expect(await count(t.database, `select 1 from arret where external_id = 'OOSQA-${n}'`)).toBe(0);
    expect((await t.database.db.selectFrom('flux_out_of_scope').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('pris_en_charge');
  });

  it('in a selection, the lines that cannot be taken on are reported and the others taken on', async () => {
    const company = await nonMemberCompany('55513579', 'Imprimerie non adhérente');
    const [a, b] = [person++, person++];
    const r = await ingestLines(t.database, tenantId, [running(a, { siret_employeur: company.siret }), running(b, { siret_employeur: '' })]);
    const [idA, idB] = await outOfScopeIds(r.batchId);
    await setMember(company.id, true);
    const res = await as(t.app, cm).post(TAKE_ON, { ids: [idA, idB] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ takenOn: 1, refused: [{ id: idB, code: 'ENTREPRISE_A_DESIGNER' }] });
    expect(res.json().refused[0].message).toMatch(/désignez/i);
    expect(await count(t.database, `select 1 from worker where nir = '${testNir(b)}'`)).toBe(0);
    expect((await t.database.db.selectFrom('flux_out_of_scope').select('status').where('id', '=', idB).executeTakeFirstOrThrow()).status).toBe('hors_perimetre');
  });

  it('a line the pipeline rejects now (dates incoherent with the arrêt known meanwhile) is refused and leaves no trace', async () => {
    const n = person++;
    const prolongation = running(n, { id_message: `OOSR-${n}`, type_message: 'prolongation', siret_employeur: '', date_fin_prevue: addDays(today, -10) });
    const r = await ingestLines(t.database, tenantId, [prolongation]);
    expect(r).toMatchObject({ outOfScope: 1 });
    const [id] = await outOfScopeIds(r.batchId);
    // The episode becomes known (a member employer), starting after the prolongation's end.
    expect(await ingestLines(t.database, tenantId, [running(n, { date_debut: addDays(today, -5) })])).toMatchObject({ accepted: 1 });
    const digest = await businessDigest(t.database);
    // No company to name: the episode is followed now.
    const res = await as(t.app, cm).post(TAKE_ON, { ids: [id] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'DATES_INCOHERENTES' });
    expect(await businessDigest(t.database)).toEqual(digest);
    expect(await count(t.database, `select 1 from import_rejection where batch_id = '${r.batchId}'`)).toBe(0);
    expect((await t.database.db.selectFrom('flux_out_of_scope').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('hors_perimetre');
  });

  it('permissions: a role without dossier.create is refused; the line as received is read by the reconcilers only, audited', async () => {
    const n = person++;
    const r = await ingestLines(t.database, tenantId, [running(n, { siret_employeur: '' })]);
    const [id] = await outOfScopeIds(r.batchId);
    const refused = await as(t.app, admin).post(TAKE_ON, { ids: [id] });
    expect(refused.statusCode).toBe(403);
    expect((await t.database.db.selectFrom('flux_out_of_scope').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('hors_perimetre');

    expect((await as(t.app, assistant).get(`/api/v1/triage/out-of-scope/${id}`)).statusCode).toBe(403);
    const seen = await as(t.app, cm).get(`/api/v1/triage/out-of-scope/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ id, status: 'hors_perimetre', received: { nir: testNir(n), birthName: `NOM${n}`, siret: null, typeLabel: 'arrêt initial' } });
    const audit = await lastAudit('flux.out_of_scope.read');
    expect(audit).toMatchObject({ subject_id: id, category: 'sensitive' });
    expect(JSON.stringify(audit)).not.toContain(testNir(n));

    const missing = await as(t.app, cm).post(TAKE_ON, { ids: ['00000000-0000-4000-8000-0000000000bb'] });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'LIGNE_INTROUVABLE' });
    expect((await as(t.app, cm).post(TAKE_ON, { ids: [] })).statusCode).toBe(400);
  });

  it('the demo: lines of an employer unknown to the service (taken on once the cell names the member company) and of a non-member company (refused)', async () => {
    await seedFluxDemo(t.database, tenantId, new Date());
    const items: { id: string; siret: string | null; companyName: string | null; companyMember: boolean | null; messageType: string; issuer: string }[] = [];
    for (let page = 1; ; page++) {
      const r = (await as(t.app, cm).get(`/api/v1/triage/out-of-scope?page=${page}`)).json();
      items.push(...r.items);
      if (items.length >= r.counts.hors_perimetre || r.items.length === 0) break;
    }
    const nonMember = items.filter((x) => x.companyName === 'Menuiserie Deschamps et Fils');
    expect(nonMember).toEqual([expect.objectContaining({ companyMember: false, issuer: 'ELSM-59' })]);
    const known = new Set((await t.database.db.selectFrom('company').select('siret').where('tenant_id', '=', tenantId).execute()).map((c) => c.siret));
    const unknown = items.filter((x) => x.siret !== null && !known.has(x.siret));
    expect(unknown.map((x) => x.messageType).sort()).toEqual(['initial', 'initial', 'prolongation']);
    expect(unknown.every((x) => x.companyMember === null && x.companyName === null)).toBe(true);
    // Generated lines without SIRET are there too.
    expect(items.some((x) => x.siret === null)).toBe(true);

    const refused = await as(t.app, cm).post(TAKE_ON, { ids: [nonMember[0].id] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('ENTREPRISE_NON_ADHERENTE');
    const member = await t.database.db.selectFrom('company').select('id').where('tenant_id', '=', tenantId).where('member', '=', true).orderBy('name').executeTakeFirstOrThrow();
    const res = await as(t.app, cm).post(TAKE_ON, { ids: unknown.map((x) => x.id), companyId: member.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ takenOn: 3, quarantined: 0, refused: [] });
  });
});
