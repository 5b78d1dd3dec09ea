/**
 * `BENCH=risk npm run bench`: the suggested risk level of every worker of a 1,000,000-worker tenant
 * (`scoreAll`, the code of `maintien risk score-all`), on PGlite unless DATABASE_URL is set.
 *
 * Data: its own PGlite directory (bench/.data/risk-pglite, BENCH_RISK_DATA_DIR to change), built
 * once with set-based SQL: BENCH_RISK_WORKERS workers (default 1,000,000), ~45 % with 1–3 arrêts,
 * ~30 % with a health profile, ~5 % with a WAI, 90 % employed (one company per 50 workers, a
 * third of the companies with a complete employer questionnaire). Reused when the sizes match (table bench_risk_build).
 */
import { rmSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/connection';
import { migrate } from '../src/db/migrate';
import { scoreAll, type ScoreAllResult } from '../src/services/risk/assessment/score-all';
import { engineDescription, machineDescription, writeSection } from './report';

const VERSION = 2;
const TARGET_PER_S = 20_000;

async function build(database: Database, workers: number): Promise<string> {
  const db = database.db;
  await sql`create table if not exists bench_risk_build (workers int, version int, tenant_id uuid)`.execute(db);
  const done = (await sql<{ workers: number; version: number; tenant_id: string }>`select * from bench_risk_build`.execute(db)).rows[0];
  if (done && done.workers === workers && done.version === VERSION) return done.tenant_id;
  if (done) throw new Error('Données de bench de taille différente : supprimez le dossier BENCH_RISK_DATA_DIR.');
  const tenantId = (await sql<{ id: string }>`insert into tenant (slug, name) values ('bench-risk', 'Bench indice de risque') returning id`.execute(db)).rows[0].id;
  const step = 100_000;
  const t0 = performance.now();
  const companies = Math.max(1, Math.ceil(workers / 50));
  await database.db.transaction().execute(async (trx) => {
    await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(trx);
    await sql`insert into company (tenant_id, id, siret, siren, name)
      select ${tenantId}, md5('c' || c)::uuid, lpad(c::text, 14, '0'), lpad(c::text, 9, '0'), 'Entreprise ' || c
      from generate_series(1, ${companies}::int) c`.execute(trx);
    await sql`insert into questionnaire_response (tenant_id, questionnaire, version, company_id, respondent, status, answers, score, category, completed_at)
      select ${tenantId}, 'employeur', 1, md5('c' || c)::uuid, 'employeur', 'complete', '{}'::jsonb, c * 37 % 101,
        (array['faible', 'modere', 'eleve', null])[1 + c % 4], now() - (c % 300) * interval '1 day'
      from generate_series(1, ${companies}::int) c where c % 3 = 0`.execute(trx);
  });
  for (let from = 1; from <= workers; from += step) {
    const to = Math.min(workers, from + step - 1);
    await database.db.transaction().execute(async (trx) => {
      await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(trx);
      await sql`insert into worker (tenant_id, id, birth_name, first_names, birth_date, sex)
        select ${tenantId}, md5('w' || g)::uuid, 'NOM' || g, 'Prénom', date '1960-01-01' + (g::bigint * 7919 % 15000)::int, 1 + g % 2
        from generate_series(${from}::int, ${to}::int) g`.execute(trx);
      await sql`insert into arret (tenant_id, worker_id, source, nature, start_date, expected_end_date, actual_end_date, ald)
        select ${tenantId}, md5('w' || g)::uuid, 'flux_am',
          (array['maladie','maladie','maladie','accident_travail','maladie_professionnelle'])[1 + (g * k) % 5],
          current_date - (g * 31 * k % 700), current_date - (g * 31 * k % 700) + (g * k % 250), null, (g * k) % 17 = 0
        from generate_series(${from}::int, ${to}::int) g cross join generate_series(1, 3) k
        where g % 20 < 9 and k <= 1 + g % 3`.execute(trx);
      await sql`insert into worker_health_profile (tenant_id, worker_id, csp, cim_chapters, exposures, ald)
        select ${tenantId}, md5('w' || g)::uuid, (array['ouvrier','employe','cadre','profession_intermediaire'])[1 + g % 4],
          case when g % 3 = 0 then array['M'] when g % 5 = 0 then array['F'] else '{}'::text[] end,
          case when g % 4 = 0 then array['port_charges','postures'] else '{}'::text[] end, g % 23 = 0
        from generate_series(${from}::int, ${to}::int) g where g % 10 < 3`.execute(trx);
      await sql`insert into questionnaire_response (tenant_id, questionnaire, version, worker_id, respondent, status, answers, score, category, completed_at)
        select ${tenantId}, 'wai', 1, md5('w' || g)::uuid, 'salarie', 'complete', '{}'::jsonb, 7 + g % 43, null, now()
        from generate_series(${from}::int, ${to}::int) g where g % 20 = 0`.execute(trx);
      await sql`insert into employment (tenant_id, worker_id, company_id, job_title, start_date, end_date)
        select ${tenantId}, md5('w' || g)::uuid, md5('c' || (1 + g * 7 % ${companies}::int))::uuid, 'Poste', date '2015-01-01' + g % 3000,
          case when g % 10 = 9 then date '2024-01-01' + g % 500 end
        from generate_series(${from}::int, ${to}::int) g where g % 50 <> 7`.execute(trx);
    });
    console.log(`  construction : ${to.toLocaleString('fr-FR')} salariés (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  await sql`analyze`.execute(db);
  await sql`insert into bench_risk_build values (${workers}, ${VERSION}, ${tenantId})`.execute(db);
  return tenantId;
}

export async function runRiskBench(): Promise<void> {
  const workers = Number(process.env.BENCH_RISK_WORKERS ?? 1_000_000);
  const url = process.env.DATABASE_URL;
  const dir = process.env.BENCH_RISK_DATA_DIR ?? fileURLToPath(new URL('./.data/risk-pglite', import.meta.url));
  if (process.env.BENCH_RISK_REBUILD === '1' && !url) rmSync(dir, { recursive: true, force: true });
  const database = await openDatabase(url ? { databaseUrl: url } : { dataDir: dir });
  try {
    await migrate(database);
    console.log(`Bench indice de risque : ${workers.toLocaleString('fr-FR')} salariés`);
    const tenantId = await build(database, workers);
    const counts = (await sql<{ a: number; p: number; q: number; e: number; c: number }>`select (select count(*)::int from arret where tenant_id = ${tenantId}) a,
      (select count(*)::int from worker_health_profile where tenant_id = ${tenantId}) p, (select count(*)::int from questionnaire_response where tenant_id = ${tenantId} and worker_id is not null) q,
      (select count(*)::int from employment where tenant_id = ${tenantId}) e, (select count(*)::int from company where tenant_id = ${tenantId}) c`.execute(database.db)).rows[0];
    // Run 1 on a tenant without suggestions (every row inserted), run 2 right after (every row
    // replaced): the first `score-all` of a service, then the nightly one.
    // The bench database holds this tenant only: TRUNCATE gives the table of a service never scored.
    await sql`truncate risk_score`.execute(database.db);
    const runs: { label: string; r: ScoreAllResult; perS: number }[] = [];
    for (const label of ['first run (rows inserted)', 're-run (rows replaced)']) {
      const loadStart = os.loadavg()[0];
      const r = await scoreAll(database, tenantId, { onChunk: (d) => d % 200_000 === 0 && console.log(`  ${label} : ${d.toLocaleString('fr-FR')}`) });
      const perS = Math.round(r.workers / (r.ms / 1000));
      console.log(`  ${label} : ${r.workers} salariés en ${(r.ms / 1000).toFixed(1)} s : ${perS} salariés/s (cible ${TARGET_PER_S}) ; charge ${loadStart.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`);
      runs.push({ label: `${label}, load ${loadStart.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`, r, perS });
    }
    const section = [
      '<!-- bench:risk:start -->',
      '## Risk index: scoring a whole tenant (`BENCH=risk`)',
      '',
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Machine: ${machineDescription()}. Engine: ${await engineDescription(database)}.`,
      '',
      `Data: ${runs[0].r.workers.toLocaleString('en')} workers, ${counts.a.toLocaleString('en')} arrêts, ${counts.p.toLocaleString('en')} health profiles, ${counts.q.toLocaleString('en')} complete WAI, ${counts.e.toLocaleString('en')} employments in ${counts.c.toLocaleString('en')} companies, a third of them with a complete employer questionnaire (bench/risk.ts).`,
      '',
      'What runs: `scoreAll` (src/services/risk/assessment/score-all.ts), the code of `maintien risk score-all`, in one transaction:',
      'one statement reads the facts of every worker of the tenant (packed arrêts, health profile, latest self-questionnaire,',
      'latest employer questionnaire of a current employer; hash joins, no per-worker lookup) through a cursor fetched by',
      '10,000 rows, each row packed in one text; each slice is scored in memory by `suggestLevelFast` (property-tested equal',
      'to the worker page\'s `suggestLevel`) and written by one `insert … select from unnest(…) on conflict do update` into',
      '`risk_score` (worker, probability, level; fillfactor 50: a re-run replaces rows in place), then one row in `risk_score_run`.',
      'On PGlite the transaction skips the per-row check of the tenant foreign key (bulk-session.repository.ts).',
      '`MAINTIEN_TIMING=1` (formerly `MAINTIEN_FLUX_DEBUG=1`) prints the time of each step.',
      '',
      '| Run | Workers | Time | Workers/s | Target | Level 0 | Level 1 | Level 2 | Level 3 |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...runs.map(({ label, r, perS }) =>
        `| ${label} | ${r.workers.toLocaleString('en')} | ${(r.ms / 1000).toFixed(1)} s | ${perS.toLocaleString('en')} | ${TARGET_PER_S.toLocaleString('en')} ${perS >= TARGET_PER_S ? '✔' : '✘'} | ${r.byLevel.join(' | ')} |`),
      '<!-- bench:risk:end -->',
    ].join('\n');
    writeSection('risk', section);
  } finally {
    await database.close();
  }
}
