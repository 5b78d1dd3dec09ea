/** « Identités à rapprocher »: list, side-by-side comparison, both decisions, audit and access. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, demoEmail, login, startTestApp, type TestApp } from '../support/app';
import { insertBatchFixture, tenantIdOf } from './flux-admin-fixtures';

let t: TestApp;
let tenantId: string;

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await tenantIdOf(t.database);
});
afterAll(() => t?.close());

const auditOf = async (action: string, subjectId: string) =>
  (
    await sql<{ actor_user_id: string | null; category: string | null; details: unknown }>`
      select actor_user_id, category, details from audit_event where tenant_id = ${tenantId} and action = ${action} and subject_id = ${subjectId}`.execute(t.database.db)
  ).rows;

describe('quarantine worklist', () => {
  it('lists the lines to process with a count, and compares a line with the known worker (audited read)', async () => {
    const f = await insertBatchFixture(t.database, tenantId);
    const session = await login(t.app, demoEmail('charge-mission'));
    const charge = as(t.app, session);
    const list = await charge.get('/api/v1/flux/quarantine?status=a_traiter');
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body.counts.a_traiter).toBeGreaterThanOrEqual(1);
    const item = body.items.find((i: { id: string }) => i.id === f.quarantineId);
    expect(item).toMatchObject({ batchId: f.batchId, line: 9, issuer: 'CPAM-593', code: 'IDENTITE_DIVERGENTE', status: 'a_traiter', statusLabel: 'À traiter', fileName: 'arrets-cpam593-20261124.csv' });
    expect(item.displayName).not.toBe('');
    const count = await charge.get('/api/v1/flux/quarantine/count');
    expect(count.json().pending).toBe(body.counts.a_traiter);

    const detail = await charge.get(`/api/v1/flux/quarantine/${f.quarantineId}`);
    expect(detail.statusCode).toBe(200);
    const d = detail.json();
    expect(d.worker.id).toBe(f.workerId);
    const byField = Object.fromEntries(d.comparison.map((r: { field: string }) => [r.field, r]));
    expect(byField.nir).toMatchObject({ lineValue: f.nir, workerValue: f.nir, differs: false });
    expect(byField.birthDate).toMatchObject({ lineValue: f.lineBirthDate, workerValue: f.workerBirthDate, differs: true });
    expect(byField.birthName.differs).toBe(false);
    expect(byField.sex.differs).toBe(false);
    expect(d.arret).toMatchObject({ amArretId: f.idArret, type: 'initial', typeLabel: 'arrêt initial', startDate: '2026-09-01', natureLabel: 'Maladie', reason: 'duree' });
    const audit = await auditOf('flux.quarantine.read', f.quarantineId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: session.me.user.id, category: 'sensitive' });
    expect(JSON.stringify(audit[0].details)).not.toContain(f.nir);
  });

  it('« Rejeter » needs a note, keeps the line as « Rejetée » with who and when, and is audited', async () => {
    const f = await insertBatchFixture(t.database, tenantId);
    const session = await login(t.app, demoEmail('infirmier'));
    const inf = as(t.app, session);
    const noNote = await inf.post(`/api/v1/flux/quarantine/${f.quarantineId}/resolve`, { action: 'rejeter', note: '  ' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error).toMatchObject({ code: 'NOTE_REQUISE', field: 'note' });
    const bad = await inf.post(`/api/v1/flux/quarantine/${f.quarantineId}/resolve`, { action: 'fusionner' });
    expect(bad.statusCode).toBe(400);

    const res = await inf.post(`/api/v1/flux/quarantine/${f.quarantineId}/resolve`, { action: 'rejeter', note: "Homonyme : ce n'est pas le même salarié." });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: f.quarantineId, status: 'rejetee', arretId: null });
    const row = await t.database.db.selectFrom('flux_quarantine').selectAll().where('id', '=', f.quarantineId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'rejetee', resolution_note: "Homonyme : ce n'est pas le même salarié.", resolved_by: session.me.user.id });
    expect(row.resolved_at).not.toBeNull();
    const arrets = await t.database.db.selectFrom('arret').select('id').where('tenant_id', '=', tenantId).where('external_id', '=', f.idArret).execute();
    expect(arrets).toHaveLength(0);
    expect(await auditOf('flux.quarantine.reject', f.quarantineId)).toHaveLength(1);

    const again = await inf.post(`/api/v1/flux/quarantine/${f.quarantineId}/resolve`, { action: 'rattacher' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('QUARANTAINE_DEJA_TRAITEE');
    const rejected = (await inf.get('/api/v1/flux/quarantine?status=rejetee')).json();
    expect(rejected.items.find((i: { id: string }) => i.id === f.quarantineId)).toMatchObject({ resolvedByName: expect.any(String), resolutionNote: "Homonyme : ce n'est pas le même salarié." });
  });

  it('« Rattacher au salarié connu » applies the line to that worker: arrêt, signal, open dossier or triage; identity unchanged; audited', async () => {
    const f = await insertBatchFixture(t.database, tenantId);
    const session = await login(t.app, demoEmail('medecin'));
    const med = as(t.app, session);
    const before = await t.database.db.selectFrom('worker').select(['birth_date', 'birth_name']).where('id', '=', f.workerId).executeTakeFirstOrThrow();
    const res = await med.post(`/api/v1/flux/quarantine/${f.quarantineId}/resolve`, { action: 'rattacher', note: 'Date de naissance erronée côté CPAM.' });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ status: 'rattachee', workerId: f.workerId });
    const arret = await t.database.db.selectFrom('arret').selectAll().where('id', '=', r.arretId).executeTakeFirstOrThrow();
    expect(arret).toMatchObject({ worker_id: f.workerId, source: 'flux_am', emetteur: 'CPAM-593', external_id: f.idArret, nature: 'maladie', start_date: '2026-09-01', expected_end_date: '2026-12-31', needs_review: false });
    const signal = await t.database.db.selectFrom('signal').selectAll().where('tenant_id', '=', tenantId).where('arret_id', '=', r.arretId).executeTakeFirstOrThrow();
    const origin = await sql<{ id: string }>`select md5(${'CPAM-593'} || chr(31) || ${f.idMessage})::uuid::text as id`.execute(t.database.db);
    expect(signal).toMatchObject({ origin_table: 'flux_message', origin_id: origin.rows[0].id, reason: 'Arrêt de travail long (condition de durée) (arrêt initial)' });
    expect(signal).toMatchObject({ worker_id: f.workerId, source: 'flux_am', kind: 'arret', consent_given: true, consent_date: '2026-09-15', arret_id: r.arretId, dossier_id: r.dossierId });
    // Issue 14: the worker's open dossier when he has one, else his triage item « À qualifier ».
    if (r.dossierId) {
      const dossier = await t.database.db.selectFrom('dossier').select(['worker_id', 'state']).where('id', '=', r.dossierId).executeTakeFirstOrThrow();
      expect(dossier.worker_id).toBe(f.workerId);
    } else {
      const item = await t.database.db.selectFrom('triage_item').select(['id', 'worker_id']).where('id', '=', signal.triage_item_id!).executeTakeFirstOrThrow();
      expect(item.worker_id).toBe(f.workerId);
    }
    const msg = await t.database.db.selectFrom('flux_message').selectAll().where('tenant_id', '=', tenantId).where('batch_id', '=', f.batchId).executeTakeFirstOrThrow();
    expect(msg).toMatchObject({ outcome: 'accepte', arret_id: r.arretId, worker_id: f.workerId });
    const after = await t.database.db.selectFrom('worker').select(['birth_date', 'birth_name']).where('id', '=', f.workerId).executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const row = await t.database.db.selectFrom('flux_quarantine').selectAll().where('id', '=', f.quarantineId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'rattachee', resolved_by: session.me.user.id, resolution_note: 'Date de naissance erronée côté CPAM.' });
    const audit = await auditOf('flux.quarantine.attach', f.quarantineId);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_user_id).toBe(session.me.user.id);
    expect(JSON.stringify(audit[0].details)).not.toContain(f.nir);

    const again = await med.post(`/api/v1/flux/quarantine/${f.quarantineId}/resolve`, { action: 'rattacher' });
    expect(again.statusCode).toBe(409);
    const arrets = await t.database.db.selectFrom('arret').select('id').where('tenant_id', '=', tenantId).where('external_id', '=', f.idArret).execute();
    expect(arrets).toHaveLength(1);
  });

  it('a prolongation for an unknown episode is created and flagged for review', async () => {
    const f = await insertBatchFixture(t.database, tenantId, { type: 'prolongation' });
    const med = as(t.app, await login(t.app, demoEmail('medecin')));
    const r = (await med.post(`/api/v1/flux/quarantine/${f.quarantineId}/resolve`, { action: 'rattacher' })).json();
    const arret = await t.database.db.selectFrom('arret').selectAll().where('id', '=', r.arretId).executeTakeFirstOrThrow();
    expect(arret.needs_review).toBe(true);
  });
});

describe('who reconciles', () => {
  it('the assistant, the admin, employers, partners and workers cannot (403)', async () => {
    const f = await insertBatchFixture(t.database, tenantId);
    for (const who of ['assistant', 'admin', 'employeur', 'service-medical', 'cpam', 'salarie']) {
      const s = as(t.app, await login(t.app, demoEmail(who)));
      for (const res of [
        await s.get('/api/v1/flux/quarantine'),
        await s.get('/api/v1/flux/quarantine/count'),
        await s.get(`/api/v1/flux/quarantine/${f.quarantineId}`),
        await s.post(`/api/v1/flux/quarantine/${f.quarantineId}/resolve`, { action: 'rejeter', note: 'non' }),
      ]) {
        expect(res.statusCode, who).toBe(403);
      }
    }
    const row = await t.database.db.selectFrom('flux_quarantine').select('status').where('id', '=', f.quarantineId).executeTakeFirstOrThrow();
    expect(row.status).toBe('a_traiter');
  });
});
