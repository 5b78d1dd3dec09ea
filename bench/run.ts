/**
 * `npm run bench`: the two queries a professional waits for most often, measured through the
 * application's services on a synthetic tenant at national-SPSTI scale (bench/synthetic-tenant.ts):
 *   - the worklist « Mes dossiers » (listDossiers, scope mine, page 1 of 25, by due date);
 *   - the case page (readDossier), audit write included.
 * Each is also replayed as raw SQL (the read statements the service sent, without Kysely, the
 * JS mapping or the audit write), to tell the database's share from the application's.
 *
 * Results replace this benchmark's section of docs/benchmarks.md. Environment: DATABASE_URL
 * (server engine), BENCH_ITERATIONS (default 300), BENCH_WARMUP (default 20), BENCH_WORKERS…
 * (sizes, see synthetic-tenant.ts), BENCH_DATA_DIR (PGlite directory).
 */
import pg from 'pg';
import type { Database } from '../src/db/connection';
import type { Principal } from '../src/domain/access/policy';
import { vacuumAnalyze } from '../src/db/maintenance';
import { withCtx } from '../src/services/context';
import { engineDescription, machineDescription, writeSection } from './report';
import { mulberry32 } from '../src/domain/random/prng';
import { listDossiers } from '../src/services/dossier/dossier-lister';
import { readDossier } from '../src/services/dossier/dossier-reader';
import { benchIds, describeSizes, prepareBenchDatabase, staffRole, type PreparedBench } from './synthetic-tenant';

const SECTION = 'dossier-queries';
const TARGET_P95_MS = 20;

const positive = (name: string, def: number) => {
  const v = process.env[name];
  const n = v ? Number(v) : def;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} doit être un entier positif.`);
  return n;
};

interface Stats {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  return { n: s.length, mean: s.reduce((a, b) => a + b, 0) / s.length, p50: rank(50), p95: rank(95), p99: rank(99), min: s[0], max: s[s.length - 1] };
}

interface Statement {
  sql: string;
  params: readonly unknown[];
}

/**
 * Runs `fn` and records the SQL statements it sends (PGlite: the instance's `query`; server:
 * pg's Client.query), so that they can be replayed alone.
 */
async function captureStatements<T>(database: Database, fn: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
  const statements: Statement[] = [];
  if (database.pglite) {
    const pgl = database.pglite as unknown as { query: (sql: string, params?: unknown[], opts?: unknown) => Promise<unknown> };
    const original = pgl.query;
    pgl.query = function (this: unknown, sql: string, params?: unknown[], opts?: unknown) {
      statements.push({ sql, params: params ?? [] });
      return original.call(this, sql, params, opts);
    };
    try {
      return { result: await fn(), statements };
    } finally {
      pgl.query = original;
    }
  }
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    if (typeof args[0] === 'string') statements.push({ sql: args[0], params: (args[1] as unknown[]) ?? [] });
    return original.apply(this, args);
  };
  try {
    return { result: await fn(), statements };
  } finally {
    proto.query = original;
  }
}

/** The statements worth replaying: the transaction's settings and its reads (no audit write). */
const replayable = (statements: Statement[]) =>
  statements.filter((s) => /^\s*(select|set)\b/i.test(s.sql) && !/\bfor update\b/i.test(s.sql) && !/"?audit_(event|head)"?/i.test(s.sql));

/** Replays statements in one transaction (rolled back) and returns the elapsed milliseconds. */
async function replay(database: Database, statements: Statement[]): Promise<number> {
  if (database.pglite) {
    const pgl = database.pglite;
    const t = performance.now();
    await pgl.query('begin');
    try {
      for (const s of statements) await pgl.query(s.sql, s.params as unknown[]);
    } finally {
      await pgl.query('rollback');
    }
    return performance.now() - t;
  }
  const client = await database.pool!.connect();
  try {
    const t = performance.now();
    await client.query('begin');
    try {
      for (const s of statements) await client.query(s.sql, s.params as unknown[]);
    } finally {
      await client.query('rollback');
    }
    return performance.now() - t;
  } finally {
    client.release();
  }
}

interface Measure {
  label: string;
  path: 'service' | 'SQL only';
  stats: Stats;
  statementsPerCall: number;
}

async function main() {
  const iterations = positive('BENCH_ITERATIONS', 300);
  const warmup = positive('BENCH_WARMUP', 20);
  const prepared = await prepareBenchDatabase();
  const { database, tenantId, spstiOrganisationId, sizes } = prepared;
  try {
    // What `maintien serve` does at start-up on the embedded engine (no autovacuum there).
    if (database.engine === 'pglite') console.log(`VACUUM (ANALYZE) : ${((await vacuumAnalyze(database)) / 1000).toFixed(1)} s.`);
    const rng = mulberry32(4242);
    const doctors = Array.from({ length: sizes.staff }, (_, k) => k).filter((k) => staffRole(k) === 'medecin_travail');
    const principalOf = (k: number): Principal => ({
      kind: 'user',
      tenantId,
      userId: benchIds.user(tenantId, k),
      tokenId: null,
      role: 'medecin_travail',
      scopes: [],
      organisationId: spstiOrganisationId,
      organisationKind: 'spsti',
      companyId: null,
      workerId: null,
      label: `Professionnel ${k}`,
    });
    const randomDoctor = () => principalOf(doctors[Math.floor(rng.next() * doctors.length)]);
    const randomDossier = () => benchIds.dossier(tenantId, 1 + Math.floor(rng.next() * sizes.dossiers));

    const worklist = async (p: Principal) => {
      const r = await withCtx(database, p, (ctx) => listDossiers(ctx, { scope: 'mine', page: 1, pageSize: 25, sort: 'due', order: 'asc' }));
      if (r.items.length === 0) throw new Error(`Liste de travail vide pour ${p.label} : service synthétique incohérent.`);
      return r;
    };
    const casePage = async (p: Principal, id: string) => {
      const r = await withCtx(database, p, (ctx) => readDossier(ctx, id));
      if (r.timeline.length === 0) throw new Error(`Dossier ${id} sans chronologie : service synthétique incohérent.`);
      return r;
    };

    const load = await database.withSession((exec) =>
      exec(`select min(n)::int as min, round(avg(n))::int as avg, max(n)::int as max
              from (select user_id, count(*) as n from dossier_assignment where tenant_id = '${tenantId}' group by user_id) x`),
    );
    const perUser = load[0] as { min: number; avg: number; max: number };
    const sample = await worklist(randomDoctor());
    console.log(`Dossiers par professionnel : ${perUser.min} à ${perUser.max} (moyenne ${perUser.avg}) ; exemple de liste : ${sample.total} dossiers, ${sample.overdueCount} en retard.`);

    const measures: Measure[] = [];
    const time = async (label: string, call: () => Promise<unknown>) => {
      for (let i = 0; i < warmup; i++) await call();
      const samples: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const t = performance.now();
        await call();
        samples.push(performance.now() - t);
      }
      const s = stats(samples);
      console.log(`${label.padEnd(34)} p50 ${s.p50.toFixed(2)} ms  p95 ${s.p95.toFixed(2)} ms  p99 ${s.p99.toFixed(2)} ms  moyenne ${s.mean.toFixed(2)} ms`);
      return s;
    };
    const timeReplay = async (label: string, call: () => Promise<unknown>) => {
      let statementsPerCall = 0;
      let servicePerCall = 0;
      const once = async () => {
        const { statements } = await captureStatements(database, call);
        servicePerCall = statements.filter((s) => !/^\s*(begin|commit|rollback)\b/i.test(s.sql)).length;
        const reads = replayable(statements);
        statementsPerCall = reads.length;
        return replay(database, reads);
      };
      for (let i = 0; i < warmup; i++) await once();
      const samples: number[] = [];
      for (let i = 0; i < iterations; i++) samples.push(await once());
      const s = stats(samples);
      console.log(`${label.padEnd(34)} p50 ${s.p50.toFixed(2)} ms  p95 ${s.p95.toFixed(2)} ms  p99 ${s.p99.toFixed(2)} ms  moyenne ${s.mean.toFixed(2)} ms  (${statementsPerCall} requêtes rejouées sur ${servicePerCall})`);
      return { s, statementsPerCall, servicePerCall };
    };

    console.log(`\nMesures : ${warmup} itérations de chauffe, puis ${iterations} par requête.`);
    const wl = await time('Liste « Mes dossiers » (service)', () => worklist(randomDoctor()));
    const wlSql = await timeReplay('Liste « Mes dossiers » (SQL seul)', () => worklist(randomDoctor()));
    const cp = await time('Page dossier (service)', () => casePage(randomDoctor(), randomDossier()));
    const cpSql = await timeReplay('Page dossier (SQL seul)', () => casePage(randomDoctor(), randomDossier()));
    measures.push(
      { label: 'Worklist « Mes dossiers » — `listDossiers` (scope mine, page 1 × 25, by due date)', path: 'service', stats: wl, statementsPerCall: wlSql.servicePerCall },
      { label: 'Worklist « Mes dossiers »', path: 'SQL only', stats: wlSql.s, statementsPerCall: wlSql.statementsPerCall },
      { label: 'Case page — `readDossier` (médecin du travail, audit included)', path: 'service', stats: cp, statementsPerCall: cpSql.servicePerCall },
      { label: 'Case page', path: 'SQL only', stats: cpSql.s, statementsPerCall: cpSql.statementsPerCall },
    );

    const engine = await engineDescription(database);
    writeSection(SECTION, renderSection({ prepared, measures, engine, perUser, iterations, warmup }));
    console.log(`\nRésultats écrits dans docs/benchmarks.md (section « ${SECTION} »).`);
  } finally {
    await database.close();
  }
}

const ms = (x: number) => x.toFixed(2);

function renderSection(r: {
  prepared: PreparedBench;
  measures: Measure[];
  engine: string;
  perUser: { min: number; avg: number; max: number };
  iterations: number;
  warmup: number;
}): string {
  const now = new Date();
  const built = r.prepared.built
    ? `built in this run in ${r.prepared.buildSeconds?.toFixed(0)} s`
    : `reused (built ${r.prepared.builtAt.toISOString().slice(0, 16).replace('T', ' ')} UTC${r.prepared.buildSeconds ? ` in ${r.prepared.buildSeconds.toFixed(0)} s` : ''})`;
  const rows = r.measures.map((m) => {
    const verdict = m.path === 'service' ? (m.stats.p95 <= TARGET_P95_MS ? '✅ met' : '❌ missed') : '';
    return `| ${m.label} | ${m.path} | ${m.statementsPerCall} | ${m.stats.n} | ${ms(m.stats.mean)} | ${ms(m.stats.p50)} | ${ms(m.stats.p95)} | ${ms(m.stats.p99)} | ${ms(m.stats.max)} | ${m.path === 'service' ? `≤ ${TARGET_P95_MS} ms ${verdict}` : ''} |`;
  });
  return [
    `<!-- bench:${SECTION}:start -->`,
    '## Dossier queries: worklist and case page',
    '',
    `Measured ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC by \`npm run bench\` (\`bench/run.ts\`).`,
    '',
    '| | |',
    '|---|---|',
    `| Machine | ${machineDescription()} |`,
    `| Runtime | Node.js ${process.version} |`,
    `| Engine | ${r.engine} |`,
    `| Data | synthetic tenant \`bench\`: ${describeSizes(r.prepared.sizes)}; ${r.perUser.min}–${r.perUser.max} dossiers per professional (mean ${r.perUser.avg}); ${built} |`,
    `| Method | ${r.warmup} warm-up calls, then ${r.iterations} timed calls per row; each call a random médecin du travail (among ${Math.ceil(r.prepared.sizes.staff / 3)}) and, for the case page, a random dossier; sequential, one at a time |`,
    '',
    '| Query | Path | SQL statements | n | mean (ms) | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | Target p95 |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '- *service*: the whole call as the API makes it — `withCtx` (transaction, `set local role`, tenant setting), the service, its',
    '  repositories, and for the case page the audit event of the read (hash-chained append) and the commit.',
    '- *SQL only*: the read statements the same call sent, captured and replayed on one connection in a rolled-back',
    '  transaction (no Kysely, no JS mapping, no audit write): the database\'s share of the time.',
    '- "SQL statements" counts the statements of one call (service) or those replayed (SQL only).',
    `<!-- bench:${SECTION}:end -->`,
  ].join('\n');
}

// BENCH=dossiers|ingest|risk|responsive|all (default all): which benchmarks run.
const which = process.env.BENCH ?? 'all';
if (!['dossiers', 'ingest', 'risk', 'responsive', 'all'].includes(which)) throw new Error('BENCH doit valoir dossiers, ingest, risk, responsive ou all.');
if (which === 'dossiers' || which === 'all') await main();
let ingest: unknown = null;
if (which === 'ingest' || which === 'all') ingest = await (await import('./ingest')).runIngestBench();
if (which === 'risk' || which === 'all') await (await import('./risk')).runRiskBench();
if (which === 'responsive' || which === 'all') await (await import('./responsive')).runResponsivenessBench();
// `maintien bench ingest`: its last line is one JSON object (lines, pipeline_lines_per_s, floor_lines_per_s, ratio, peak_rss_mib…).
if (which === 'ingest') console.log(JSON.stringify(ingest));
