/**
 * The AM flux pipeline on a real database (PGlite, or the server of MAINTIEN_TEST_DATABASE_URL):
 * every rule of docs/formats/flux-arrets.md, idempotence, resume, and the counts property.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection';
import { testLine, testNir, toCsv, type TestLine } from '../../src/domain/intake/flux-test-lines';
import { ingestArrets } from '../../src/services/intake/flux-ingester';
import { freshDatabase } from '../support/database';
import { brokenForeignKeys, businessDigest, count, demoTenant, FILE_DATE, ingestLines, ingestText } from './flux-helpers';

let database: Database;
let tenantId: string;

beforeAll(async () => {
  database = await freshDatabase();
  ({ tenantId } = await demoTenant(database));
});
afterAll(async () => {
  await database?.close();
});

/** Person numbers: each test uses its own range so that tests do not see each other's workers. */
let nextPerson = 10_000;
const people = (n: number) => Array.from({ length: n }, () => nextPerson++);

describe('flux ingestion', () => {
  // Issue 14: a worker without an open dossier is « À qualifier » (a triage item), no longer a dossier « Signalé ».
  it('accepts valid lines: worker (identity « récupérée »), episode, triage item « À qualifier », signal, message', async () => {
    const [a, b] = people(2);
    const r = await ingestLines(database, tenantId, [testLine(a, { ald: '1' }), testLine(b, { nature: 'accident_travail', motif: 'orientation_vpr' })]);
    expect(r).toMatchObject({ lines: 2, accepted: 2, duplicates: 0, rejected: 0, quarantined: 0, rejections: [], quarantine: [] });
    const w = await database.db.selectFrom('worker').selectAll().where('nir', '=', testNir(a)).executeTakeFirstOrThrow();
    expect(w).toMatchObject({ identity_status: 'recuperee', birth_name: `NOM${a}`, first_names: 'Jean', birth_date: '1980-05-12', sex: 1 });
    const arret = await database.db.selectFrom('arret').selectAll().where('worker_id', '=', w.id).executeTakeFirstOrThrow();
    expect(arret).toMatchObject({ source: 'flux_am', emetteur: 'CPAM-593', external_id: `ARR-${a}`, nature: 'maladie', start_date: '2026-01-05', expected_end_date: '2026-03-05', ald: true, needs_review: false, cancelled_at: null });
    expect(await count(database, `select 1 from dossier where worker_id = '${w.id}'`)).toBe(0);
    const t = await database.db.selectFrom('triage_item').selectAll().where('worker_id', '=', w.id).executeTakeFirstOrThrow();
    expect(t).toMatchObject({ status: 'a_qualifier', dossier_id: null });
    const s = await database.db.selectFrom('signal').selectAll().where('worker_id', '=', w.id).executeTakeFirstOrThrow();
    expect(s).toMatchObject({ source: 'flux_am', kind: 'arret', consent_given: true, consent_date: '2026-01-10', arret_id: arret.id, dossier_id: null, triage_item_id: t.id, origin_table: 'flux_message' });
    expect(s.reason).toContain('Arrêt de travail long');
    const m = await database.db.selectFrom('flux_message').selectAll().where('id_message', '=', `MSG-${a}`).executeTakeFirstOrThrow();
    expect(m).toMatchObject({ outcome: 'accepte', line: 1, batch_id: r.batchId, arret_id: arret.id, worker_id: w.id });
    const batch = await database.db.selectFrom('import_batch').selectAll().where('id', '=', r.batchId).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ status: 'termine', lines: 2, lines_done: 2, accepted: 2, emetteur: 'CPAM-593', format: 'csv', file_date: FILE_DATE });
    expect(await count(database, `select 1 from audit_event where action = 'flux.ingest' and subject_id = '${r.batchId}'`)).toBe(1);
    const audit = await sql<{ details: Record<string, unknown> }>`select details from audit_event where action = 'flux.ingest' and subject_id = ${r.batchId}`.execute(database.db);
    expect(JSON.stringify(audit.rows[0].details)).not.toContain(testNir(a));
  });

  it('keeps every good line and reports every bad one with its code, field and French message', async () => {
    const [a, b, c, d] = people(4);
    const r = await ingestLines(database, tenantId, [testLine(a), testLine(b, { nir: testNir(b).slice(0, 13) + '00' }), testLine(c, { nature: 'x' }), testLine(d, { date_fin_prevue: '2026-01-04' })]);
    expect(r).toMatchObject({ lines: 4, accepted: 1, rejected: 3 });
    expect(r.rejections.map((x) => [x.line, x.code, x.field])).toEqual([
      [2, 'NIR_CLE', 'nir'],
      [3, 'NATURE_INCONNUE', 'nature'],
      [4, 'DATES_INCOHERENTES', 'date_fin_prevue'],
    ]);
    expect(r.rejections[0].message).toMatch(/clé/);
    expect(r.rejections[0].id_message).toBe(`MSG-${b}`);
  });

  it('a line without consent leaves no trace but its rejection entry', async () => {
    const [a] = people(1);
    const r = await ingestLines(database, tenantId, [testLine(a, { consentement: 'non', id_message: 'NOCONSENT-1', id_arret: 'NOCONSENT-A' })]);
    expect(r).toMatchObject({ lines: 1, rejected: 1, accepted: 0 });
    expect(r.rejections[0]).toMatchObject({ line: 1, code: 'CONSENTEMENT_ABSENT', id_message: 'NOCONSENT-1' });
    expect(await count(database, `select 1 from worker where nir = '${testNir(a)}' or birth_name = 'NOM${a}'`)).toBe(0);
    expect(await count(database, `select 1 from arret where external_id = 'NOCONSENT-A'`)).toBe(0);
    expect(await count(database, `select 1 from flux_message where id_message = 'NOCONSENT-1'`)).toBe(0);
    expect(await count(database, `select 1 from flux_quarantine where id_message = 'NOCONSENT-1'`)).toBe(0);
    expect(await count(database, `select 1 from signal where origin_id = md5('CPAM-593' || chr(31) || 'NOCONSENT-1')::uuid`)).toBe(0);
    const rows = await sql<Record<string, unknown>>`select * from import_rejection where batch_id = ${r.batchId}`.execute(database.db);
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ line: 1, emetteur: 'CPAM-593', id_message: 'NOCONSENT-1', code: 'CONSENTEMENT_ABSENT', field: 'consentement' });
    expect(JSON.stringify(rows.rows[0])).not.toContain(`NOM${a}`);
  });

  it('duplicates (same id_message, same content) have no effect; conflicts (other content) are rejected — within a file and across files', async () => {
    const [a, b] = people(2);
    const first = await ingestLines(database, tenantId, [testLine(a), testLine(a), testLine(a, { date_fin_prevue: '2026-04-01' }), testLine(b)]);
    expect(first).toMatchObject({ lines: 4, accepted: 2, duplicates: 1, rejected: 1 });
    expect(first.rejections).toEqual([expect.objectContaining({ line: 3, code: 'CONFLIT', field: 'id_message' })]);
    const before = await businessDigest(database);
    const second = await ingestLines(database, tenantId, [testLine(b), testLine(a, { prenoms: 'Paul' })]);
    expect(second).toMatchObject({ lines: 2, duplicates: 1, rejected: 1, accepted: 0 });
    expect(second.rejections[0]).toMatchObject({ line: 2, code: 'CONFLIT' });
    expect(await businessDigest(database)).toEqual(before);
    const arret = await database.db.selectFrom('arret').select('expected_end_date').where('external_id', '=', `ARR-${a}`).executeTakeFirstOrThrow();
    expect(arret.expected_end_date).toBe('2026-03-05');
  });

  it('quarantines a known NIR with another birth date or sex: kept with its payload, never merged', async () => {
    const [a] = people(1);
    await ingestLines(database, tenantId, [testLine(a)]);
    const worker = await database.db.selectFrom('worker').selectAll().where('nir', '=', testNir(a)).executeTakeFirstOrThrow();
    const r = await ingestLines(database, tenantId, [testLine(a, { id_message: `Q-${a}`, id_arret: `QA-${a}`, date_naissance: '1980-05-13', nom_naissance: 'AUTRE' })]);
    expect(r).toMatchObject({ lines: 1, quarantined: 1, accepted: 0 });
    expect(r.quarantine).toEqual([{ line: 1, id_message: `Q-${a}`, code: 'IDENTITE_DIVERGENTE' }]);
    const q = await database.db.selectFrom('flux_quarantine').selectAll().where('id_message', '=', `Q-${a}`).executeTakeFirstOrThrow();
    expect(q).toMatchObject({ batch_id: r.batchId, line: 1, emetteur: 'CPAM-593', code: 'IDENTITE_DIVERGENTE', status: 'a_traiter', worker_id: worker.id });
    expect(q.payload).toMatchObject({ nir: testNir(a), date_naissance: '1980-05-13', nom_naissance: 'AUTRE', id_arret: `QA-${a}`, consentement: 'oui' });
    expect(await database.db.selectFrom('worker').selectAll().where('id', '=', worker.id).executeTakeFirstOrThrow()).toMatchObject({ birth_date: '1980-05-12', birth_name: `NOM${a}` });
    expect(await count(database, `select 1 from arret where external_id = 'QA-${a}'`)).toBe(0);
    expect(await count(database, `select 1 from flux_message where id_message = 'Q-${a}' and outcome = 'quarantaine'`)).toBe(1);
    // Sent again: a duplicate, the quarantine is not doubled.
    const again = await ingestLines(database, tenantId, [testLine(a, { id_message: `Q-${a}`, id_arret: `QA-${a}`, date_naissance: '1980-05-13', nom_naissance: 'AUTRE' })]);
    expect(again).toMatchObject({ duplicates: 1, quarantined: 0 });
    expect(await count(database, `select 1 from flux_quarantine where id_message = 'Q-${a}'`)).toBe(1);
    // Two lines of one new NIR in one file with different sexes: the second is quarantined.
    const [b] = people(1);
    const both = await ingestLines(database, tenantId, [testLine(b), testLine(b, { id_message: `Q2-${b}`, nir: testNir(b), sexe: '1', date_naissance: '1981-01-01' })]);
    expect(both).toMatchObject({ accepted: 1, quarantined: 1 });
  });

  it('prolongation moves the expected end, fin records the return, annulation cancels and keeps the episode', async () => {
    const [a] = people(1);
    const base = { id_arret: `EP-${a}` };
    await ingestLines(database, tenantId, [testLine(a, { ...base, id_message: `I-${a}` })]);
    const r = await ingestLines(database, tenantId, [
      testLine(a, { ...base, id_message: `P-${a}`, type_message: 'prolongation', date_fin_prevue: '2026-04-30', temps_partiel_therapeutique: '1' }),
      testLine(a, { ...base, id_message: `F-${a}`, type_message: 'fin', date_fin_prevue: '', date_fin_effective: '2026-04-20' }),
    ]);
    expect(r).toMatchObject({ accepted: 2 });
    let arret = await database.db.selectFrom('arret').selectAll().where('external_id', '=', `EP-${a}`).executeTakeFirstOrThrow();
    expect(arret).toMatchObject({ start_date: '2026-01-05', expected_end_date: '2026-04-30', actual_end_date: '2026-04-20', temps_partiel_therapeutique: true, cancelled_at: null, needs_review: false });
    await ingestLines(database, tenantId, [testLine(a, { ...base, id_message: `A-${a}`, type_message: 'annulation' })]);
    arret = await database.db.selectFrom('arret').selectAll().where('external_id', '=', `EP-${a}`).executeTakeFirstOrThrow();
    expect(arret.cancelled_at).not.toBeNull();
    expect(await count(database, `select 1 from arret where external_id = 'EP-${a}'`)).toBe(1);
    // Every message is a signal of the same open triage item (issue 14: formerly the same open dossier).
    const w = await database.db.selectFrom('worker').select('id').where('nir', '=', testNir(a)).executeTakeFirstOrThrow();
    expect(await count(database, `select 1 from signal where worker_id = '${w.id}'`)).toBe(4);
    expect(await count(database, `select 1 from signal s join triage_item t on t.id = s.triage_item_id where s.worker_id = '${w.id}' and t.status = 'a_qualifier'`)).toBe(4);
    expect(await count(database, `select 1 from triage_item where worker_id = '${w.id}'`)).toBe(1);
  });

  it('a prolongation ending before the known start is rejected; in-file order is respected', async () => {
    const [a, b] = people(2);
    await ingestLines(database, tenantId, [testLine(a, { id_arret: `O-${a}`, date_debut: '2026-01-10', date_fin_prevue: '2026-02-10' })]);
    const r = await ingestLines(database, tenantId, [testLine(a, { id_arret: `O-${a}`, id_message: `P-${a}`, type_message: 'prolongation', date_debut: '2026-01-01', date_fin_prevue: '2026-01-05' })]);
    expect(r.rejections).toEqual([expect.objectContaining({ code: 'DATES_INCOHERENTES', field: 'date_fin_prevue' })]);
    // initial, then two prolongations in one file: the last one wins.
    await ingestLines(database, tenantId, [
      testLine(b, { id_arret: `O-${b}` }),
      testLine(b, { id_arret: `O-${b}`, id_message: `P1-${b}`, type_message: 'prolongation', date_fin_prevue: '2026-05-01' }),
      testLine(b, { id_arret: `O-${b}`, id_message: `P2-${b}`, type_message: 'prolongation', date_fin_prevue: '2026-04-01' }),
    ]);
    const arret = await database.db.selectFrom('arret').selectAll().where('external_id', '=', `O-${b}`).executeTakeFirstOrThrow();
    expect(arret.expected_end_date).toBe('2026-04-01');
  });

  it('a prolongation or fin for an unknown id_arret creates the episode flagged for review', async () => {
    const [a, b] = people(2);
    const r = await ingestLines(database, tenantId, [
      testLine(a, { id_arret: `U-${a}`, type_message: 'prolongation', date_debut: '2025-12-01', date_fin_prevue: '2026-03-31' }),
      testLine(b, { id_arret: `U-${b}`, type_message: 'fin', date_fin_prevue: '', date_fin_effective: '2026-01-20' }),
    ]);
    expect(r.accepted).toBe(2);
    const p = await database.db.selectFrom('arret').selectAll().where('external_id', '=', `U-${a}`).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ needs_review: true, start_date: '2025-12-01', expected_end_date: '2026-03-31', actual_end_date: null });
    const f = await database.db.selectFrom('arret').selectAll().where('external_id', '=', `U-${b}`).executeTakeFirstOrThrow();
    expect(f).toMatchObject({ needs_review: true, actual_end_date: '2026-01-20', expected_end_date: null });
  });

  it('attaches to the open dossier of a known worker, links the employer when its SIRET is known, one dossier per worker', async () => {
    const known = await sql<{ id: string; nir: string; birth_date: string; sex: number; dossier_id: string; birth_name: string; first_names: string }>`
      select w.id, w.nir, w.birth_date::text as birth_date, w.sex, d.id as dossier_id, w.birth_name, w.first_names
        from worker w join dossier d on d.worker_id = w.id and d.state in ('signale', 'a_evaluer', 'en_accompagnement')
       where w.nir is not null and w.tenant_id = ${tenantId}
         and (select count(*) from dossier d2 where d2.worker_id = w.id and d2.state in ('signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi')) = 1
       limit 1`.execute(database.db);
    const k = known.rows[0];
    const company = await database.db.selectFrom('company').select(['id', 'siret']).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    const line = (id: string, over: TestLine = {}) =>
      testLine(0, { nir: k.nir, date_naissance: k.birth_date, sexe: String(k.sex), nom_naissance: k.birth_name, prenoms: k.first_names, id_message: id, id_arret: `K-${k.id}`, siret_employeur: company.siret, ...over });
    const dossiersBefore = await count(database, `select 1 from dossier where worker_id = '${k.id}'`);
    const r = await ingestLines(database, tenantId, [line('K1'), line('K2', { type_message: 'prolongation', date_fin_prevue: '2026-06-01' })]);
    expect(r).toMatchObject({ accepted: 2, quarantined: 0 });
    expect(await count(database, `select 1 from dossier where worker_id = '${k.id}'`)).toBe(dossiersBefore);
    expect(await count(database, `select 1 from signal where worker_id = '${k.id}' and dossier_id = '${k.dossier_id}' and source = 'flux_am'`)).toBe(2);
    const arret = await database.db.selectFrom('arret').selectAll().where('external_id', '=', `K-${k.id}`).executeTakeFirstOrThrow();
    expect(arret).toMatchObject({ worker_id: k.id, company_id: company.id, expected_end_date: '2026-06-01' });
    // Several lines of one new worker in one file: one triage item (issue 14: formerly one new dossier).
    const [n] = people(1);
    await ingestLines(database, tenantId, [testLine(n), testLine(n, { id_message: `N2-${n}`, id_arret: `N2-${n}` }), testLine(n, { id_message: `N3-${n}`, id_arret: `N3-${n}` })]);
    const w = await database.db.selectFrom('worker').select('id').where('nir', '=', testNir(n)).executeTakeFirstOrThrow();
    expect(await count(database, `select 1 from dossier where worker_id = '${w.id}'`)).toBe(0);
    expect(await count(database, `select 1 from triage_item where worker_id = '${w.id}' and status = 'a_qualifier'`)).toBe(1);
    expect(await count(database, `select 1 from signal where worker_id = '${w.id}'`)).toBe(3);
  });

  it('JSON Lines with garbage lines: every line one outcome', async () => {
    const [a] = people(1);
    const text = [JSON.stringify(testLine(a)), 'pas du json', '[]', JSON.stringify({ ...testLine(a + 1), consentement: 'non' })].join('\n');
    const r = await ingestText(database, tenantId, text, 'flux.jsonl');
    expect(r).toMatchObject({ lines: 4, accepted: 1, rejected: 3 });
    expect(r.rejections.map((x) => x.code)).toEqual(['LIGNE_ILLISIBLE', 'LIGNE_ILLISIBLE', 'CONSENTEMENT_ABSENT']);
  });

  it('a file that cannot be processed leaves no batch', async () => {
    const batches = await count(database, 'select 1 from import_batch');
    await expect(ingestText(database, tenantId, 'emetteur;id_message\nX;Y\n')).rejects.toMatchObject({ code: 'COLONNES_MANQUANTES' });
    expect(await count(database, 'select 1 from import_batch')).toBe(batches);
  });

  it('the same file twice: the second batch is all duplicates and the business state is unchanged', async () => {
    const ids = people(30);
    const lines = ids.flatMap((p, i) => [
      testLine(p, { ald: i % 3 === 0 ? '1' : '0', nature: i % 4 === 0 ? 'accident_travail' : 'maladie' }),
      ...(i % 2 === 0 ? [testLine(p, { id_message: `P-${p}`, type_message: 'prolongation', date_fin_prevue: '2026-05-05' })] : []),
      ...(i % 5 === 0 ? [testLine(p, { id_message: `X-${p}`, consentement: 'non' })] : []),
    ]);
    const text = toCsv(lines);
    const first = await ingestText(database, tenantId, text, 'twice.csv', { chunkSize: 7 });
    const digest = await businessDigest(database);
    const second = await ingestText(database, tenantId, text, 'twice.csv', { chunkSize: 7 });
    expect(second.batchId).not.toBe(first.batchId);
    expect(second).toMatchObject({ lines: first.lines, accepted: 0, duplicates: first.accepted + first.duplicates, rejected: first.rejected, quarantined: 0 });
    expect(await businessDigest(database)).toEqual(digest);
  });

  it('resumes an interrupted batch after its checkpoint and ends with the counts of a clean run', async () => {
    const ids = people(40);
    const lines = ids.flatMap((p, i) => [testLine(p), ...(i % 4 === 0 ? [testLine(p, { id_message: `X-${p}`, sexe: '2' })] : [])]);
    const text = toCsv(lines);
    const sha256 = 'f'.repeat(64);
    let calls = 0;
    // The process "dies" right after the second chunk committed (an exception escaping the run).
    await expect(
      ingestArrets(database, (await demoTenant(database)).principal, { stream: Readable.from([text]), fileName: 'resume.csv', fileDate: FILE_DATE, sha256 }, {
        chunkSize: 10,
        onProgress: () => {
          if (++calls === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const interrupted = await database.db.selectFrom('import_batch').selectAll().where('file_sha256', '=', sha256).executeTakeFirstOrThrow();
    expect(interrupted.lines_done).toBe(20);
    const resumed = await ingestText(database, tenantId, text, 'resume.csv', { chunkSize: 10, sha256 });
    expect(resumed.batchId).toBe(interrupted.id);
    expect(resumed.resumed).toBe(true);
    expect(resumed).toMatchObject({ lines: lines.length, accepted: 40, rejected: 10, duplicates: 0 });
    expect(resumed.rejections).toHaveLength(10);

    // Same file, clean, in another database: same counts and same business content for these workers.
    const other = await freshDatabase();
    try {
      const t = await demoTenant(other);
      const clean = await ingestText(other, t.tenantId, text, 'resume.csv', { chunkSize: 10 });
      expect({ ...clean, batchId: '', resumed: true }).toEqual({ ...resumed, batchId: '' });
    } finally {
      await other.close();
    }
  });

  it('property: every line ends in exactly one outcome and the counts add up', async () => {
    const mutations: TestLine[] = [
      {},
      { consentement: 'non' },
      { nir: '123' },
      { sexe: '2' },
      { date_naissance: '1980-05-13' },
      { type_message: 'prolongation', date_fin_prevue: '2026-06-01' },
      { type_message: 'fin', date_fin_effective: '2026-02-01' },
      { type_message: 'fin', date_fin_effective: '2025-01-01' },
      { type_message: 'annulation' },
      { date_fin_prevue: '2026-03-06' },
      { nature: 'inconnue' },
      { date_consentement: '2027-01-01' },
    ];
    const pool = people(6);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...pool), fc.integer({ min: 0, max: 3 }), fc.constantFrom(...mutations), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 10 }),
        async (spec, chunkSize) => {
          const lines = spec.map(([p, m, mut, e]) => testLine(p, { id_message: `PR-${p}-${m}`, id_arret: `PRA-${p}-${e}`, ...mut }));
          const r = await ingestLines(database, tenantId, lines, { chunkSize });
          expect(r.lines).toBe(lines.length);
          expect(r.accepted + r.duplicates + r.rejected + r.quarantined).toBe(r.lines);
          expect(r.rejections).toHaveLength(r.rejected);
          expect(r.quarantine).toHaveLength(r.quarantined);
          const outcomes = new Map<number, number>();
          for (const x of [...r.rejections, ...r.quarantine]) outcomes.set(x.line, (outcomes.get(x.line) ?? 0) + 1);
          const m = await sql<{ line: number; outcome: string }>`select line, outcome from flux_message where batch_id = ${r.batchId}`.execute(database.db);
          for (const x of m.rows) if (x.outcome === 'accepte') outcomes.set(x.line, (outcomes.get(x.line) ?? 0) + 1);
          // Each line at most once in rejections ∪ quarantine ∪ accepted messages; the rest are duplicates.
          for (const n of outcomes.values()) expect(n).toBe(1);
          expect(m.rows.length).toBe(r.accepted + r.quarantined);
          expect(outcomes.size).toBe(r.lines - r.duplicates);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('every foreign key holds after all the batches above (the embedded engine skips the per-row checks)', async () => {
    expect(await count(database, `select 1 from flux_message`)).toBeGreaterThan(50);
    expect(await brokenForeignKeys(database)).toEqual([]);
    // The check sees a broken key: an entry of a dossier that does not exist, written with the
    // checks off, inside a transaction rolled back.
    const rollback = new Error('rollback');
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await sql`insert into timeline_entry (tenant_id, dossier_id, kind, category, body) values (${tenantId}, gen_random_uuid(), 'note', 'administrative', 'orpheline')`.execute(trx);
        expect(await brokenForeignKeys({ db: trx } as unknown as Database)).toEqual([{ name: 'timeline_entry_tenant_id_dossier_id_fkey', rows: 1 }]);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });
});
