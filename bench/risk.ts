/**
 * `BENCH=risk npm run bench`: the suggested risk level of every worker of a 1,000,000-worker tenant
 * (`scoreAll`, the code of `maintien risk score-all`), on PGlite unless DATABASE_URL is set.
 *
 * Data: its own PGlite directory (bench/.data/risk-pglite, BENCH_RISK_DATA_DIR to change), built
 * once with set-based SQL: BENCH_RISK_WORKERS workers (default 1,000,000), ~45 % with 1–3 arrêts,
 * ~30 % with a health profile, ~5 % with a WAI. Reused when the sizes match (table bench_risk_build).
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/connection';
import { migrate } from '../src/db/migrate';
import { scoreAll } from '../src/services/risk/assessment/score-all';
import { engineDescription, machineDescription, writeSection } from './report';

const VERSION = 1;
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
  for (let from = 1; from <= workers; from += step) {
    const to = Math.min(workers, from + step - 1);
    await database.db.transaction().execute(async (trx) => {
      await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(trx);
      await sql`insert into worker (tenant_id, id, birth_name, first_names, birth_date, sex)
        select ${tenantId}, md5('w' || g)::uuid, 'NOM' || g, 'Prénom', date '1960-01-01' + (g * 7919 % 15000), 1 + g % 2
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
    const counts = (await sql<{ a: number; p: number; q: number }>`select (select count(*)::int from arret where tenant_id = ${tenantId}) a,
      (select count(*)::int from worker_health_profile where tenant_id = ${tenantId}) p, (select count(*)::int from questionnaire_response where tenant_id = ${tenantId}) q`.execute(database.db)).rows[0];
    const r = await scoreAll(database, tenantId, { onChunk: (d) => d % 100_000 === 0 && console.log(`  scoré : ${d.toLocaleString('fr-FR')}`) });
    const perS = Math.round(r.workers / (r.ms / 1000));
    console.log(`  ${r.workers} salariés en ${(r.ms / 1000).toFixed(1)} s : ${perS} salariés/s (cible ${TARGET_PER_S})`);
    const section = [
      '<!-- bench:risk:start -->',
      '## Risk index: scoring a whole tenant (`BENCH=risk`)',
      '',
      `Machine: ${machineDescription()}. Engine: ${await engineDescription(database)}.`,
      '',
      `Data: ${r.workers.toLocaleString('en')} workers, ${counts.a.toLocaleString('en')} arrêts, ${counts.p.toLocaleString('en')} health profiles, ${counts.q.toLocaleString('en')} complete WAI (bench/risk.ts).`,
      'What runs: `scoreAll` (src/services/risk/assessment/score-all.ts; the `maintien risk score-all` command is not wired yet): chunks of 10,000 worker ids, one statement reading the chunk\'s facts (aggregated arrêts, profile, latest questionnaires), the suggestion computed by `suggestLevelFast` (property-tested equal to the worker page\'s `suggestLevel`), one `insert … select from unnest(…) on conflict` into `risk_score`.',
      '',
      '| Workers | Time | Workers/s | Target | Level 0 | Level 1 | Level 2 | Level 3 |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|',
      `| ${r.workers.toLocaleString('en')} | ${(r.ms / 1000).toFixed(1)} s | ${perS.toLocaleString('en')} | ${TARGET_PER_S.toLocaleString('en')} ${perS >= TARGET_PER_S ? '✔' : '✘'} | ${r.byLevel.join(' | ')} |`,
      '<!-- bench:risk:end -->',
    ].join('\n');
    writeSection('risk', section);
  } finally {
    await database.close();
  }
}
