/**
 * Issue 12, items 8–11: the flux import against the faults found by fuzzing a running instance —
 * forbidden characters (NUL, lone surrogates), stray quotes, CR-only line ends, files that are
 * not UTF-8, and a batch whose closing update fails.
 */
import { sql } from 'kysely';
import { mkdtempSync, rmSync, writeFileSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLUX_FIELDS } from '../../src/domain/intake/flux-line';
import { testLine, toCsv, toJsonl } from '../../src/domain/intake/flux-test-lines';
import { summary } from '../../src/cli/intake';
import { cohortCsv } from '../../src/domain/risk/evaluation/cohort';
import { HEALTH_FEATURE_NAMES } from '../../src/domain/risk/health-model';
import { readHealthModel, runEvaluation } from '../../src/services/risk/evaluation/evaluation-runner';
import { fluxCliPrincipal, hashFile, ingestArrets } from '../../src/services/intake/flux-ingester';
import { as, demoEmail, login, startTestApp, type TestApp } from '../support/app';
import { FILE_DATE, ingestText, ensureTestCompany } from './flux-helpers';

let t: TestApp;
let tenantId: string;
let fluxToken: string;
const dir = mkdtempSync(join(tmpdir(), 'maintien-flux-hardening-'));

beforeAll(async () => {
  t = await startTestApp();
  // The test lines' employer is a member company (issue 14: a line without one is « hors périmètre »).
  await ensureTestCompany(t.database, (await t.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id);
  const admin = as(t.app, await login(t.app, demoEmail('admin')));
  fluxToken = (await admin.post('/api/v1/api-tokens', { name: 'Flux CPAM', scopes: ['flux'] })).json().token;
  tenantId = (await t.database.db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.close();
});

const upload = (body: string | Buffer, opts: { type?: string; query?: string } = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/flux/arrets${opts.query ?? '?fileDate=2026-02-01'}`,
    headers: { 'content-type': opts.type ?? 'text/csv; charset=utf-8', authorization: `Bearer ${fluxToken}` },
    payload: body,
  });

const batches = () => t.database.db.selectFrom('import_batch').selectAll().orderBy('started_at').execute();
const batch = (id: string) => t.database.db.selectFrom('import_batch').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const messageExists = async (id: string) => (await t.database.db.selectFrom('flux_message').select('id_message').where('id_message', '=', id).executeTakeFirst()) !== undefined;
const header = FLUX_FIELDS.join(';');
const csvBody = (lines: ReturnType<typeof testLine>[]) => toCsv(lines).split('\n').slice(1).filter(Boolean);

describe('item 8: NUL and lone surrogates never reach PostgreSQL, and a batch is never left stuck', () => {
  it('refuses a CSV whose header holds a NUL or a lone surrogate, before any batch exists', async () => {
    const before = (await batches()).length;
    for (const name of ['comm\u0000entaire', 'x\uD800y']) {
      const text = `${header};${name}\n${csvBody([testLine(120_001)])[0]};z\n`;
      const err = await ingestText(t.database, tenantId, text).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ENTETE_ILLISIBLE', kind: 'invalid' });
      expect((err as Error).message).toContain('caractère interdit');
    }
    const res = await upload(`${header};bad\u0000col\n${csvBody([testLine(120_002)])[0]};z\n`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('ENTETE_ILLISIBLE');
    expect((await batches()).length).toBe(before);
    expect(await messageExists('MSG-120001')).toBe(false);
    expect(await messageExists('MSG-120002')).toBe(false);
  });

  it('rejects a JSON Lines line whose key or value holds a NUL or a lone surrogate, and finishes the batch', async () => {
    const good = JSON.stringify(testLine(120_010));
    const nulKey = JSON.stringify({ ...testLine(120_011), 'a\u0000b': 'x' });
    const surrogateKey = JSON.stringify({ ...testLine(120_012), ['k\uD800']: 'x' }).replace(/\uD800/g, '\\ud800');
    const nulValue = JSON.stringify(testLine(120_013, { prenoms: 'Je\u0000an' }));
    const surrogateValue = JSON.stringify(testLine(120_014, { nom_naissance: 'X' })).replace('"X"', '"X\\udc00"');
    const res = await upload([good, nulKey, surrogateKey, nulValue, surrogateValue].join('\n') + '\n', { type: 'application/x-ndjson' });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ lines: 5, accepted: 1, rejected: 4 });
    expect(r.rejections.map((x: { line: number; code: string }) => [x.line, x.code])).toEqual([
      [2, 'CARACTERE_INTERDIT'],
      [3, 'CARACTERE_INTERDIT'],
      [4, 'CARACTERE_INTERDIT'],
      [5, 'CARACTERE_INTERDIT'],
    ]);
    expect((await batch(r.batchId)).status).toBe('termine');
    expect(await messageExists('MSG-120011')).toBe(false);
  });

  it('rejects a CSV line whose value holds a NUL, and keeps the others', async () => {
    const [a, b, c] = csvBody([testLine(120_020), testLine(120_021, { prenoms: 'Jean\u0000' }), testLine(120_022)]);
    const r = await ingestText(t.database, tenantId, `${header}\n${a}\n${b}\n${c}\n`);
    expect(r).toMatchObject({ lines: 3, accepted: 2, rejected: 1 });
    expect(r.rejections[0]).toMatchObject({ line: 2, code: 'CARACTERE_INTERDIT' });
    expect((await batch(r.batchId)).status).toBe('termine');
  });

  it('a failure of the closing update marks the batch « en échec » with a French error; a re-run finishes it', async () => {
    // A database fault on the very last update (the reader leaves no data fault to use any more).
    await sql`create function maintien_test_refuse_finish() returns trigger language plpgsql as $$
      begin
        if new.status = 'termine' and new.file_name = 'clôture-impossible.csv' then raise exception 'clôture refusée' using errcode = '22P05'; end if;
        return new;
      end $$`.execute(t.database.db);
    await sql`create trigger maintien_test_refuse_finish before update on import_batch for each row execute function maintien_test_refuse_finish()`.execute(t.database.db);
    const text = toCsv([testLine(120_030), testLine(120_031)]);
    const sha256 = 'f'.repeat(64);
    const org = await t.database.db.selectFrom('organisation').select('id').where('tenant_id', '=', tenantId).where('kind', '=', 'spsti').executeTakeFirstOrThrow();
    const principal = fluxCliPrincipal(tenantId, org.id);
    const run = () => ingestArrets(t.database, principal, { stream: Readable.from([text]), fileName: 'clôture-impossible.csv', fileDate: FILE_DATE, sha256 });
    const err = await run().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'IMPORT_NON_TERMINE', kind: 'conflict' });
    const failed = await t.database.db.selectFrom('import_batch').selectAll().where('file_name', '=', 'clôture-impossible.csv').executeTakeFirstOrThrow();
    expect(failed.status).toBe('echec');
    expect(failed.error).toContain('relancez');
    expect(failed.lines_done).toBe(2);

    await sql`drop trigger maintien_test_refuse_finish on import_batch`.execute(t.database.db);
    await sql`drop function maintien_test_refuse_finish()`.execute(t.database.db);
    const again = await run();
    expect(again).toMatchObject({ batchId: failed.id, resumed: true, lines: 2, accepted: 2 });
    expect((await batch(failed.id)).status).toBe('termine');
  });
});

describe('item 9: a stray quote costs its own line at most', () => {
  it('reads DUR"AND as text and loses none of the lines after it', async () => {
    const lines = [testLine(120_100), testLine(120_101), testLine(120_102), testLine(120_103), testLine(120_104)];
    const body = csvBody(lines); // then quotes inside unquoted fields, as the faulty exports write them
    body[1] = body[1].replace('NOM120101', 'DUR"AND');
    body[3] = body[3].replace(';Jean;', ';Jean"Marc;');
    const r = await ingestText(t.database, tenantId, `${header}\n${body.join('\n')}\n`);
    expect(r.lines).toBe(5);
    for (const id of ['MSG-120100', 'MSG-120102', 'MSG-120104']) expect(await messageExists(id)).toBe(true);
    expect(r.rejections.filter((x) => x.code === 'LIGNE_ILLISIBLE')).toEqual([]);
  });

  it('rejects only the line that opens a quote it never closes properly, and reads the next ones', async () => {
    const body = csvBody([testLine(120_110), testLine(120_111), testLine(120_112), testLine(120_113)]);
    body[1] = body[1].replace('NOM120111', '"NOM120111'); // opens a quoted field, never closed properly
    body[3] = body[3].replace('NOM120113', 'NOM"120113"X');
    const r = await ingestText(t.database, tenantId, `${header}\n${body.join('\n')}\n`);
    expect(r).toMatchObject({ lines: 4, accepted: 3, rejected: 1 });
    expect(r.rejections[0]).toMatchObject({ line: 2, code: 'LIGNE_ILLISIBLE' });
    expect(r.rejections[0].message).toContain('ligne 3 du fichier');
    for (const id of ['MSG-120110', 'MSG-120112', 'MSG-120113']) expect(await messageExists(id)).toBe(true);
  });

  it('states the lines that continue a quoted field over several lines', async () => {
    const text = toCsv([testLine(120_120, { nom_naissance: 'LE\nGRAND' }), testLine(120_121)]);
    const r = await ingestText(t.database, tenantId, text);
    expect(r.lines).toBe(2);
    expect(r.warnings.join(' ')).toMatch(/4 ligne\(s\) physique\(s\).*1 ligne\(s\) du fichier continuent un champ entre guillemets/);
  });
});

describe('item 10: line ends and files without data', () => {
  it('reads a file whose lines end in CR alone', async () => {
    const text = toCsv([testLine(120_200), testLine(120_201), testLine(120_202)]).replace(/\n/g, '\r');
    const r = await ingestText(t.database, tenantId, text);
    expect(r).toMatchObject({ lines: 3, accepted: 3 });
  });

  it('never reports a silent success on a file without data lines', async () => {
    const res = await upload(`${header}\n\n`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ lines: 0 });
    expect(res.json().warnings.join(' ')).toContain('aucune ligne de données');
    const text = summary(res.json(), 'vide.csv');
    expect(text).toContain('aucune ligne de données');
    const jsonl = await upload('\n', { type: 'application/x-ndjson' });
    expect(jsonl.json().warnings.join(' ')).toContain('aucune ligne de données');
  });

  it('says so when no line of the file could be accepted', async () => {
    const r = await ingestText(t.database, tenantId, `${header}\n"x\n"y\n`);
    expect(r).toMatchObject({ lines: 2, accepted: 0, rejected: 2 });
    expect(r.warnings.join(' ')).toContain('Aucune ligne du fichier n’a été acceptée');
    expect(summary(r, 'x.csv')).toContain('aucune ligne acceptée');
  });
});

describe('item 11: a file that is not UTF-8 is refused before any write', () => {
  const latin1 = () => {
    const lines = csvBody([testLine(120_300), testLine(120_301, { nom_naissance: 'LEFEVRE' }), testLine(120_302)]);
    const before = Buffer.from(`${header}\n${lines[0]}\n`, 'utf8');
    const bad = Buffer.from(`${lines[1].replace('LEFEVRE', 'LEF\u00c8VRE')}\n${lines[2]}\n`, 'latin1');
    return Buffer.concat([before, bad]);
  };

  it('over HTTP: 400 ENCODAGE_INVALIDE naming the line, no batch, nothing stored', async () => {
    const before = (await batches()).length;
    const res = await upload(latin1());
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('ENCODAGE_INVALIDE');
    expect(res.json().error.message).toContain('ligne 3');
    expect(res.json().error.message).toContain('UTF-8');
    expect((await batches()).length).toBe(before);
    expect(await messageExists('MSG-120300')).toBe(false);
  });

  it('from a file (command line): refused before the first chunk is written, even with one line per chunk', async () => {
    const path = join(dir, 'latin1.csv');
    writeFileSync(path, latin1());
    const before = (await batches()).length;
    await expect(hashFile(path)).rejects.toMatchObject({ code: 'ENCODAGE_INVALIDE' });
    const org = await t.database.db.selectFrom('organisation').select('id').where('tenant_id', '=', tenantId).where('kind', '=', 'spsti').executeTakeFirstOrThrow();
    const err = await ingestArrets(t.database, fluxCliPrincipal(tenantId, org.id), { stream: createReadStream(path), fileName: 'latin1.csv', fileDate: FILE_DATE }, { chunkSize: 1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ENCODAGE_INVALIDE' });
    expect((await batches()).length).toBe(before);
    expect(await messageExists('MSG-120300')).toBe(false);
  });

  it('keeps accepting a UTF-8 BOM', async () => {
    const res = await upload(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsv([testLine(120_310, { nom_naissance: 'LEFÈVRE' })]))]));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ lines: 1, accepted: 1 });
  });
});

describe('the same faults at the employer declaration CSV import', () => {
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const fr = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  const head = 'nom;prenoms;date_naissance;nir;date_debut;date_fin_prevue;nature';
  const decl = (name: string, first = 'Jean') => `${name};${first};01/01/1970;;${fr(day(-15))};${fr(day(40))};maladie`;
  const post = async (content: string) => {
    const employer = as(t.app, await login(t.app, demoEmail('employeur')));
    return employer.post('/api/v1/employer/declarations/import', { fileName: 'declarations.csv', content });
  };

  it('a stray quote costs its own line at most; DUR"AND is a name', async () => {
    const res = await post([head, decl('DUR"AND'), decl('Fictifa'), decl('"Fictifb'), decl('Fictifc'), decl('Fictifd', 'Jean"Luc')].join('\n') + '\n');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ lines: 5, rejected: 1 });
    expect(r.rejections).toEqual([{ line: 3, code: 'LIGNE_ILLISIBLE', field: null, message: expect.stringContaining('ligne 4 du fichier') }]);
  });

  it('reads CR-only line ends, and rejects a line holding a lone surrogate instead of failing the file', async () => {
    const cr = await post([head, decl('Fictife'), decl('Fictiff')].join('\r') + '\r');
    expect(cr.statusCode, cr.body).toBe(200);
    expect(cr.json()).toMatchObject({ lines: 2, rejected: 0 });
    const lone = await post([head, decl('Fictifg'), decl('Fictif\uD800h')].join('\n'));
    expect(lone.statusCode, lone.body).toBe(200);
    expect(lone.json()).toMatchObject({ lines: 2, rejected: 1 });
    expect(lone.json().rejections[0]).toMatchObject({ line: 2, code: 'CARACTERE_INTERDIT' });
  });

  it('refuses a file that was not UTF-8 (replacement characters) naming the line, and stores nothing', async () => {
    const count = async () => (await t.database.db.selectFrom('employer_declaration').select(t.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = Number(await count());
    const res = await post([head, decl('Fictifi'), decl('LEF\uFFFDVRE')].join('\n'));
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'ENCODAGE_INVALIDE' });
    expect(res.json().error.message).toContain('ligne 3');
    expect(Number(await count())).toBe(before);
  });
});

describe('the same faults at the risk cohort import and the model files', () => {
  const row = (issue: 0 | 1) => ({ features: Object.fromEntries(HEALTH_FEATURE_NAMES.map((n) => [n, 0])), wai: null, employeur: null, niveauFinal: null, issue });
  const cohort = cohortCsv([row(0), row(1), row(0), row(1)]);

  it('refuses a cohort file that was not UTF-8 (read with replacement characters), naming the line', () => {
    expect(runEvaluation(cohort, { cohortName: 'ok', now: new Date() }).report).toBeDefined();
    const lines = cohort.split('\n');
    lines[2] = lines[2] + ';\uFFFD';
    expect(() => runEvaluation(lines.join('\n'), { cohortName: 'latin1', now: new Date() })).toThrowError(expect.objectContaining({ code: 'ENCODAGE_INVALIDE', details: { line: 3 } }));
  });

  it('reads CR-only line ends and a stray quote costs its own line only', () => {
    const cr = runEvaluation(cohort.replace(/\n/g, '\r'), { cohortName: 'cr', now: new Date() });
    expect(cr.rejectedLines).toBe(0);
    const lines = cohort.split('\n');
    lines[2] = '"' + lines[2];
    const quoted = runEvaluation(lines.join('\n'), { cohortName: 'quote', now: new Date() });
    expect(quoted.rejectedLines).toBe(1);
  });

  it('refuses a model file that was not UTF-8 or holds a NUL or a lone surrogate (jsonb cannot store them)', () => {
    for (const text of ['{"version":1,"\uFFFD":1}', '{"version":1,"x\\u0000":1}', '{"version":"\\ud800"}']) {
      expect(() => readHealthModel(text, 'content')).toThrow(expect.objectContaining({ code: expect.stringMatching(/^(ENCODAGE_INVALIDE|MODELE_SANTE_INVALIDE)$/) }));
    }
    expect(() => readHealthModel('{"version":1,"x\\u0000":1}')).toThrow(/caractère interdit/);
  });
});
