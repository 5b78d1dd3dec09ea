/**
 * A synthetic tenant at national-SPSTI scale for benchmarks: by default 1,000,000 workers and
 * employments, 5,000 companies, 200,000 dossiers with their transitions, ~3 timeline entries
 * and 1–2 assignments each, spread over 60 staff users (≈ 5,000 dossiers per user).
 *
 * Built with set-based SQL (`generate_series`) inside the database, in chunks so progress shows
 * and memory stays flat. Identifiers are md5-derived UUIDs (pseudo-random like
 * gen_random_uuid(), but computable from a row number, so rows link without reading back).
 * The sizes are recorded in a small `bench_build` table at the end; a later run with the same
 * sizes reuses the data, an interrupted or different build is wiped and rebuilt.
 *
 * Standalone: `npx tsx bench/synthetic-tenant.ts` (DATABASE_URL for a server, else PGlite in
 * bench/.data/pglite; BENCH_WORKERS, BENCH_DOSSIERS… to change the sizes).
 */
import { createHash, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openDatabase, type Database } from '../src/db/connection';
import { migrate } from '../src/db/migrate';
import { makeSiret } from '../src/domain/identity/siret';
import { FIRST_NAMES, PLACES, SECTORS, SURNAMES } from '../src/demo/demo-data';
import { hashPassword } from '../src/services/auth/password';

export const BENCH_SLUG = 'bench';
/** Bump when the generator changes, so that old builds are rebuilt. */
const GENERATOR_VERSION = 2;

export interface BenchSizes {
  workers: number;
  companies: number;
  dossiers: number;
  entriesPerDossier: number;
  staff: number;
}

export const DEFAULT_SIZES: BenchSizes = {
  workers: 1_000_000,
  companies: 5_000,
  dossiers: 200_000,
  entriesPerDossier: 3,
  staff: 60,
};

/** Sizes from the environment (BENCH_WORKERS, BENCH_COMPANIES, BENCH_DOSSIERS, BENCH_ENTRIES, BENCH_STAFF). */
export function sizesFromEnv(env = process.env): BenchSizes {
  const num = (name: string, def: number) => {
    const v = env[name];
    if (v === undefined || v === '') return def;
    const n = Number(v.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} doit être un entier positif (reçu « ${v} »).`);
    return n;
  };
  const s: BenchSizes = {
    workers: num('BENCH_WORKERS', DEFAULT_SIZES.workers),
    companies: num('BENCH_COMPANIES', DEFAULT_SIZES.companies),
    dossiers: num('BENCH_DOSSIERS', DEFAULT_SIZES.dossiers),
    entriesPerDossier: num('BENCH_ENTRIES', DEFAULT_SIZES.entriesPerDossier),
    staff: num('BENCH_STAFF', DEFAULT_SIZES.staff),
  };
  if (s.dossiers > s.workers) throw new Error('BENCH_DOSSIERS ne peut pas dépasser BENCH_WORKERS (un dossier ouvert au plus par salarié).');
  if (s.staff < 3) throw new Error('BENCH_STAFF doit valoir au moins 3.');
  return s;
}

const sameSizes = (a: BenchSizes, b: BenchSizes) =>
  a.workers === b.workers && a.companies === b.companies && a.dossiers === b.dossiers && a.entriesPerDossier === b.entriesPerDossier && a.staff === b.staff;

/** Default PGlite directory: one per set of sizes, so a small trial never wipes the big build. */
export function defaultBenchDataDir(sizes: BenchSizes): string {
  const base = fileURLToPath(new URL('./.data/', import.meta.url));
  if (sameSizes(sizes, DEFAULT_SIZES)) return `${base}pglite`;
  return `${base}pglite-w${sizes.workers}-c${sizes.companies}-d${sizes.dossiers}-e${sizes.entriesPerDossier}-s${sizes.staff}`;
}

/** Staff user k (0-based): a third each of médecins, infirmiers and chargés de mission. */
export const staffRole = (k: number) => (['medecin_travail', 'infirmier', 'charge_mission'] as const)[k % 3];

const uuidFrom = (key: string) => {
  const h = createHash('md5').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
/** Ids of the synthetic rows, the same in JS and in SQL (`md5(key)::uuid`). */
export const benchIds = {
  company: (tenantId: string, k: number) => uuidFrom(`${tenantId}:c:${k}`),
  user: (tenantId: string, k: number) => uuidFrom(`${tenantId}:u:${k}`),
  dossier: (tenantId: string, d: number) => uuidFrom(`${tenantId}:d:${d}`),
  worker: (tenantId: string, n: number) => uuidFrom(`${tenantId}:w:${n}`),
};

export interface PreparedBench {
  database: Database;
  tenantId: string;
  spstiOrganisationId: string;
  sizes: BenchSizes;
  built: boolean;
  buildSeconds: number | null;
  builtAt: Date;
  dataDir: string | null;
}

export interface PrepareOptions {
  sizes?: BenchSizes;
  databaseUrl?: string;
  dataDir?: string;
  log?: (line: string) => void;
}

/**
 * Opens the benchmark database (server when `databaseUrl`/DATABASE_URL is set, else PGlite in
 * `dataDir`), migrates it, and builds the synthetic tenant unless an identical build exists.
 */
export async function prepareBenchDatabase(opts: PrepareOptions = {}): Promise<PreparedBench> {
  const sizes = opts.sizes ?? sizesFromEnv();
  const log = opts.log ?? ((l: string) => console.log(l));
  const databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL;
  const dataDir = databaseUrl ? null : opts.dataDir ?? process.env.BENCH_DATA_DIR ?? defaultBenchDataDir(sizes);

  const open = async () => {
    const db = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: dataDir! });
    await migrate(db);
    await db.withSession((exec) =>
      exec(`create table if not exists bench_build (
        slug text primary key, sizes jsonb not null, generator integer not null,
        built_at timestamptz not null default now(), build_seconds numeric)`),
    );
    return db;
  };
  let database = await open();
  log(`Base de mesure : ${database.description}`);

  const recorded = await database.withSession((exec) => exec(`select sizes, generator, built_at, build_seconds from bench_build where slug = '${BENCH_SLUG}'`));
  const rec = recorded[0] as { sizes: BenchSizes | string; generator: number; built_at: Date; build_seconds: number | string | null } | undefined;
  const recSizes = rec ? ((typeof rec.sizes === 'string' ? JSON.parse(rec.sizes) : rec.sizes) as BenchSizes) : null;
  const tenant = await database.db.selectFrom('tenant').select('id').where('slug', '=', BENCH_SLUG).executeTakeFirst();

  if (tenant && rec && recSizes && sameSizes(recSizes, sizes) && Number(rec.generator) === GENERATOR_VERSION) {
    log(`Service synthétique « ${BENCH_SLUG} » déjà construit (${describeSizes(sizes)}) : réutilisé.`);
    return {
      database,
      tenantId: tenant.id,
      spstiOrganisationId: await spstiOf(database, tenant.id),
      sizes,
      built: false,
      buildSeconds: rec.build_seconds === null ? null : Number(rec.build_seconds),
      builtAt: new Date(rec.built_at),
      dataDir,
    };
  }

  if (tenant || rec) {
    if (dataDir) {
      log('Construction précédente incomplète ou de tailles différentes : répertoire effacé.');
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
      database = await open();
    } else {
      log(`Construction précédente incomplète ou de tailles différentes : suppression du service « ${BENCH_SLUG} ».`);
      if (tenant) await deleteTenant(database, tenant.id);
      await database.withSession((exec) => exec(`delete from bench_build where slug = '${BENCH_SLUG}'`));
    }
  }

  const started = performance.now();
  const tenantId = await buildSyntheticTenant(database, sizes, log);
  const seconds = (performance.now() - started) / 1000;
  await database.withSession((exec) =>
    exec(`insert into bench_build (slug, sizes, generator, build_seconds) values ('${BENCH_SLUG}', '${JSON.stringify(sizes)}', ${GENERATOR_VERSION}, ${seconds.toFixed(1)})
          on conflict (slug) do update set sizes = excluded.sizes, generator = excluded.generator, built_at = now(), build_seconds = excluded.build_seconds`),
  );
  log(`Service synthétique construit en ${seconds.toFixed(1)} s.`);
  return { database, tenantId, spstiOrganisationId: await spstiOf(database, tenantId), sizes, built: true, buildSeconds: seconds, builtAt: new Date(), dataDir };
}

export const describeSizes = (s: BenchSizes) =>
  `${fmt(s.workers)} salariés, ${fmt(s.workers)} emplois, ${fmt(s.companies)} entreprises, ${fmt(s.dossiers)} dossiers, ~${s.entriesPerDossier} entrées par dossier, ${s.staff} professionnels`;

const fmt = (n: number) => n.toLocaleString('fr-FR').replace(/\u202f|\u00a0/g, ' ');

async function spstiOf(database: Database, tenantId: string): Promise<string> {
  const o = await database.db.selectFrom('organisation').select('id').where('tenant_id', '=', tenantId).where('kind', '=', 'spsti').executeTakeFirstOrThrow();
  return o.id;
}

/** Deletes every row of a tenant (server engine: other tenants stay). */
async function deleteTenant(database: Database, tenantId: string): Promise<void> {
  const t = `'${tenantId}'`;
  await database.withSession(async (exec) => {
    await exec('begin');
    try {
      // The audit log refuses deletions by design; the benchmark tenant is the one exception.
      await exec('alter table audit_event disable trigger audit_event_no_update');
      for (const table of ['audit_event', 'audit_head', 'session', 'api_token', 'consent', 'timeline_entry', 'dossier_transition', 'dossier_assignment', 'dossier', 'membership', 'app_user', 'employment', 'worker', 'organisation', 'company', 'tenant_counter']) {
        await exec(`delete from ${table} where tenant_id = ${t}`);
      }
      await exec(`delete from tenant where id = ${t}`);
      await exec('alter table audit_event enable trigger audit_event_no_update');
      await exec('commit');
    } catch (err) {
      await exec('rollback').catch(() => undefined);
      throw err;
    }
  });
}

// ---------------------------------------------------------------------------------------------

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const textArray = (items: readonly string[]) => `array[${items.map(lit).join(',')}]::text[]`;
/** A pseudo-random integer in [0, m) from a row number and a salt, computed by PostgreSQL. */
const h = (n: string, salt: number, m: number) => `((hashint8((${n})::bigint * 1000003 + ${salt})::bigint + 2147483648) % ${m})`;

/** Open / closed states by bucket of 20: 65 % of dossiers are open. */
const STATE_BUCKETS = [
  'signale', 'signale',
  'a_evaluer', 'a_evaluer', 'a_evaluer',
  'en_accompagnement', 'en_accompagnement', 'en_accompagnement', 'en_accompagnement', 'en_accompagnement',
  'sorti',
  'suivi', 'suivi',
  'clos', 'clos', 'clos', 'clos',
  'non_retenu',
  'reoriente', 'reoriente',
];
const PATHS: Record<string, string[]> = {
  signale: ['signale'],
  a_evaluer: ['signale', 'a_evaluer'],
  en_accompagnement: ['signale', 'a_evaluer', 'en_accompagnement'],
  sorti: ['signale', 'a_evaluer', 'en_accompagnement', 'sorti'],
  suivi: ['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi'],
  clos: ['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi', 'clos'],
  non_retenu: ['signale', 'non_retenu'],
  reoriente: ['signale', 'a_evaluer', 'reoriente'],
};
const OPEN_STATES = ['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi'];
const STEP_DAYS = 12;

async function buildSyntheticTenant(database: Database, sizes: BenchSizes, log: (l: string) => void): Promise<string> {
  const tenantId = randomUUID();
  const T = lit(tenantId);
  const base = new Date();
  base.setUTCHours(6, 0, 0, 0);
  const NOW = `${lit(base.toISOString())}::timestamptz`;
  const TODAY = `${lit(base.toISOString().slice(0, 10))}::date`;
  const t0 = performance.now();
  const step = (label: string) => log(`  [${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${label}`);
  // Rows are linked by construction (and checked at the end), so the bulk inserts skip the
  // per-row foreign-key triggers where the role may (superuser: PGlite, a local server).
  const skipTriggers = await database
    .withSession((exec) => exec('begin; set local session_replication_role = replica; commit;'))
    .then(() => true, () => false);
  const run = (script: string) =>
    database.withSession(async (exec) => {
      if (!skipTriggers) return exec(script);
      try {
        return await exec(`begin; set local session_replication_role = replica; ${script}; commit;`);
      } catch (err) {
        await exec('rollback').catch(() => undefined);
        throw err;
      }
    });
  const chunked = async (label: string, total: number, chunk: number, sqlFor: (from: number, to: number) => string) => {
    for (let from = 1; from <= total; from += chunk) {
      const to = Math.min(total, from + chunk - 1);
      await run(sqlFor(from, to));
      step(`${label} ${fmt(to)} / ${fmt(total)}`);
    }
  };

  log(`Construction du service synthétique « ${BENCH_SLUG} » : ${describeSizes(sizes)}.`);
  const passwordHash = await hashPassword('bench-maintien');
  const db = database.db;
  await db.insertInto('tenant').values({ id: tenantId, slug: BENCH_SLUG, name: 'Service synthétique (mesures de performance)' }).execute();
  const spsti = randomUUID();
  await db.insertInto('organisation').values({ tenant_id: tenantId, id: spsti, kind: 'spsti', name: 'SPSTI synthétique' }).execute();

  // Companies (valid SIRETs are simplest to build in JS).
  const companies = Array.from({ length: sizes.companies }, (_, i) => {
    const k = i + 1;
    const sector = SECTORS[k % SECTORS.length];
    const place = PLACES[k % PLACES.length];
    const siret = makeSiret(String(10_000_000 + k * 7919).slice(-8), String(k % 10_000));
    return { tenant_id: tenantId, id: benchIds.company(tenantId, k), siret, siren: siret.slice(0, 9), name: `${sector.label} ${k}`, naf: sector.naf, workforce: 10 + (k % 500), postal_code: place.postalCode, city: place.city };
  });
  for (let i = 0; i < companies.length; i += 1000) await db.insertInto('company').values(companies.slice(i, i + 1000)).execute();
  step(`${fmt(sizes.companies)} entreprises`);

  // Staff users and their memberships.
  const firstNames = [...FIRST_NAMES.younger[1], ...FIRST_NAMES.younger[2]];
  const users = Array.from({ length: sizes.staff }, (_, k) => ({
    tenant_id: tenantId,
    id: benchIds.user(tenantId, k),
    email: `pro${k}@${tenantId.slice(0, 8)}.bench.maintien.test`,
    display_name: `${firstNames[k % firstNames.length]} ${SURNAMES[(k * 7) % SURNAMES.length]}`,
    password_hash: passwordHash,
  }));
  await db.insertInto('app_user').values(users).execute();
  await db
    .insertInto('membership')
    .values(users.map((u, k) => ({ tenant_id: tenantId, user_id: u.id, organisation_id: spsti, role: staffRole(k) })))
    .execute();
  step(`${sizes.staff} professionnels`);

  // On a dedicated embedded database, secondary indexes are dropped during the load and built
  // afterwards by sorting (several times faster than a million random B-tree insertions). Never
  // on a server, where other tenants use them.
  const deferred = database.engine === 'pglite' ? await dropSecondaryIndexes(database, LOADED_TABLES) : [];
  if (deferred.length) step(`${deferred.length} index secondaires suspendus pendant le chargement`);

  // Workers: synthetic-but-valid NIRs (key = 97 − number mod 97), unique through the row number.
  const surnames = textArray(SURNAMES);
  const menList = [...FIRST_NAMES.older[1], ...FIRST_NAMES.younger[1]];
  const womenList = [...FIRST_NAMES.older[2], ...FIRST_NAMES.younger[2]];
  const [men, women, menCount, womenCount] = [textArray(menList), textArray(womenList), menList.length, womenList.length];
  const places = PLACES;
  const cities = textArray(places.map((p) => p.city));
  const postcodes = textArray(places.map((p) => p.postalCode));
  await chunked('salariés', sizes.workers, 100_000, (a, b) => `
    insert into worker (tenant_id, id, nir, identity_status, birth_name, first_names, birth_date, sex, postal_code, city, created_at, updated_at)
    select ${T}, md5(${T} || ':w:' || n)::uuid,
           case when n < 1000000 then f13 || lpad((97 - (f13::bigint % 97))::text, 2, '0') end,
           case when ${h('n', 1, 10)} = 0 then 'provisoire' else 'qualifiee' end,
           (${surnames})[1 + ${h('n', 2, SURNAMES.length)}],
           case sex when 1 then (${men})[1 + ${h('n', 3, menCount)}] else (${women})[1 + ${h('n', 3, womenCount)}] end,
           make_date(1900 + yy, mm, 1 + ${h('n', 4, 28)}::int), sex,
           (${postcodes})[1 + ${h('n', 5, places.length)}], (${cities})[1 + ${h('n', 5, places.length)}],
           ${NOW} - interval '1 day' * (600 + ${h('n', 6, 2000)}), ${NOW} - interval '1 day' * (600 + ${h('n', 6, 2000)})
      from (
        select n, sex, yy, mm, sex::text || lpad(yy::text, 2, '0') || lpad(mm::text, 2, '0') || '59' || lpad((n % 1000000)::text, 6, '0') as f13
          from (select n, (1 + n % 2)::smallint as sex, (62 + ${h('n', 7, 42)})::int as yy, (1 + ${h('n', 8, 12)})::int as mm
                  from generate_series(${a}, ${b}) n) s
      ) w`);

  const jobs = SECTORS.flatMap((s) => s.jobs.map((j) => j.m));
  const jobTitles = textArray(jobs);
  await chunked('emplois', sizes.workers, 100_000, (a, b) => `
    insert into employment (tenant_id, id, worker_id, company_id, job_title, contract_type, start_date)
    select ${T}, md5(${T} || ':e:' || n)::uuid, md5(${T} || ':w:' || n)::uuid,
           md5(${T} || ':c:' || (1 + ${h('n', 9, sizes.companies)}))::uuid,
           (${jobTitles})[1 + ${h('n', 10, jobs.length)}],
           case when ${h('n', 11, 10)} = 0 then 'cdd' else 'cdi' end,
           ${TODAY} - (200 + ${h('n', 12, 6000)})::int
      from generate_series(${a}, ${b}) n`);

  // Dossiers: dossier d concerns worker d × stride, so no worker has two open dossiers.
  const stride = Math.max(1, Math.floor(sizes.workers / sizes.dossiers));
  const buckets = textArray(STATE_BUCKETS);
  const stateOf = (d: string) => `(${buckets})[1 + ${h(d, 20, STATE_BUCKETS.length)}]`;
  const openedAt = (d: string) => `(${NOW} - interval '1 day' * (75 + ${h(d, 21, 470)}) - interval '1 second' * ${h(d, 22, 36000)})`;
  const pathLen = (state: string) => `(case ${state} ${Object.entries(PATHS).map(([s, p]) => `when '${s}' then ${p.length}`).join(' ')} end)`;
  const origins = textArray(['flux_am', 'employeur', 'medecin_conseil', 'salarie', 'equipe', 'partenaire', 'visite']);
  const open = `(${OPEN_STATES.map(lit).join(',')})`;
  await chunked('dossiers', sizes.dossiers, 50_000, (a, b) => `
    insert into dossier (tenant_id, id, reference, worker_id, state, origin, summary, lead_organisation_id, next_due_date,
                         opened_at, opened_by, state_changed_at, closed_at, updated_at, version)
    select ${T}, md5(${T} || ':d:' || d)::uuid,
           'PDP-2026-' || case when d < 100000 then lpad(d::text, 5, '0') else d::text end,
           md5(${T} || ':w:' || (d * ${stride}))::uuid, state,
           (${origins})[1 + ${h('d', 23, 7)}],
           'Signalement synthétique n° ' || d || ' : arrêt de travail de plus de 60 jours, reprise au poste à préparer.',
           ${lit(spsti)}::uuid,
           case when state in ${open} then ${TODAY} + (${h('d', 24, 66)}::int - 20) end,
           opened, md5(${T} || ':u:' || ${h('d', 25, sizes.staff)})::uuid,
           opened + interval '${STEP_DAYS} days' * (len - 1),
           case when state = 'clos' then opened + interval '${STEP_DAYS} days' * (len - 1) end,
           opened + interval '${STEP_DAYS} days' * (len - 1) + interval '1 day',
           len
      from (select d, state, opened, ${pathLen('state')} as len
              from (select d, ${stateOf('d')} as state, ${openedAt('d')} as opened from generate_series(${a}, ${b}) d) x) y`);

  // Assignments: a referent for every dossier, a second professional for half of them. Where the
  // schema keeps a copy of the dossier's state and deadline on each assignment (a worklist
  // denormalisation filled by a trigger, which the bulk load bypasses), the copy is written here.
  const u1 = h('d', 26, sizes.staff);
  const copies = await assignmentCopies(database);
  const dueOf = (d: string) => `case when ${stateOf(d)} in ${open} then ${TODAY} + (${h(d, 24, 66)}::int - 20) end`;
  const copyCols = [copies.state ? ', state' : '', copies.due ? ', next_due_date' : ''].join('');
  const copyVals = [copies.state ? `, ${stateOf('d')}` : '', copies.due ? `, ${dueOf('d')}` : ''].join('');
  await chunked('attributions', sizes.dossiers, 100_000, (a, b) => `
    insert into dossier_assignment (tenant_id, dossier_id, user_id, is_referent, assigned_at${copyCols})
    select ${T}, md5(${T} || ':d:' || d)::uuid, md5(${T} || ':u:' || u)::uuid, k = 1, ${openedAt('d')}${copyVals}
      from generate_series(${a}, ${b}) d
      cross join lateral (values (1, ${u1}), (2, (${u1} + 1 + ${h('d', 27, sizes.staff - 1)}) % ${sizes.staff})) as t(k, u)
     where k = 1 or ${h('d', 28, 2)} = 0`);

  // Transitions: the legal path of each state, one step every STEP_DAYS days.
  const pathRows = Object.entries(PATHS).flatMap(([state, p]) =>
    p.map((to, i) => `(${lit(state)}, ${i}, ${i === 0 ? 'null' : lit(p[i - 1])}, ${lit(to)}, ${to === 'non_retenu' || to === 'reoriente' ? lit('Motif synthétique de la décision.') : 'null'})`),
  );
  await chunked('transitions', sizes.dossiers, 50_000, (a, b) => `
    insert into dossier_transition (tenant_id, id, dossier_id, from_state, to_state, reason, actor_user_id, at)
    select ${T}, md5(${T} || ':t:' || d || ':' || p.step)::uuid, md5(${T} || ':d:' || d)::uuid, p.from_state, p.to_state, p.reason,
           md5(${T} || ':u:' || ${u1})::uuid, x.opened + interval '${STEP_DAYS} days' * p.step
      from (select d, ${stateOf('d')} as state, ${openedAt('d')} as opened from generate_series(${a}, ${b}) d) x
      join (values ${pathRows.join(', ')}) as p(state, step, from_state, to_state, reason) on p.state = x.state`);

  // Timeline: the opening entry, then notes of every category.
  const categories = textArray(['medical', 'sensitive', 'administrative', 'employer_visible', 'administrative', 'medical']);
  const bodies = textArray([
    'Consultation : restrictions de port de charges, reprise progressive envisagée.',
    'Entretien social : situation financière fragile depuis le passage aux indemnités journalières.',
    'Appel au salarié, rendez-vous fixé avec la cellule.',
    'Recommandation : aménagement du poste, alternance des tâches.',
    'Staff PDP : dossier présenté, plan d’action validé.',
    'Entretien infirmier : difficultés persistantes en fin de poste.',
  ]);
  await chunked('entrées de chronologie', sizes.dossiers, 50_000, (a, b) => `
    insert into timeline_entry (tenant_id, id, dossier_id, kind, category, title, body, shared_with_worker, author_user_id, author_name, created_at)
    select ${T}, md5(${T} || ':n:' || d || ':' || k)::uuid, md5(${T} || ':d:' || d)::uuid,
           case when k = 1 then 'creation' else 'note' end,
           case when k = 1 then 'administrative' else cat end,
           case when k = 1 then 'Ouverture du dossier' else 'Note' end,
           case when k = 1 then 'Dossier ouvert (origine : Flux Assurance maladie).' else (${bodies})[1 + ci] end,
           k > 1 and ${h('d * 7 + k', 30, 5)} = 0,
           md5(${T} || ':u:' || ${u1})::uuid, 'Professionnel ' || ${u1},
           ${openedAt('d')} + interval '1 day' * (k - 1) * 3
      from generate_series(${a}, ${b}) d
      cross join generate_series(1, ${sizes.entriesPerDossier}) k
      cross join lateral (select ${h('d * 7 + k', 31, 6)} as ci) c
      cross join lateral (select (${categories})[1 + ci] as cat) cc`);

  await db.insertInto('tenant_counter').values({ tenant_id: tenantId, name: 'dossier', value: sizes.dossiers }).execute();
  for (const ix of deferred) {
    await run(`set maintenance_work_mem = '128MB'; ${ix.def}; reset maintenance_work_mem`);
    step(`index ${ix.name} reconstruit`);
  }
  if (skipTriggers) {
    step('vérification des clés étrangères…');
    const orphans = await database.withSession((exec) =>
      exec(`select
        (select count(*) from employment e where e.tenant_id = ${T} and not exists (select 1 from worker w where w.tenant_id = e.tenant_id and w.id = e.worker_id))
      + (select count(*) from employment e where e.tenant_id = ${T} and not exists (select 1 from company c where c.tenant_id = e.tenant_id and c.id = e.company_id))
      + (select count(*) from dossier d where d.tenant_id = ${T} and not exists (select 1 from worker w where w.tenant_id = d.tenant_id and w.id = d.worker_id))
      + (select count(*) from dossier_assignment a where a.tenant_id = ${T} and not exists (select 1 from dossier d where d.tenant_id = a.tenant_id and d.id = a.dossier_id))
      + (select count(*) from dossier_assignment a where a.tenant_id = ${T} and not exists (select 1 from app_user u where u.tenant_id = a.tenant_id and u.id = a.user_id))
      + (select count(*) from dossier_transition t where t.tenant_id = ${T} and not exists (select 1 from dossier d where d.tenant_id = t.tenant_id and d.id = t.dossier_id))
      + (select count(*) from timeline_entry e where e.tenant_id = ${T} and not exists (select 1 from dossier d where d.tenant_id = e.tenant_id and d.id = e.dossier_id))
      ${copies.state || copies.due ? `+ (select count(*) from dossier_assignment a join dossier d on d.tenant_id = a.tenant_id and d.id = a.dossier_id
          where a.tenant_id = ${T} and (${[copies.state ? 'a.state is distinct from d.state' : '', copies.due ? 'a.next_due_date is distinct from d.next_due_date' : ''].filter(Boolean).join(' or ')}))` : ''}
      as orphans`),
    );
    const n = Number(orphans[0]?.orphans ?? -1);
    if (n !== 0) throw new Error(`Service synthétique incohérent : ${n} ligne(s) sans parent ou copie divergente.`);
  }
  step('ANALYZE…');
  await run('analyze');
  step('terminé');
  return tenantId;
}

/** Which copies of the dossier the assignment table carries in the current schema. */
async function assignmentCopies(database: Database): Promise<{ state: boolean; due: boolean }> {
  const rows = await database.withSession((exec) =>
    exec(`select column_name from information_schema.columns
           where table_schema = current_schema() and table_name = 'dossier_assignment' and column_name in ('state', 'next_due_date')`),
  );
  const cols = new Set(rows.map((r) => String(r.column_name)));
  return { state: cols.has('state'), due: cols.has('next_due_date') };
}

const LOADED_TABLES = ['worker', 'employment', 'dossier', 'dossier_assignment', 'dossier_transition', 'timeline_entry'];

/** Drops the indexes of `tables` that back no constraint; returns their definitions. */
async function dropSecondaryIndexes(database: Database, tables: readonly string[]): Promise<{ name: string; def: string }[]> {
  const rows = await database.withSession((exec) =>
    exec(`select i.indexname as name, i.indexdef as def from pg_indexes i
           where i.schemaname = current_schema() and i.tablename in (${tables.map(lit).join(', ')})
             and not exists (select 1 from pg_constraint c where c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)
           order by i.tablename, i.indexname`),
  );
  const defs = rows.map((r) => ({ name: String(r.name), def: String(r.def) }));
  if (defs.length) await database.withSession((exec) => exec(defs.map((d) => `drop index "${d.name}";`).join('\n')));
  return defs;
}

// Standalone: build (or reuse) the synthetic tenant and stop.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const prepared = await prepareBenchDatabase();
  await prepared.database.close();
}
