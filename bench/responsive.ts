/**
 * `BENCH=responsive npm run bench` (issue 14 item 4): does the API keep answering while a flux
 * imports on the embedded engine? In one run, on a fresh PGlite database with the demo service:
 *
 *   1. idle: the dossier list (`listDossiers`, the service's worklist, page 1 × 25 by due date)
 *      and the case page (`readDossier`, audit write included), each called as the API does, by a
 *      médecin du travail, with a random think time between calls — p50 / p95 of each;
 *   2. the same calls, the same way, while a flux of BENCH_RESPONSIVE_LINES generated lines
 *      (default 100,000; about the demo service's companies and workers) is imported as the job
 *      `flux.import` by a runner loop in this process, exactly as `maintien serve` runs it;
 *   3. the ratio during / idle of each p95 (target ≤ 5), the import's pace, the chunks it took,
 *      and the machine's load average — written in docs/benchmarks.md (section « responsiveness »).
 *
 * Environment: BENCH_RESPONSIVE_LINES, BENCH_RESPONSIVE_IDLE (idle calls per query, default 200),
 * BENCH_RESPONSIVE_THINK_MS (upper bound of the random pause between calls, default 50),
 * MAINTIEN_FLUX_CHUNK_MS (the chunks' target duration). Always the embedded engine (the one
 * whose single connection a long transaction would hold).
 */
import os from 'node:os';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/db/connection';
import { migrate } from '../src/db/migrate';
import * as fluxAdmin from '../src/db/repositories/flux-admin.repository';
import { inTenant } from '../src/db/tenant-tx';
import type { Principal } from '../src/domain/access/policy';
import { mulberry32 } from '../src/domain/random/prng';
import { generateArretStream } from '../src/demo/arrets-generator';
import { seedDemo } from '../src/demo/seed-demo';
import { withCtx } from '../src/services/context';
import { listDossiers } from '../src/services/dossier/dossier-lister';
import { readDossier } from '../src/services/dossier/dossier-reader';
import { checkFluxFile, fluxParams, scanFluxFile, startFluxImport } from '../src/services/intake/flux-batch-job';
import { DEFAULT_CHUNK_MS, fluxCliPrincipal } from '../src/services/intake/flux-ingester';
import { JobRunner } from '../src/services/jobs/job-runner';
import { machineDescription, writeSection } from './report';

const SECTION = 'responsiveness';
const TARGET_RATIO = 5;
const DATA = fileURLToPath(new URL('./.data/', import.meta.url));

const positive = (name: string, def: number) => {
  const v = process.env[name];
  const n = v ? Number(v) : def;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} doit être un entier positif.`);
  return n;
};

const rank = (samples: number[], p: number) => {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const summary = (samples: number[]) => ({ n: samples.length, p50: rank(samples, 50), p95: rank(samples, 95), max: Math.max(...samples) });
type Summary = ReturnType<typeof summary>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runResponsivenessBench(): Promise<void> {
  const lines = positive('BENCH_RESPONSIVE_LINES', 100_000);
  const idleCalls = positive('BENCH_RESPONSIVE_IDLE', 200);
  const thinkMs = positive('BENCH_RESPONSIVE_THINK_MS', 50);
  const chunkMs = Number(process.env.MAINTIEN_FLUX_CHUNK_MS) || DEFAULT_CHUNK_MS;
  if (process.env.MAINTIEN_FLUX_CHUNK) throw new Error('MAINTIEN_FLUX_CHUNK fixe la taille des lots : retirez-le, ce banc mesure les lots dimensionnés par le temps.');
  mkdirSync(DATA, { recursive: true });
  const dir = `${DATA}responsive-pglite`;
  rmSync(dir, { recursive: true, force: true });
  const uploads = `${DATA}responsive-uploads`;
  process.env.MAINTIEN_UPLOAD_DIR = uploads;

  const database = await openDatabase({ dataDir: dir, databaseUrl: '' });
  const progress: Array<{ at: number; done: number }> = [];
  const runner = new JobRunner(database, { pollMs: 200, onProgress: (p) => progress.push({ at: performance.now(), done: p.done }) });
  try {
    await migrate(database);
    const { tenantId } = await seedDemo(database, { slug: 'demo', now: new Date(), modules: false });
    const ids = await inTenant(database.db, tenantId, async (trx) => {
      const org = await trx.selectFrom('organisation').select('id').where('tenant_id', '=', tenantId).where('kind', '=', 'spsti').executeTakeFirstOrThrow();
      const doctors = await trx
        .selectFrom('membership')
        .select('user_id')
        .where('tenant_id', '=', tenantId)
        .where('role', '=', 'medecin_travail')
        .execute();
      const dossiers = await trx.selectFrom('dossier').select('id').where('tenant_id', '=', tenantId).limit(500).execute();
      const pool = await fluxAdmin.findGeneratorPool(trx, tenantId, 2000);
      return { org: org.id, doctors: doctors.map((d) => d.user_id), dossiers: dossiers.map((d) => d.id), pool };
    });
    if (ids.doctors.length === 0 || ids.dossiers.length === 0) throw new Error('Service de démonstration sans médecin ou sans dossier.');
    const doctor: Principal = {
      kind: 'user',
      tenantId,
      userId: ids.doctors[0],
      tokenId: null,
      role: 'medecin_travail',
      scopes: [],
      organisationId: ids.org,
      organisationKind: 'spsti',
      companyId: null,
      workerId: null,
      label: 'Banc réactivité',
    };
    const rng = mulberry32(77);
    const list = () => withCtx(database, doctor, (ctx) => listDossiers(ctx, { scope: 'service', page: 1, pageSize: 25, sort: 'due', order: 'asc' }));
    const casePage = () => withCtx(database, doctor, (ctx) => readDossier(ctx, ids.dossiers[Math.floor(rng.next() * ids.dossiers.length)]));
    // A call is due after a random pause; its latency runs from when it was due, not from when the
    // event loop got round to sending it: on PGlite a query of the import runs synchronously
    // (WebAssembly) and blocks the loop, as it would block an HTTP request arriving meanwhile.
    let due = performance.now();
    const pause = async () => {
      due = performance.now() + rng.next() * thinkMs;
      await sleep(Math.max(0, due - performance.now()));
    };
    const timed = async (fn: () => Promise<unknown>) => {
      await fn();
      return performance.now() - due;
    };

    // The flux: generated about the demo service's companies and workers.
    const path = `${DATA}responsive-arrets-${lines}.csv`;
    let t = performance.now();
    await pipeline(generateArretStream({ lines, seed: 14, emetteur: 'CPAM-593', pool: ids.pool }), createWriteStream(path));
    console.log(`Flux généré : ${lines.toLocaleString('fr-FR')} lignes en ${((performance.now() - t) / 1000).toFixed(1)} s.`);

    // 1. Idle.
    for (let i = 0; i < 20; i++) await Promise.all([list(), casePage()]).catch(() => undefined);
    const idle = { list: [] as number[], case: [] as number[] };
    for (let i = 0; i < idleCalls; i++) {
      await pause();
      idle.list.push(await timed(list));
      await pause();
      idle.case.push(await timed(casePage));
    }
    const idleList = summary(idle.list);
    const idleCase = summary(idle.case);
    console.log(`Au repos : liste p95 ${idleList.p95.toFixed(1)} ms, page dossier p95 ${idleCase.p95.toFixed(1)} ms (${idleCalls} appels chacune).`);

    // 2. During the import, run as the server runs it.
    const load = { start: os.loadavg()[0], peak: os.loadavg()[0] };
    const loadTimer = setInterval(() => (load.peak = Math.max(load.peak, os.loadavg()[0])), 1000);
    const scanned = await scanFluxFile(path);
    await checkFluxFile(path, 'csv');
    const params = fluxParams(scanned, { stored: false, fileName: `responsive-${lines}.csv`, format: 'csv', reportLimit: 100 });
    t = performance.now();
    const job = await startFluxImport(database, fluxCliPrincipal(tenantId, ids.org), params);
    runner.start();
    const during = { list: [] as number[], case: [] as number[] };
    let state = 'en_attente';
    let lastCheck = 0;
    while (state === 'en_attente' || state === 'en_cours') {
      await pause();
      during.list.push(await timed(list));
      await pause();
      during.case.push(await timed(casePage));
      if (performance.now() - lastCheck > 1000) {
        lastCheck = performance.now();
        const row = await database.db.selectFrom('job').select(['state', 'done']).where('id', '=', job.id).executeTakeFirstOrThrow();
        state = row.state;
        if (during.list.length % 50 === 0) console.log(`… ${row.done.toLocaleString('fr-FR')} lignes importées ; liste p95 ${rank(during.list, 95).toFixed(1)} ms`);
      }
    }
    const seconds = (performance.now() - t) / 1000;
    await runner.stop();
    clearInterval(loadTimer);
    load.peak = Math.max(load.peak, os.loadavg()[0]);
    const end = await database.db.selectFrom('job').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    if (end.state !== 'termine') throw new Error(`L'import a fini « ${end.state} » : ${end.error_message ?? ''}`);
    const chunks = progress.length;
    const duringList = summary(during.list);
    const duringCase = summary(during.case);
    const result = {
      lines,
      seconds,
      chunks,
      chunkMs,
      thinkMs,
      idleList,
      idleCase,
      duringList,
      duringCase,
      ratioList: duringList.p95 / idleList.p95,
      ratioCase: duringCase.p95 / idleCase.p95,
      load,
      counts: end.counts as Record<string, number>,
    };
    console.log(
      `Pendant l'import (${seconds.toFixed(0)} s, ${Math.round(lines / seconds)} lignes/s, ${chunks} lots) : liste p95 ${duringList.p95.toFixed(1)} ms (× ${result.ratioList.toFixed(2)}), page dossier p95 ${duringCase.p95.toFixed(1)} ms (× ${result.ratioCase.toFixed(2)}) ; charge ${load.start.toFixed(1)} → max ${load.peak.toFixed(1)}.`,
    );
    console.log(JSON.stringify({ bench: SECTION, lines, ratio_list: round2(result.ratioList), ratio_case: round2(result.ratioCase), idle_p95_ms: { list: round2(idleList.p95), case: round2(idleCase.p95) }, during_p95_ms: { list: round2(duringList.p95), case: round2(duringCase.p95) }, import_lines_per_s: Math.round(lines / seconds), load_avg_peak: round2(load.peak) }));
    writeSection(SECTION, render(result));
    console.log(`Résultats écrits dans docs/benchmarks.md (section « ${SECTION} »).`);
  } finally {
    await runner.stop();
    await database.close();
    rmSync(uploads, { recursive: true, force: true });
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const ms = (x: number) => x.toFixed(1);

function render(r: {
  lines: number;
  seconds: number;
  chunks: number;
  chunkMs: number;
  thinkMs: number;
  idleList: Summary;
  idleCase: Summary;
  duringList: Summary;
  duringCase: Summary;
  ratioList: number;
  ratioCase: number;
  load: { start: number; peak: number };
  counts: Record<string, number>;
}): string {
  const verdict = (x: number) => (x <= TARGET_RATIO ? `✅ ≤ ${TARGET_RATIO}` : `❌ > ${TARGET_RATIO}`);
  const row = (label: string, idle: Summary, during: Summary, ratio: number) =>
    `| ${label} | ${idle.n} | ${ms(idle.p50)} | ${ms(idle.p95)} | ${during.n} | ${ms(during.p50)} | ${ms(during.p95)} | ${ms(during.max)} | **${ratio.toFixed(2)}** ${verdict(ratio)} |`;
  return [
    `<!-- bench:${SECTION}:start -->`,
    '## Responsiveness during a flux import (embedded engine)',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`BENCH=responsive npm run bench\` (\`bench/responsive.ts\`).`,
    '',
    '| | |',
    '|---|---|',
    `| Machine | ${machineDescription()} |`,
    `| Load average (1 min) | ${r.load.start.toFixed(1)} at the start of the import, at most ${r.load.peak.toFixed(1)} during it |`,
    `| Runtime | Node.js ${process.version}, PGlite (one connection), fresh database with the demo service |`,
    `| Import | ${r.lines.toLocaleString('en')} generated lines (about the demo's companies and workers), job \`flux.import\` run by a runner loop in the same process as the calls; ${r.seconds.toFixed(0)} s, ${Math.round(r.lines / r.seconds).toLocaleString('en')} lines/s, ${r.chunks.toLocaleString('en')} chunks (sized by time, target ${r.chunkMs} ms each; the event loop runs between chunks) |`,
    `| Calls | a médecin du travail, one call at a time, each due after a random pause of 0–${r.thinkMs} ms; latency measured from when the call was due (a call delayed because the import's query blocked the event loop counts that delay); the same before (idle) and during the import |`,
    '',
    '| Query | idle n | idle p50 (ms) | idle p95 (ms) | during n | during p50 (ms) | during p95 (ms) | during max (ms) | p95 during / idle (target ≤ 5) |',
    '|---|---|---|---|---|---|---|---|---|',
    row('Dossier list — `listDossiers` (service, page 1 × 25, by due date)', r.idleList, r.duringList, r.ratioList),
    row('Case page — `readDossier` (audit included)', r.idleCase, r.duringCase, r.ratioCase),
    '',
    `Import outcome: ${Object.entries(r.counts).map(([k, v]) => `${k} ${Number(v).toLocaleString('en')}`).join(', ')}.`,
    `<!-- bench:${SECTION}:end -->`,
  ].join('\n');
}
