/**
 * `maintien bench ingest --lines N` (= `BENCH=ingest BENCH_FLUX_LINES=N npm run bench`): the AM
 * « arrêts de travail » flux, end to end, against its write floor (issue 14 item 5).
 *
 * 1. A fresh database (PGlite on disk in bench/.data/ingest-pglite, or with DATABASE_URL a fresh
 *    database of that name on the server), migrated, with the demo service seeded.
 * 2. A synthetic file of N lines (default 1,000,000; the generator of `maintien gen arrets
 *    --tenant`, seed 1, file date 2026-11-25) about the service's member companies, in
 *    bench/.data/, generated once and reused.
 * 3. `ingestArrets` on the file as the CLI does: wall time → pipeline lines/s; peak RSS sampled
 *    every 100 ms and process.resourceUsage().maxRSS.
 * 4. In the same run, the write floor (measureFloor): the rows the pipeline wrote, inserted into
 *    empty copies of their tables with the same indexes and constraints, in one transaction.
 *
 * Results replace the engine's row of the `ingest-arrets` section of docs/benchmarks.md; the
 * last line printed is one JSON object (IngestBenchLine).
 */
import os from 'node:os';
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/connection';
import { migrate } from '../src/db/migrate';
import { generateArretStream, type GeneratorPool } from '../src/demo/arrets-generator';
import * as fluxAdmin from '../src/db/repositories/flux-admin.repository';
import { inTenant } from '../src/db/tenant-tx';
import { seedDemo } from '../src/demo/seed-demo';
import { PIPELINE_TABLES } from '../src/db/repositories/flux.repository';
import { fluxCliPrincipal, hashFile, ingestArrets, type IngestReport } from '../src/services/intake/flux-ingester';
import { collectSteps } from '../src/shared/timing';
import { engineDescription, machineDescription, readSection, writeSection } from './report';

const SECTION = 'ingest-arrets';
const FILE_DATE = '2026-11-25';
const TARGET_RATIO = 0.5;
const TARGET_RSS = 1.5 * 1024 ** 3;
/** Files and the PGlite database of the bench: bench/.data/, or BENCH_DATA_DIR. */
const DATA = process.env.BENCH_DATA_DIR ? `${process.env.BENCH_DATA_DIR.replace(/\/$/, '')}/` : fileURLToPath(new URL('./.data/', import.meta.url));

const lines = Number(process.env.BENCH_FLUX_LINES ?? 1_000_000);
if (!Number.isInteger(lines) || lines < 1) throw new Error('BENCH_FLUX_LINES doit être un entier positif.');

const mib = (b: number) => `${(b / 1024 ** 2).toFixed(0)} MiB`;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US').replaceAll(',', ' ');

/**
 * The file: about the bench service's member companies (so that its lines are in scope) and, for a
 * few lines, its known workers; nearly every line is about a new person. The demo seed is
 * deterministic, so the file is the same for both engines and is reused.
 */
async function ensureFile(pool: GeneratorPool): Promise<{ path: string; generatedSeconds: number | null }> {
  mkdirSync(DATA, { recursive: true });
  const path = `${DATA}arrets-${lines}-s1-members.csv`;
  if (existsSync(path)) return { path, generatedSeconds: null };
  const t = performance.now();
  await pipeline(generateArretStream({ lines, seed: 1, fileDate: FILE_DATE, emetteur: 'CPAM-593', pool }), createWriteStream(`${path}.tmp`));
  renameSync(`${path}.tmp`, path);
  const s = (performance.now() - t) / 1000;
  console.log(`Fichier de ${fmt(lines)} lignes généré en ${s.toFixed(1)} s : ${path}`);
  return { path, generatedSeconds: s };
}

async function freshDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const u = new URL(url);
    const name = u.pathname.slice(1);
    if (!/^[a-z_][a-z0-9_]*$/.test(name) || name === 'postgres') throw new Error(`DATABASE_URL doit nommer une base dédiée au banc (ex. maintien_bench), pas « ${name} ».`);
    const adminUrl = new URL(url);
    adminUrl.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    return openDatabase({ databaseUrl: url });
  }
  const dir = `${DATA}ingest-pglite`;
  rmSync(dir, { recursive: true, force: true });
  return openDatabase({ dataDir: dir });
}

/** Highest 1-minute load average seen while the pipeline ran (other work on the machine slows it). */
let loadPeak = 0;

function rssSampler() {
  let peak = process.memoryUsage().rss;
  loadPeak = os.loadavg()[0];
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
    loadPeak = Math.max(loadPeak, os.loadavg()[0]);
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

/** A table the pipeline writes, as the floor copies it. */
interface FloorTable {
  table: string;
  /** Columns an INSERT can set (generated columns excluded). */
  columns: string[];
  /** Primary-key columns: what tells a row the pipeline wrote from a row that was there before. */
  key: string[];
  /** Foreign keys of the table, as `pg_get_constraintdef` writes them. */
  foreignKeys: { name: string; definition: string }[];
}

const q = (id: string) => `"${id.replaceAll('"', '""')}"`;

async function floorTables(database: Database): Promise<FloorTable[]> {
  const out: FloorTable[] = [];
  for (const table of PIPELINE_TABLES) {
    const cols = await database.withSession((exec) =>
      exec(`select a.attname as name from pg_attribute a where a.attrelid = 'public.${table}'::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' order by a.attnum`),
    );
    const key = await database.withSession((exec) =>
      exec(`select a.attname as name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey) where i.indrelid = 'public.${table}'::regclass and i.indisprimary order by array_position(i.indkey::int[], a.attnum::int)`),
    );
    const fks = await database.withSession((exec) =>
      exec(`select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint where conrelid = 'public.${table}'::regclass and contype = 'f' order by conname`),
    );
    out.push({
      table,
      columns: cols.map((c) => String(c.name)),
      key: key.map((c) => String(c.name)),
      foreignKeys: fks.map((f) => ({ name: String(f.name), definition: String(f.definition) })),
    });
  }
  return out;
}

/** Before the pipeline: the keys of the rows already there (the demo service), to tell the rows it writes. */
async function snapshotKeys(database: Database, tables: FloorTable[]) {
  await database.withSession((exec) => exec('drop schema if exists bench_floor cascade; create schema bench_floor;'));
  for (const t of tables) {
    await database.withSession((exec) => exec(`create table bench_floor.${q(`pre_${t.table}`)} as select ${t.key.map(q).join(', ')} from public.${q(t.table)}`));
  }
}

/**
 * The write floor (issue 14): exactly the rows the pipeline wrote — every row it inserted that is
 * still there, in every table — inserted into empty copies of those tables with the same indexes
 * and constraints (`LIKE … INCLUDING ALL`: keys, unique and check constraints, defaults; then the
 * same foreign keys, referencing the real tables), in one transaction, from tables that hold the
 * rows ready (reading them costs next to nothing against writing them). On the engine where the
 * pipeline's chunks skip the per-row foreign-key checks (PGlite, see bulk-session.repository.ts),
 * the floor's transaction skips them too: both write under the same rules. Staging rows, updates
 * of rows that were already there, triggers and the audit are the pipeline's own cost.
 */
async function measureFloor(database: Database, tables: FloorTable[], skipFkChecks: boolean): Promise<{ seconds: number; rows: number; perTable: { table: string; seconds: number }[] }> {
  const written: FloorTable[] = [];
  let rows = 0;
  for (const t of tables) {
    const src = q(`src_${t.table}`);
    const n = await database.withSession((exec) =>
      exec(
        `create table bench_floor.${src} as select ${t.columns.map((c) => `x.${q(c)}`).join(', ')} from public.${q(t.table)} x ` +
          `where not exists (select 1 from bench_floor.${q(`pre_${t.table}`)} p where ${t.key.map((k) => `p.${q(k)} = x.${q(k)}`).join(' and ')}); ` +
          `select count(*)::int as n from bench_floor.${src}`,
      ),
    );
    const count = Number(n[n.length - 1]?.n ?? 0);
    if (count === 0) continue;
    rows += count;
    written.push(t);
    await database.withSession((exec) =>
      exec(
        `create table bench_floor.${q(t.table)} (like public.${q(t.table)} including all); ` +
          t.foreignKeys.map((f) => `alter table bench_floor.${q(t.table)} add constraint ${q(f.name)} ${f.definition};`).join(' '),
      ),
    );
  }
  await database.withSession((exec) => exec('checkpoint'));
  const perTable: { table: string; seconds: number }[] = [];
  const t0 = performance.now();
  await database.withSession(async (exec) => {
    await exec(skipFkChecks ? 'begin; set local session_replication_role = replica;' : 'begin;');
    for (const t of written) {
      const cols = t.columns.map(q).join(', ');
      const ts = performance.now();
      await exec(`insert into bench_floor.${q(t.table)} (${cols}) overriding system value select ${cols} from bench_floor.${q(`src_${t.table}`)}`);
      perTable.push({ table: t.table, seconds: (performance.now() - ts) / 1000 });
    }
    await exec('commit');
  });
  const seconds = (performance.now() - t0) / 1000;
  await database.withSession((exec) => exec('drop schema bench_floor cascade'));
  console.log(`Plancher, par table : ${perTable.map((x) => `${x.table} ${x.seconds.toFixed(2)} s`).join(', ')}.`);
  return { seconds, rows, perTable };
}

interface Result {
  engine: string;
  engineKey: 'pglite' | 'server';
  /** Null while the run is in progress (a partial row). */
  report: IngestReport | null;
  /** Lines done when measured (all of them at the end). */
  done: number;
  seconds: number;
  /** The write floor's transaction (see measureFloor); null while in progress. */
  floorSeconds: number | null;
  /** Rows the pipeline wrote (and the floor inserted), per table. */
  writes: { table: string; rows: number; indexes: number }[] | null;
  peakRss: number;
  maxRss: number;
  fileBytes: number;
  /** 1-minute load average of the machine at the start and at the end of the pipeline (2 cores: above 2, others compete). */
  load: [number, number];
  /** How the pipeline and the floor treat the per-row foreign-key checks. */
  fkChecks: 'skipped' | 'checked';
  /** Where the pipeline's time went (seconds per step, summed over the chunks) and the floor's (per table). */
  profile?: { steps: [string, number][]; floor: { table: string; seconds: number }[] };
}

/** Number of indexes (primary key included) of each table the pipeline writes. */
async function indexCounts(database: Database): Promise<Map<string, number>> {
  const r = await database.withSession((exec) =>
    exec(`select c.relname as t, count(i.indexrelid)::int as n from pg_class c left join pg_index i on i.indrelid = c.oid
          where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname = any(array[${PIPELINE_TABLES.map((t) => `'${t}'`).join(',')}]) group by c.relname`),
  );
  return new Map(r.map((x) => [String(x.t), Number(x.n)]));
}

async function rowCounts(database: Database): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const table of PIPELINE_TABLES) {
    const r = await database.withSession((exec) => exec(`select count(*)::int as n from public.${q(table)}`));
    out.set(table, Number(r[0]?.n ?? 0));
  }
  return out;
}

/** The last line `maintien bench ingest` prints: one JSON object (issue 14). */
export interface IngestBenchLine {
  engine: 'pglite' | 'server';
  lines: number;
  pipeline_seconds: number;
  pipeline_lines_per_s: number;
  floor_seconds: number;
  floor_lines_per_s: number;
  ratio: number;
  peak_rss_mib: number;
  rows_written: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  quarantined: number;
  out_of_scope: number;
  fk_checks: 'skipped' | 'checked';
  load_1min: [number, number, number];
}

export async function runIngestBench(): Promise<IngestBenchLine> {
  const database = await freshDatabase();
  try {
    await migrate(database);
    // The base demo service only: the modules' demo content is not what this measures.
    const seeded = await seedDemo(database, { slug: 'bench-flux', now: new Date(`${FILE_DATE}T12:00:00Z`), modules: false });
    const spsti = await database.db.selectFrom('organisation').select('id').where('tenant_id', '=', seeded.tenantId).where('kind', '=', 'spsti').executeTakeFirstOrThrow();
    const pool = await inTenant(database.db, seeded.tenantId, (trx) => fluxAdmin.findGeneratorPool(trx, seeded.tenantId, 2000));
    const file = await ensureFile(pool);
    const fileBytes = statSync(file.path).size;
    const settings = await database.withSession((exec) =>
      exec(`select current_setting('shared_buffers') as sb, current_setting('max_wal_size') as wal, current_setting('random_page_cost') as rpc`),
    );
    const engine = `${await engineDescription(database)}; shared_buffers ${settings[0]?.sb}, max_wal_size ${settings[0]?.wal}`;
    const engineKey = database.engine === 'pglite' ? 'pglite' : 'server';
    const fkChecks = database.pglite && process.env.MAINTIEN_FLUX_FK_CHECKS !== '1' ? 'skipped' : 'checked';
    console.log(`\nIngestion de ${fmt(lines)} lignes (${mib(fileBytes)}) — ${engine}`);
    const sha256 = await hashFile(file.path);
    const tables = await floorTables(database);
    await snapshotKeys(database, tables);
    const before = await rowCounts(database);

    const loadStart = os.loadavg()[0];
    const sampler = rssSampler();
    const steps = collectSteps();
    const t = performance.now();
    let lastShown = 0;
    let lastWritten = performance.now();
    const report = await ingestArrets(
      database,
      fluxCliPrincipal(seeded.tenantId, spsti.id, 'Banc de mesure'),
      { stream: createReadStream(file.path, { highWaterMark: 1 << 20 }), fileName: `arrets-${lines}.csv`, format: 'csv', fileDate: FILE_DATE, sha256 },
      {
        reportLimit: 1000,
        onProgress: (done) => {
          const now = performance.now();
          const s = (now - t) / 1000;
          if (done - lastShown >= 100_000 || done === lines || now - lastWritten >= 60_000) {
            lastShown = done;
            console.log(`  ${fmt(done).padStart(9)} lignes  ${s.toFixed(1).padStart(6)} s  ${fmt(done / s).padStart(7)} lignes/s  RSS ${mib(process.memoryUsage().rss)}`);
          }
          // A run stopped before the end still leaves its measure so far in the document.
          if (done < lines && now - lastWritten >= 60_000) {
            lastWritten = now;
            const partial: Result = {
              engine, engineKey, report: null, done, seconds: s, floorSeconds: null, writes: null,
              peakRss: Math.max(process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024), maxRss: process.resourceUsage().maxRSS * 1024,
              fileBytes, load: [loadStart, os.loadavg()[0]], fkChecks,
            };
            writeSection(SECTION, render(partial, file.generatedSeconds));
          }
        },
      },
    );
    const seconds = (performance.now() - t) / 1000;
    const stepTotals = steps.stop();
    const peakRss = sampler.stop();
    const maxRss = process.resourceUsage().maxRSS * 1024;
    const load: [number, number] = [loadStart, os.loadavg()[0]];
    console.log(`Pipeline : ${seconds.toFixed(1)} s, ${fmt(lines / seconds)} lignes/s ; acceptées ${fmt(report.accepted)}, doublons ${fmt(report.duplicates)}, rejetées ${fmt(report.rejected)}, quarantaine ${fmt(report.quarantined)}, hors périmètre ${fmt(report.outOfScope ?? 0)} ; RSS max ${mib(peakRss)} (maxRSS ${mib(maxRss)}).`);

    const after = await rowCounts(database);
    const indexes = await indexCounts(database);
    const floor = await measureFloor(database, tables, fkChecks === 'skipped');
    const writes = PIPELINE_TABLES.map((table) => ({ table, rows: (after.get(table) ?? 0) - (before.get(table) ?? 0), indexes: indexes.get(table) ?? 0 })).filter((w) => w.rows > 0);
    const ratio = floor.seconds / seconds;
    console.log(`Plancher d'écriture (${fmt(floor.rows)} lignes dans des copies vides des tables) : ${floor.seconds.toFixed(1)} s, ${fmt(lines / floor.seconds)} lignes de flux/s ; ratio pipeline/plancher ${ratio.toFixed(2)}.`);
    console.log(`Charge de la machine (load average 1 min) : ${load[0].toFixed(1)} au début, ${load[1].toFixed(1)} à la fin, au plus ${loadPeak.toFixed(1)} (${os.cpus().length} cœurs).`);
    const profile = { steps: [...stepTotals].map(([k, ms]) => [k, ms / 1000] as [string, number]).sort((a, b) => b[1] - a[1]), floor: floor.perTable };
    const result: Result = { engine, engineKey, report, done: lines, seconds, floorSeconds: floor.seconds, writes, peakRss, maxRss, fileBytes, load, fkChecks, profile };
    writeSection(SECTION, render(result, file.generatedSeconds));
    console.log(`Résultats écrits dans docs/benchmarks.md (section « ${SECTION} »).`);
    return {
      engine: engineKey,
      lines,
      pipeline_seconds: round(seconds, 2),
      pipeline_lines_per_s: Math.round(lines / seconds),
      floor_seconds: round(floor.seconds, 2),
      floor_lines_per_s: Math.round(lines / floor.seconds),
      ratio: round(ratio, 3),
      peak_rss_mib: Math.round(Math.max(peakRss, maxRss) / 1024 ** 2),
      rows_written: floor.rows,
      accepted: report.accepted,
      duplicates: report.duplicates,
      rejected: report.rejected,
      quarantined: report.quarantined,
      out_of_scope: report.outOfScope ?? 0,
      fk_checks: fkChecks,
      load_1min: [round(load[0], 2), round(loadPeak, 2), round(load[1], 2)],
    };
  } finally {
    await database.close();
  }
}

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;
const verdict = (ok: boolean) => (ok ? '✅' : '❌');

function row(r: Result): string {
  const lps = r.done / r.seconds;
  const floorLps = r.floorSeconds === null ? null : lines / r.floorSeconds;
  const ratio = r.floorSeconds === null ? null : r.floorSeconds / r.seconds;
  const peak = Math.max(r.peakRss, r.maxRss);
  const o = r.report;
  const counts = o ? `${fmt(o.accepted)} / ${fmt(o.duplicates)} / ${fmt(o.rejected)} / ${fmt(o.quarantined)} / ${fmt(o.outOfScope ?? 0)}` : 'run in progress';
  return (
    `| ${r.engineKey === 'pglite' ? 'Embedded (PGlite)' : 'PostgreSQL server'} | ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC | ${r.engine} | ` +
    `${r.done === lines ? fmt(lines) : `${fmt(r.done)} of ${fmt(lines)} (partial: run not finished when written)`} | ` +
    `${r.seconds.toFixed(1)} | ${fmt(lps)} | ${r.floorSeconds === null ? '—' : r.floorSeconds.toFixed(1)} | ${floorLps === null ? '—' : fmt(floorLps)} | ` +
    `${ratio === null ? '—' : `**${ratio.toFixed(2)}** ${verdict(ratio >= TARGET_RATIO)}`} | ${r.fkChecks} | ` +
    `${mib(r.peakRss)} / ${mib(r.maxRss)} ${verdict(peak <= TARGET_RSS)} | ${counts} | ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)} (max ${loadPeak.toFixed(1)}) |`
  );
}

/** What one accepted line costs in rows and index entries, table by table (measured on the finished run). */
function writesTable(r: Result, previous: string): string[] {
  const kept = /<!-- ingest-writes:start -->\n([\s\S]*?)<!-- ingest-writes:end -->\n/.exec(previous)?.[1]?.trimEnd().split('\n') ?? [];
  if (!r.writes || !r.report) return kept.length ? ['<!-- ingest-writes:start -->', ...kept, '<!-- ingest-writes:end -->', ''] : [];
  const accepted = Math.max(r.report.accepted, 1);
  const per = (n: number) => (n / accepted).toFixed(2);
  const rows = r.writes.reduce((a, w) => a + w.rows, 0);
  const entries = r.writes.reduce((a, w) => a + w.rows * w.indexes, 0);
  return [
    '<!-- ingest-writes:start -->',
    `What the pipeline wrote (and the floor inserts) for the ${fmt(r.report.accepted)} accepted lines of the last finished run (${r.engineKey === 'pglite' ? 'PGlite' : 'server'}; the same statements on both engines):`,
    '',
    '| Table | Rows written | Per accepted line | Indexes (key included) | Index entries per accepted line |',
    '|---|---:|---:|---:|---:|',
    ...r.writes.map((w) => `| ${w.table} | ${fmt(w.rows)} | ${per(w.rows)} | ${w.indexes} | ${per(w.rows * w.indexes)} |`),
    `| **total** | ${fmt(rows)} | ${per(rows)} | | ${per(entries)} |`,
    '<!-- ingest-writes:end -->',
    '',
  ];
}

/** Where each engine's last finished run spent its time: the pipeline's steps beside the floor's tables. */
function profileBlock(r: Result, previous: string): string[] {
  const out: string[] = [];
  for (const key of ['pglite', 'server'] as const) {
    const mark = `<!-- ingest-profile:${key} -->`;
    if (key !== r.engineKey || !r.profile) {
      const kept = new RegExp(`${mark}\\n([\\s\\S]*?)<!-- ingest-profile:end -->\\n`).exec(previous)?.[1];
      if (kept) out.push(mark, kept.trimEnd(), '<!-- ingest-profile:end -->', '');
      continue;
    }
    const p = r.profile;
    const total = r.seconds;
    // Sub-steps of the rules are shown under their parent; the rest of the time is reading, parsing and validating.
    const top = p.steps.filter(([k]) => !k.startsWith('rules.'));
    const accounted = top.reduce((a, [, v]) => a + v, 0);
    const floorTotal = p.floor.reduce((a, x) => a + x.seconds, 0);
    out.push(
      mark,
      `Where the time went — ${key === 'pglite' ? 'PGlite' : 'server'}, ${fmt(lines)} lines: the pipeline's steps summed over its chunks (\`src/ingest/arrets/pipeline.ts\`, \`MAINTIEN_TIMING=1\` prints them), beside the floor's insert per table.`,
      '',
      '| Pipeline step | s | share | | Floor table | s |',
      '|---|---:|---:|---|---|---:|',
    );
    const rows = [
      ...top.map(([k, v]) => [k, v] as [string, number]),
      ['reading, parsing, validating, commits (the rest)', Math.max(0, total - accounted)] as [string, number],
    ];
    const rules = p.steps.filter(([k]) => k.startsWith('rules.'));
    const n = Math.max(rows.length + rules.length, p.floor.length);
    const left = [...rows.flatMap(([k, v]) => (k === 'applyArretRules' ? [[k, v] as [string, number], ...rules.map(([rk, rv]) => [`  ↳ ${rk}`, rv] as [string, number])] : [[k, v] as [string, number]]))];
    const floor = [...p.floor].sort((a, b) => b.seconds - a.seconds);
    for (let i = 0; i < n; i++) {
      const l = left[i];
      const f = floor[i];
      out.push(`| ${l ? l[0] : ''} | ${l ? l[1].toFixed(1) : ''} | ${l ? `${((100 * l[1]) / total).toFixed(0)} %` : ''} | | ${f ? f.table : ''} | ${f ? f.seconds.toFixed(1) : ''} |`);
    }
    out.push(`| **pipeline** | **${total.toFixed(1)}** | | | **floor** | **${floorTotal.toFixed(1)}** |`, '<!-- ingest-profile:end -->', '');
  }
  return out;
}

/** The section keeps the other engine's last row: each run replaces only its own. */
function render(r: Result, generatedSeconds: number | null): string {
  const previous = readSection(SECTION) ?? '';
  const keep = (key: string) => new RegExp(`<!-- ingest-row:${key} -->\\n(\\|.*\\|)`).exec(previous)?.[1];
  const rows = (['pglite', 'server'] as const).map((key) => {
    const text = key === r.engineKey ? row(r) : (keep(key) ?? `| ${key === 'pglite' ? 'Embedded (PGlite)' : 'PostgreSQL server'} | not measured yet | | | | | | | | | | | |`);
    return `<!-- ingest-row:${key} -->\n${text}`;
  });
  return [
    `<!-- bench:${SECTION}:start -->`,
    '## AM flux ingestion (`ingestArrets`) against its write floor',
    '',
    `Measured by \`maintien bench ingest --lines ${lines}\` (= \`BENCH=ingest BENCH_FLUX_LINES=${lines} npm run bench\`, \`bench/ingest.ts\`; with \`DATABASE_URL=postgres://…/maintien_bench\` for the server row). Each engine's row is replaced by its own run.`,
    '',
    '| | |',
    '|---|---|',
    `| Machine | ${machineDescription()} |`,
    `| Runtime | Node.js ${process.version} |`,
    `| File | ${fmt(lines)} lines, ${mib(r.fileBytes)} CSV from the generator of \`maintien gen arrets --tenant bench-flux --lines ${lines} --seed 1 --date ${FILE_DATE}\` (about 3 % wrong lines, 0.3 % diverging identities, 5 % without SIRET)${generatedSeconds ? `, generated in ${generatedSeconds.toFixed(1)} s` : ''} |`,
    '| Database | fresh, migrated, demo service seeded (1 500 workers, its companies members): nearly every line is about a new person of a member company (worker, arrêt, signal, triage item « À qualifier » and its task) |',
    `| Targets | pipeline ≥ ${TARGET_RATIO} × its write floor, peak RSS ≤ 1.5 GiB (issue 14) |`,
    '',
    '| Engine | Measured | Version | Lines | Pipeline (s) | Pipeline lines/s | Floor (s) | Floor lines/s | Ratio pipeline ÷ floor | FK checks | Peak RSS (sampled / maxRSS) | Accepted / duplicates / rejected / quarantined / out of scope | Load (1 min, start → end) |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '- *Pipeline*: `ingestArrets` as `maintien ingest arrets` runs it — streaming read, per-line validation, then per chunk',
    '  one transaction: staging load, set-based statements (duplicates, conflicts, scope, identities, quarantine, workers,',
    '  arrêts, triage, messages, signals, timeline), the intake rules, the checkpoint. Wall time from the first byte read to the last commit.',
    '- *Write floor*: exactly the rows the pipeline wrote (every row it inserted, in every table; the table below),',
    '  inserted into empty copies of those tables with the same indexes and constraints (`LIKE … INCLUDING ALL` and the',
    '  same foreign keys), in one transaction, from tables holding the rows ready. Same engine, same run, right after the',
    '  pipeline. *FK checks*: on the embedded engine the pipeline\'s chunks skip the per-row foreign-key checks (every key',
    '  they write was read or written in the same transaction; `bulk-session.repository.ts`) and the floor\'s transaction',
    '  skips them likewise; on the server both check them. Ratio = pipeline lines/s ÷ floor lines/s = floor time ÷ pipeline time.',
    ...writesTable(r, previous),
    ...profileBlock(r, previous),
    '- Peak RSS: the process (Node.js + embedded engine for PGlite), sampled every 100 ms during the pipeline, and the OS',
    '  `maxRSS` read right after it (seeding included).',
    `<!-- bench:${SECTION}:end -->`,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runIngestBench();
