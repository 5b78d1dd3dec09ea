/** Shared helpers of the flux integration tests (not a test file itself). */
import { sql } from 'kysely';
import { Readable } from 'node:stream';
import type { Database } from '../../src/db/connection';
import type { TestLine } from '../../src/domain/intake/flux-test-lines';
import { testSiret, toCsv } from '../../src/domain/intake/flux-test-lines';
import { fluxCliPrincipal, ingestArrets, type IngestOptions } from '../../src/services/intake/flux-ingester';
import { seedDemo } from '../../src/demo/seed-demo';

export const FILE_DATE = '2026-02-01';

/** The member company the test lines name (testSiret()): lines about it are in the service's scope. */
export async function ensureTestCompany(database: Database, tenantId: string) {
  const siret = testSiret();
  await sql`insert into company (tenant_id, siret, siren, name, member) values (${tenantId}, ${siret}, ${siret.slice(0, 9)}, 'Entreprise des tests', true)
    on conflict (tenant_id, siret) do nothing`.execute(database.db);
}

export async function demoTenant(database: Database, now = new Date('2026-02-01T10:00:00Z')) {
  const { tenantId } = await seedDemo(database, { slug: 'demo', now, modules: false });
  await ensureTestCompany(database, tenantId);
  const org = await database.db.selectFrom('organisation').select('id').where('tenant_id', '=', tenantId).where('kind', '=', 'spsti').executeTakeFirstOrThrow();
  return { tenantId, principal: fluxCliPrincipal(tenantId, org.id) };
}

export function ingestText(database: Database, tenantId: string, text: string, fileName = 'flux.csv', opts: IngestOptions & { sha256?: string } = {}) {
  const org = database.db.selectFrom('organisation').select('id').where('tenant_id', '=', tenantId).where('kind', '=', 'spsti');
  return org.executeTakeFirstOrThrow().then((o) =>
    ingestArrets(database, fluxCliPrincipal(tenantId, o.id), { stream: Readable.from([text]), fileName, fileDate: FILE_DATE, sha256: opts.sha256 }, opts),
  );
}

export const ingestLines = (database: Database, tenantId: string, lines: TestLine[], opts: IngestOptions & { sha256?: string } = {}) =>
  ingestText(database, tenantId, toCsv(lines), 'flux.csv', opts);

export async function count(database: Database, query: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from (${sql.raw(query)}) q`.execute(database.db);
  return r.rows[0].n;
}

/**
 * A digest of the business state of the flux (content only: no generated ids, no timestamps),
 * to compare two runs or two databases.
 */
export async function businessDigest(database: Database): Promise<Record<string, string>> {
  const parts: Record<string, string> = {
    worker: `select nir, birth_name, first_names, birth_date::text, sex, identity_status from worker`,
    arret: `select w.nir, a.emetteur, a.external_id, a.nature, a.start_date::text, a.expected_end_date::text, a.actual_end_date::text, a.ald, a.temps_partiel_therapeutique, a.cancelled_at is not null as cancelled, a.needs_review, (select c.siret from company c where c.id = a.company_id) as siret from arret a join worker w on w.tenant_id = a.tenant_id and w.id = a.worker_id`,
    signal: `select w.nir, s.source, s.kind, s.reason, s.consent_date::text, s.origin_id, d.reference, a.external_id from signal s join worker w on w.id = s.worker_id left join dossier d on d.id = s.dossier_id left join arret a on a.id = s.arret_id`,
    dossier: `select d.reference, d.state, d.origin, d.summary, w.nir from dossier d join worker w on w.id = d.worker_id`,
    triage_item: `select w.nir, t.status, (select count(*) from signal s where s.triage_item_id = t.id) as signals from triage_item t join worker w on w.id = t.worker_id`,
    flux_out_of_scope: `select emetteur, id_message, line, id_arret, type_message, siret, status, payload::text from flux_out_of_scope`,
    transition: `select d.reference, t.to_state from dossier_transition t join dossier d on d.id = t.dossier_id`,
    timeline: `select d.reference, e.kind, e.title, e.body from timeline_entry e join dossier d on d.id = e.dossier_id`,
    flux_message: `select emetteur, id_message, content_hash, outcome, line from flux_message`,
    flux_quarantine: `select emetteur, id_message, line, code, status, payload::text from flux_quarantine`,
    task: `select w.nir, t.kind, t.title, t.due_date::text, t.status, t.rule_id from task t join worker w on w.id = t.worker_id`,
  };
  const out: Record<string, string> = {};
  for (const [name, q] of Object.entries(parts)) {
    const r = await sql<{ n: number; h: string | null }>`select count(*)::int as n, md5(string_agg(x::text, '|' order by x::text)) as h from (${sql.raw(q)}) x`.execute(database.db);
    out[name] = `${r.rows[0].n}:${r.rows[0].h ?? '-'}`;
  }
  return out;
}

/**
 * Foreign keys of the public tables that some row breaks (child key set, no parent row), with the
 * count of such rows. The embedded engine skips the per-row checks in the flux pipeline
 * (docs/flux-operations.md): this checks what they would have checked, afterwards.
 */
export async function brokenForeignKeys(database: Database): Promise<{ name: string; rows: number }[]> {
  const fks = await sql<{ name: string; child: string; parent: string; cols: string[]; refs: string[] }>`
    select c.conname as name, c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
           array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as cols,
           array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as refs
      from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`.execute(database.db);
  const out: { name: string; rows: number }[] = [];
  for (const fk of fks.rows) {
    const notNull = sql.join(fk.cols.map((c) => sql`x.${sql.id(c)} is not null`), sql` and `);
    const match = sql.join(fk.cols.map((c, i) => sql`p.${sql.id(fk.refs[i])} = x.${sql.id(c)}`), sql` and `);
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(fk.child)} x
      where ${notNull} and not exists (select 1 from ${sql.table(fk.parent)} p where ${match})`.execute(database.db);
    if (r.rows[0].n > 0) out.push({ name: fk.name, rows: r.rows[0].n });
  }
  return out;
}
