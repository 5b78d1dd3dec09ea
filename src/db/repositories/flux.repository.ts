/**
 * SQL of the AM « arrêts de travail » flux: batches (import_batch), the chunk pipeline over
 * the staging table (migration 0006), rejections and the batch report. Every statement of a
 * chunk is set-based: a chunk of N lines costs a fixed number of statements, never N.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import { MESSAGE_TYPE_LABELS, MOTIF_LABELS } from '../../domain/intake/flux-line';
import type { DB } from '../schema';
import { asOwner, skipForeignKeyChecks } from './bulk-session.repository';

type Q = Kysely<DB>;

/** MAINTIEN_FLUX_EXPLAIN=1 prints the executed plan of each pipeline statement (tuning aid). */
const EXPLAIN = process.env.MAINTIEN_FLUX_EXPLAIN === '1';
async function exec(db: Q, q: RawBuilder<unknown>) {
  if (!EXPLAIN) return q.execute(db);
  const r = await sql<{ 'QUERY PLAN': string }>`explain (analyze, costs off, timing off) ${q}`.execute(db);
  console.error(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  return r;
}

/** A staged line's signal reason: the motif's French label and the message type, e.g. « … (prolongation) ». */
const SIGNAL_REASON: RawBuilder<string> = sql<string>`(case s.motif ${sql.join(
  Object.entries(MOTIF_LABELS).map(([k, v]) => sql`when ${sql.lit(k)} then ${sql.lit(v)}`),
  sql` `,
)} end || ' (' || case s.type_message ${sql.join(
  Object.entries(MESSAGE_TYPE_LABELS).map(([k, v]) => sql`when ${sql.lit(k)} then ${sql.lit(v)}`),
  sql` `,
)} end || ')')`;

/** A validated line as loaded into flux_staging (column order of STAGING_COLUMNS). */
export interface StagingRow {
  line: number;
  emetteur: string;
  idMessage: string;
  idArret: string;
  type: string;
  nir: string;
  birthName: string;
  firstNames: string;
  birthDate: string;
  sex: number;
  siret: string | null;
  startDate: string;
  expectedEndDate: string | null;
  actualEndDate: string | null;
  nature: string;
  tpt: boolean;
  ald: boolean;
  motif: string;
  consentDate: string;
  contact: string | null;
  hash: string;
}

export interface RejectionRow {
  line: number;
  emetteur: string | null;
  idMessage: string | null;
  code: string;
  field: string | null;
  message: string;
}

const STAGING_COLUMNS =
  'tenant_id, batch_id, line, emetteur, id_message, id_arret, type_message, nir, nom_naissance, prenoms, date_naissance, sexe, siret_employeur, date_debut, date_fin_prevue, date_fin_effective, nature, temps_partiel_therapeutique, ald, motif, date_consentement, contact_service_medical, content_hash';

// ---------------------------------------------------------------------------------------
// Batches

export async function findResumableBatch(db: Q, tenantId: string, sha256: string) {
  return db
    .selectFrom('import_batch')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('channel', '=', 'arrets_am')
    .where('file_sha256', '=', sha256)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst()
    .then((b) => (b && (b.status === 'en_cours' || b.status === 'echec') ? b : undefined));
}

export async function insertBatch(
  db: Q,
  row: { tenant_id: string; file_name: string; file_sha256: string; format: string; file_date: string; actor_label: string; actor_user_id: string | null; actor_token_id: string | null; started_at: Date },
) {
  return db.insertInto('import_batch').values({ ...row, channel: 'arrets_am', status: 'en_cours' }).returningAll().executeTakeFirstOrThrow();
}

export async function reopenBatch(db: Q, tenantId: string, batchId: string) {
  await db.updateTable('import_batch').set({ status: 'en_cours', error: null }).where('tenant_id', '=', tenantId).where('id', '=', batchId).execute();
}

/** Locks the batch row and returns its checkpoint (the chunk must start right after it). */
export async function lockBatchCheckpoint(db: Q, tenantId: string, batchId: string): Promise<number | undefined> {
  const r = await db.selectFrom('import_batch').select('lines_done').where('tenant_id', '=', tenantId).where('id', '=', batchId).forUpdate().executeTakeFirst();
  return r?.lines_done;
}

export interface ChunkCounts {
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  quarantined: number;
  /** Lines whose employer is absent or not a member company (« Hors périmètre »). */
  outOfScope: number;
}

/** Adds a chunk's counts and moves the checkpoint, in the chunk's transaction. */
export async function advanceBatch(db: Q, tenantId: string, batchId: string, linesDone: number, c: ChunkCounts, emetteur: string | null) {
  await sql`update import_batch set
      lines_done = ${linesDone},
      lines = lines + ${c.lines},
      accepted = accepted + ${c.accepted},
      duplicates = duplicates + ${c.duplicates},
      rejected = rejected + ${c.rejected},
      quarantined = quarantined + ${c.quarantined},
      out_of_scope = out_of_scope + ${c.outOfScope},
      emetteur = coalesce(emetteur, ${emetteur})
    where tenant_id = ${tenantId} and id = ${batchId}`.execute(db);
}

export async function finishBatch(db: Q, tenantId: string, batchId: string, props: { sha256: string; warnings: string[]; at: Date }) {
  return db
    .updateTable('import_batch')
    .set({ status: 'termine', finished_at: props.at, file_sha256: props.sha256, warnings: sql<never>`${JSON.stringify(props.warnings)}::jsonb`, error: null })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', batchId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function failBatch(db: Q, tenantId: string, batchId: string, error: string, at: Date) {
  await db.updateTable('import_batch').set({ status: 'echec', error, finished_at: at }).where('tenant_id', '=', tenantId).where('id', '=', batchId).execute();
}

export async function findBatch(db: Q, tenantId: string, batchId: string) {
  return db.selectFrom('import_batch').selectAll().where('tenant_id', '=', tenantId).where('id', '=', batchId).executeTakeFirst();
}

/** The batch's rejections in line order (report), at most `limit`. */
export async function findRejections(db: Q, tenantId: string, batchId: string, limit: number) {
  return db
    .selectFrom('import_rejection')
    .select(['line', 'id_message', 'code', 'field', 'message'])
    .where('tenant_id', '=', tenantId)
    .where('batch_id', '=', batchId)
    .orderBy('line')
    .limit(limit)
    .execute();
}

/** The batch's quarantined lines in line order (report: no identity data), at most `limit`. */
export async function findQuarantined(db: Q, tenantId: string, batchId: string, limit: number) {
  return db
    .selectFrom('flux_quarantine')
    .select(['line', 'id_message', 'code'])
    .where('tenant_id', '=', tenantId)
    .where('batch_id', '=', batchId)
    .orderBy('line')
    .limit(limit)
    .execute();
}

// ---------------------------------------------------------------------------------------
// Chunk pipeline

/** Takes the staging table for this transaction (concurrent imports take turns per chunk). */
export async function lockStaging(db: Q) {
  await sql`lock table flux_staging in access exclusive mode`.execute(db);
}

/** Tables the chunk statements write, or read by key (the targets of their foreign keys). */
export const PIPELINE_TABLES = [
  'worker', 'dossier', 'dossier_transition', 'timeline_entry', 'arret', 'signal', 'flux_message', 'flux_quarantine',
  'import_rejection', 'import_batch', 'task', 'company', 'organisation', 'tenant_counter', 'triage_item', 'flux_out_of_scope',
] as const;

/**
 * ANALYZE of the pipeline's tables that at least doubled since their statistics were taken
 * (or never had any). Each foreign-key check runs a plan the session keeps; planned while a
 * table was nearly empty it is a sequential scan, and it stays one while the table grows to
 * hundreds of thousands of rows (measured: 5 ms per check instead of 50 µs). ANALYZE
 * invalidates those plans, and growth by doubling keeps the count of ANALYZE per table
 * logarithmic in its size. PGlite has no autovacuum to do it; on a server autovacuum does it
 * too, later. Needs the tables' owner, taken for that statement only.
 */
export async function refreshGrownTableStats(db: Q): Promise<string[]> {
  const r = await sql<{ relname: string }>`select c.relname from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind = 'r' and c.relname = any(${[...PIPELINE_TABLES]}::text[])
      and (c.reltuples < 0 or pg_relation_size(c.oid) > (2 * c.relpages + 8)::bigint * current_setting('block_size')::bigint)
    order by c.relname`.execute(db);
  const names = r.rows.map((x) => x.relname);
  if (names.length === 0) return names;
  await asOwner(db, () => sql`analyze ${sql.join(names.map((n) => sql.id(n)))}`.execute(db));
  return names;
}

/**
 * User triggers on the pipeline's tables that it knows to be without effect on its writes:
 * `dossier_propagate` (migration 0002) fires on a change of a dossier's state or deadline,
 * which the pipeline never changes (it touches `updated_at` and `version` only).
 */
const INERT_TRIGGERS = ['dossier_propagate'];

/**
 * The chunk's statements join a few thousand staged lines with tables of up to millions of rows
 * (arrêts by episode, workers by NIR, arrêts by worker). With PostgreSQL's default
 * `random_page_cost` (4, a spinning disk) the planner hashes the whole big table for each chunk —
 * a sequential scan per statement and per chunk, so a backfill slows down as the service grows
 * (0.3 s per statement at 650,000 arrêts). Data on SSD or in memory makes an index probe about as
 * cheap as a sequential page, the value the PostgreSQL documentation suggests for SSDs: set for
 * the chunk's transaction only (`set local`), so index lookups win where the chunk is small.
 * MAINTIEN_FLUX_RANDOM_PAGE_COST overrides it (e.g. 4 to compare).
 */
export async function preferIndexLookups(db: Q) {
  const v = Number(process.env.MAINTIEN_FLUX_RANDOM_PAGE_COST ?? 1.1);
  if (!Number.isFinite(v) || v <= 0) return;
  await sql`select set_config('random_page_cost', ${String(v)}, true)`.execute(db);
}

/**
 * Embedded engine only: the chunk's transaction skips the per-row foreign-key checks (see
 * bulk-session.repository.ts; 17 per accepted line). Every key the statements write is taken
 * from a row read or written earlier in the same transaction.
 */
export function skipPipelineForeignKeyChecks(db: Q): Promise<boolean> {
  return skipForeignKeyChecks(db, [...PIPELINE_TABLES, 'flux_staging'], INERT_TRIGGERS);
}

/** Empties the staging table before commit (its rows never outlive the chunk transaction). */
export async function clearStaging(db: Q) {
  await sql`truncate flux_staging`.execute(db);
}

const copyEscape = (v: string) => (/[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : v);
const copyText = (v: string | null) => (v === null ? '\\N' : copyEscape(v));

/**
 * Loads the chunk's valid lines. Embedded engine: one COPY from a blob (PGlite's fastest
 * path; COPY from a "file" needs the owner role, taken for that statement only — the table
 * has no row-level security and receives only this tenant's rows). Server: one INSERT … SELECT
 * FROM unnest(arrays).
 */
export async function loadStaging(db: Q, pglite: PGlite | undefined, tenantId: string, batchId: string, rows: readonly StagingRow[]) {
  if (rows.length === 0) return;
  if (pglite) {
    const prefix = `${tenantId}\t${batchId}\t`;
    const parts: string[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      parts[i] =
        prefix +
        r.line +
        '\t' +
        copyEscape(r.emetteur) +
        '\t' +
        copyEscape(r.idMessage) +
        '\t' +
        copyEscape(r.idArret) +
        '\t' +
        r.type +
        '\t' +
        r.nir +
        '\t' +
        copyEscape(r.birthName) +
        '\t' +
        copyEscape(r.firstNames) +
        '\t' +
        r.birthDate +
        '\t' +
        r.sex +
        '\t' +
        copyText(r.siret) +
        '\t' +
        r.startDate +
        '\t' +
        copyText(r.expectedEndDate) +
        '\t' +
        copyText(r.actualEndDate) +
        '\t' +
        r.nature +
        '\t' +
        (r.tpt ? 't' : 'f') +
        '\t' +
        (r.ald ? 't' : 'f') +
        '\t' +
        r.motif +
        '\t' +
        r.consentDate +
        '\t' +
        copyText(r.contact) +
        '\t' +
        r.hash +
        '\n';
    }
    await asOwner(db, async () => {
      // Through the same single connection: the transaction opened by Kysely is the session's.
      await pglite.query(`copy flux_staging (${STAGING_COLUMNS}) from '/dev/blob'`, [], { blob: new Blob(parts) });
      await sql`analyze flux_staging (${sql.raw(STAGING_KEYS_LOADED)})`.execute(db);
    });
    return;
  }
  const col = <T>(f: (r: StagingRow) => T) => rows.map(f);
  await exec(db, sql`insert into flux_staging (${sql.raw(STAGING_COLUMNS)})
    select ${tenantId}::uuid, ${batchId}::uuid, u.*
      from unnest(${col((r) => r.line)}::int[], ${col((r) => r.emetteur)}::text[], ${col((r) => r.idMessage)}::text[], ${col((r) => r.idArret)}::text[],
                  ${col((r) => r.type)}::text[], ${col((r) => r.nir)}::text[], ${col((r) => r.birthName)}::text[], ${col((r) => r.firstNames)}::text[],
                  ${col((r) => r.birthDate)}::date[], ${col((r) => r.sex)}::smallint[], ${col((r) => r.siret)}::text[], ${col((r) => r.startDate)}::date[],
                  ${col((r) => r.expectedEndDate)}::date[], ${col((r) => r.actualEndDate)}::date[], ${col((r) => r.nature)}::text[], ${col((r) => r.tpt)}::boolean[],
                  ${col((r) => r.ald)}::boolean[], ${col((r) => r.motif)}::text[], ${col((r) => r.consentDate)}::date[], ${col((r) => r.contact)}::text[],
                  ${col((r) => r.hash)}::text[]) as u`);
  await asOwner(db, () => sql`analyze flux_staging (${sql.raw(STAGING_KEYS_LOADED)})`.execute(db));
}

/**
 * The staging columns the statements join, group or filter on — the only ones whose statistics
 * steer a plan (the names, dates and motifs are copied, never compared): ANALYZE of these
 * takes about a third of a whole-table ANALYZE per chunk.
 */
const STAGING_KEYS_LOADED = 'emetteur, id_message, id_arret, type_message, nir, siret_employeur, outcome, worker_id';
/** After the arrêts: what the remaining statements select on (outcome, worker, dossier, arrêt, message key). */
const STAGING_KEYS_DECIDED = 'outcome, worker_id, dossier_id, arret_id, emetteur, id_message';

/**
 * Fresh statistics for the chunk (its own uncommitted rows count): without them the planner
 * takes the staging table for empty and joins it with itself by nested loops. ANALYZE needs
 * the owner (PostgreSQL < 17), taken for that statement only.
 */
export async function analyzeStaging(db: Q) {
  await asOwner(db, () => sql`analyze flux_staging (${sql.raw(STAGING_KEYS_DECIDED)})`.execute(db));
}

/**
 * Same id_message seen before: in flux_message (earlier batches and chunks) or earlier in
 * this chunk. Same content → duplicate (a repeat inside the chunk takes the outcome of its
 * first occurrence at the end: 'repeat'); other content → CONFLIT.
 */
export async function markDuplicatesAndConflicts(db: Q, tenantId: string, conflictMessage: string) {
  await exec(db, sql`with k as (
      select s.emetteur, s.id_message, min(s.line) as first_line, (array_agg(s.content_hash order by s.line))[1] as first_hash
        from flux_staging s group by s.emetteur, s.id_message
    ), r as (
      select k.*, m.content_hash as db_hash
        from k left join flux_message m on m.tenant_id = ${tenantId} and m.emetteur = k.emetteur and m.id_message = k.id_message
    )
    update flux_staging s set
      outcome = case when s.content_hash <> coalesce(r.db_hash, r.first_hash) then 'conflit' when r.db_hash is not null then 'doublon' else 'repeat' end,
      reject_code = case when s.content_hash <> coalesce(r.db_hash, r.first_hash) then 'CONFLIT' end,
      reject_field = case when s.content_hash <> coalesce(r.db_hash, r.first_hash) then 'id_message' end,
      reject_message = case when s.content_hash <> coalesce(r.db_hash, r.first_hash) then ${conflictMessage} end
    from r
    where s.emetteur = r.emetteur and s.id_message = r.id_message and (r.db_hash is not null or s.line > r.first_line)`);
}

/** Known NIR: attach the worker; another birth date or sex → quarantine. */
export async function matchWorkers(db: Q, tenantId: string) {
  await exec(db, sql`update flux_staging s set
      worker_id = w.id,
      outcome = case when w.birth_date <> s.date_naissance or w.sex <> s.sexe then 'quarantaine' end
    from worker w
    where s.outcome is null and w.tenant_id = ${tenantId} and w.nir = s.nir`);
}

/** Unknown NIR: one worker per NIR from its first line (identity « récupérée »). */
export async function createWorkers(db: Q, tenantId: string, now: Date) {
  await exec(db, sql`with n as (
      select distinct on (s.nir) s.nir, s.nom_naissance, s.prenoms, s.date_naissance, s.sexe
        from flux_staging s where s.outcome is null and s.worker_id is null
       order by s.nir, s.line
    ), ins as (
      insert into worker (tenant_id, nir, identity_status, birth_name, first_names, birth_date, sex, created_at, updated_at)
      select ${tenantId}, n.nir, 'recuperee', n.nom_naissance, n.prenoms, n.date_naissance, n.sexe, ${now}, ${now} from n
      returning id, nir, birth_date, sex
    )
    update flux_staging s set
      worker_id = ins.id,
      outcome = case when ins.birth_date <> s.date_naissance or ins.sex <> s.sexe then 'quarantaine' end
    from ins
    where s.outcome is null and s.worker_id is null and s.nir = ins.nir`);
}

/** A staged line as received, as JSON (quarantine, out of scope; read back by quarantine-payload.ts). */
const LINE_PAYLOAD = sql`jsonb_strip_nulls(jsonb_build_object(
             'emetteur', s.emetteur, 'id_message', s.id_message, 'id_arret', s.id_arret, 'type_message', s.type_message,
             'nir', s.nir::text, 'nom_naissance', s.nom_naissance, 'prenoms', s.prenoms, 'date_naissance', s.date_naissance::text,
             'sexe', s.sexe::text, 'siret_employeur', s.siret_employeur, 'date_debut', s.date_debut::text,
             'date_fin_prevue', s.date_fin_prevue::text, 'date_fin_effective', s.date_fin_effective::text, 'nature', s.nature,
             'temps_partiel_therapeutique', case when s.temps_partiel_therapeutique then '1' else '0' end,
             'ald', case when s.ald then '1' else '0' end, 'motif', s.motif, 'consentement', 'oui',
             'date_consentement', s.date_consentement::text, 'contact_service_medical', s.contact_service_medical))`;

/**
 * Scope (issue 14 item 2): a line whose employer SIRET is absent or not a member company of the
 * service is « hors périmètre » — unless it is about an episode the service already follows (an
 * arrêt known, or a line of the same episode in this chunk with a member employer): a prolongation
 * or an end without SIRET still reaches a followed worker. Runs before the workers are matched:
 * an out-of-scope line creates no worker, arrêt, dossier, signal or task.
 */
export async function markOutOfScope(db: Q, tenantId: string) {
  // One pass over the chunk's episodes (a hash join back to the lines): an anti-join against the
  // episodes of member lines turned into a nested loop over the whole chunk once the statistics grew.
  await exec(db, sql`with m as materialized (
      select c.siret::text as siret from company c where c.tenant_id = ${tenantId} and c.member
    ), ep as materialized (
      select s.emetteur, s.id_arret from flux_staging s left join m on m.siret = s.siret_employeur
       where s.outcome is null group by s.emetteur, s.id_arret having bool_and(m.siret is null)
    )
    update flux_staging s set outcome = 'hors_perimetre'
      from ep
     where s.outcome is null and ep.emetteur = s.emetteur and ep.id_arret = s.id_arret
       and not exists (select 1 from arret a where a.tenant_id = ${tenantId} and a.emetteur = s.emetteur and a.external_id = s.id_arret)`);
}

/** The out-of-scope lines, listed for the cell with the answer to send back (« salarié non suivi par ce service »). */
export async function insertOutOfScope(db: Q, tenantId: string, batchId: string, now: Date) {
  await exec(db, sql`insert into flux_out_of_scope (tenant_id, batch_id, line, emetteur, id_message, id_arret, type_message, siret, start_date, payload, created_at)
    select ${tenantId}, ${batchId}, s.line, s.emetteur, s.id_message, s.id_arret, s.type_message, s.siret_employeur, s.date_debut,
           ${LINE_PAYLOAD}, ${now}
      from flux_staging s where s.outcome = 'hors_perimetre'
    on conflict (tenant_id, emetteur, id_message) do nothing`);
}

/** Diverging identities go to the reconciliation worklist with the line as received. */
export async function insertQuarantine(db: Q, tenantId: string, batchId: string, now: Date) {
  await exec(db, sql`insert into flux_quarantine (tenant_id, batch_id, line, emetteur, id_message, code, payload, worker_id, created_at)
    select ${tenantId}, ${batchId}, s.line, s.emetteur, s.id_message, 'IDENTITE_DIVERGENTE',
           ${LINE_PAYLOAD},
           s.worker_id, ${now}
      from flux_staging s where s.outcome = 'quarantaine'
    on conflict (tenant_id, emetteur, id_message) do nothing`);
}

/**
 * A prolongation or an end must not end before the episode starts (the start known in
 * this chunk's last initial, else in the database, else the episode's first message); an
 * initial must not start after a recorded actual end.
 */
export async function rejectIncoherentEpisodes(db: Q, tenantId: string, messages: { prolongation: string; fin: string; initial: string }) {
  await exec(db, sql`with ref as (
      select s.emetteur, s.id_arret,
             (array_agg(s.date_debut order by s.line desc) filter (where s.type_message = 'initial'))[1] as chunk_start,
             (array_agg(s.date_debut order by s.line))[1] as first_start
        from flux_staging s where s.outcome is null group by s.emetteur, s.id_arret
    ), x as (
      select ref.*, a.start_date as db_start, a.actual_end_date as db_actual_end
        from ref left join arret a on a.tenant_id = ${tenantId} and a.emetteur = ref.emetteur and a.external_id = ref.id_arret
    )
    update flux_staging s set
      outcome = 'rejete',
      reject_code = 'DATES_INCOHERENTES',
      reject_field = case s.type_message when 'prolongation' then 'date_fin_prevue' when 'fin' then 'date_fin_effective' else 'date_debut' end,
      reject_message = case s.type_message when 'prolongation' then ${messages.prolongation} when 'fin' then ${messages.fin} else ${messages.initial} end
    from x
    where s.outcome is null and s.emetteur = x.emetteur and s.id_arret = x.id_arret and (
      (s.type_message = 'prolongation' and s.date_fin_prevue < coalesce(x.chunk_start, x.db_start, x.first_start))
      or (s.type_message = 'fin' and s.date_fin_effective < coalesce(x.chunk_start, x.db_start, x.first_start))
      or (s.type_message = 'initial' and x.db_actual_end is not null and s.date_debut > x.db_actual_end))`);
}

/**
 * Applies the chunk's messages to the episodes, in line order per episode: the last initial
 * sets start, nature and expected end; a later prolongation moves the expected end; the last
 * fin sets the actual end; an annulation cancels (the row is kept). Unknown episodes are
 * created, flagged for review when no initial was received. One statement.
 */
export async function upsertArrets(db: Q, tenantId: string, now: Date) {
  const newStart = sql`coalesce(g.initial_start, a.start_date)`;
  const newStartIns = sql`coalesce(g.initial_start, g.first_start)`;
  const clamp = (v: RawBuilder<unknown>, start: RawBuilder<unknown>) => sql`case when ${v} is null then null when ${v} < ${start} then ${start} else ${v} end`;
  await sql`with g as (
      select s.emetteur, s.id_arret,
             (array_agg(s.worker_id order by s.line))[1] as worker_id,
             bool_or(s.type_message = 'initial') as has_initial,
             (array_agg(s.date_debut order by s.line desc) filter (where s.type_message = 'initial'))[1] as initial_start,
             (array_agg(s.nature order by s.line desc) filter (where s.type_message = 'initial'))[1] as initial_nature,
             (array_agg(s.date_debut order by s.line))[1] as first_start,
             (array_agg(s.nature order by s.line))[1] as first_nature,
             (array_agg(s.date_fin_prevue order by s.line desc) filter (where s.type_message in ('initial', 'prolongation')))[1] as expected_end,
             (array_agg(s.date_fin_effective order by s.line desc) filter (where s.type_message = 'fin'))[1] as actual_end,
             (array_agg(s.ald order by s.line desc) filter (where s.type_message in ('initial', 'prolongation')))[1] as ald,
             (array_agg(s.temps_partiel_therapeutique order by s.line desc) filter (where s.type_message in ('initial', 'prolongation')))[1] as tpt,
             (array_agg(s.ald order by s.line desc))[1] as any_ald,
             (array_agg(s.temps_partiel_therapeutique order by s.line desc))[1] as any_tpt,
             (array_agg(s.siret_employeur order by s.line desc) filter (where s.siret_employeur is not null))[1] as siret,
             bool_or(s.type_message = 'annulation') as cancelled
        from flux_staging s where s.outcome is null group by s.emetteur, s.id_arret
    ), gc as (
      select g.*, c.id as company_id from g left join company c on c.tenant_id = ${tenantId} and c.siret = g.siret
    ), upd as (
      update arret a set
        start_date = ${newStart},
        nature = coalesce(g.initial_nature, a.nature),
        expected_end_date = ${clamp(sql`coalesce(g.expected_end, a.expected_end_date)`, newStart)},
        actual_end_date = ${clamp(sql`coalesce(g.actual_end, a.actual_end_date)`, newStart)},
        ald = coalesce(g.ald, a.ald),
        temps_partiel_therapeutique = coalesce(g.tpt, a.temps_partiel_therapeutique),
        company_id = coalesce(g.company_id, a.company_id),
        cancelled_at = case when g.cancelled then coalesce(a.cancelled_at, ${now}) else a.cancelled_at end,
        updated_at = ${now}
      from gc g
      where a.tenant_id = ${tenantId} and a.emetteur = g.emetteur and a.external_id = g.id_arret
      returning a.id
    )
    insert into arret (tenant_id, worker_id, source, emetteur, external_id, nature, start_date, expected_end_date, actual_end_date,
                       ald, temps_partiel_therapeutique, company_id, cancelled_at, needs_review, created_at, updated_at)
    select ${tenantId}, g.worker_id, 'flux_am', g.emetteur, g.id_arret, coalesce(g.initial_nature, g.first_nature), ${newStartIns},
           ${clamp(sql`g.expected_end`, newStartIns)}, ${clamp(sql`g.actual_end`, newStartIns)},
           coalesce(g.ald, g.any_ald), coalesce(g.tpt, g.any_tpt), g.company_id,
           case when g.cancelled then ${now}::timestamptz end, not g.has_initial, ${now}, ${now}
      from gc g
     where not exists (select 1 from arret a where a.tenant_id = ${tenantId} and a.emetteur = g.emetteur and a.external_id = g.id_arret)
    on conflict (tenant_id, emetteur, external_id) where external_id is not null do nothing`.execute(db);
  await exec(db, sql`update flux_staging s set arret_id = a.id, outcome = 'accepte'
    from arret a
    where s.outcome is null and a.tenant_id = ${tenantId} and a.emetteur = s.emetteur and a.external_id = s.id_arret`);
}

/** Accepted lines of workers with an open dossier join it (and the dossier is touched). */
export async function attachOpenDossiers(db: Q, tenantId: string, openStates: readonly string[], now: Date) {
  await exec(db, sql`with w as materialized (
      select distinct worker_id from flux_staging where outcome = 'accepte'
    ), d as materialized (
      select distinct on (d.worker_id) d.worker_id, d.id
        from w join dossier d on d.tenant_id = ${tenantId} and d.worker_id = w.worker_id and d.state in (${sql.join(openStates)})
       order by d.worker_id, d.opened_at desc
    )
    update flux_staging s set dossier_id = d.id
    from d
    where s.outcome = 'accepte' and s.worker_id = d.worker_id`);
  await exec(db, sql`with t as materialized (
      select distinct dossier_id from flux_staging where outcome = 'accepte' and dossier_id is not null
    )
    update dossier d set updated_at = ${now}, version = d.version + 1
      from t
     where d.tenant_id = ${tenantId} and d.id = t.dossier_id`);
}

/**
 * Triage (issue 14 item 1): the chunk's accepted lines of workers without an open dossier join
 * the worker's open triage item « À qualifier », created when he has none (one per worker: the
 * partial unique index triage_item_open_uq). No dossier is opened: the cell decides.
 */
export async function triageWithoutDossier(db: Q, tenantId: string, now: Date) {
  await exec(db, sql`with w as materialized (
      select s.worker_id, min(s.line) as first_line from flux_staging s
       where s.outcome = 'accepte' and s.dossier_id is null group by s.worker_id
    ), ins as (
      insert into triage_item (tenant_id, worker_id, status, first_received_at, last_received_at, created_at)
      select ${tenantId}, w.worker_id, 'a_qualifier', ${now}, ${now}, ${now} from w order by w.first_line
      on conflict (tenant_id, worker_id) where status = 'a_qualifier' do update set last_received_at = excluded.last_received_at
      returning id, worker_id
    )
    update flux_staging s set triage_item_id = ins.id
      from ins where s.outcome = 'accepte' and s.dossier_id is null and s.worker_id = ins.worker_id`);
}

/** The message's stable id for the signal's origin (flux_message is keyed by emetteur + id_message). */
export const MESSAGE_ORIGIN_ID = sql`md5(s.emetteur || chr(31) || s.id_message)::uuid`;

/**
 * Records the messages (accepted and quarantined) for idempotence, and one signal per
 * accepted line; the dossier's timeline gets one entry per chunk listing its signals (a
 * worker's initial and prolongations arriving together make one entry, not one each).
 */
export async function recordMessagesAndSignals(
  db: Q,
  tenantId: string,
  batchId: string,
  props: { now: Date; authorUserId: string | null; authorOrganisationId: string; authorName: string; signalTitle: string; originLabel: string },
) {
  const { now } = props;
  await exec(db, sql`insert into flux_message (tenant_id, emetteur, id_message, content_hash, batch_id, line, outcome, arret_id, worker_id, received_at)
    select ${tenantId}, s.emetteur, s.id_message, s.content_hash, ${batchId}, s.line, s.outcome, s.arret_id, s.worker_id, ${now}
      from flux_staging s where s.outcome in ('accepte', 'quarantaine', 'hors_perimetre')
    on conflict (tenant_id, emetteur, id_message) do nothing`);
  // Signals and the timeline of open dossiers are both read from the staged lines: no RETURNING of
  // every signal kept in memory for the few lines whose worker has an open dossier. A signal can
  // only exist already for a message flux_message already holds, and such a line is a duplicate.
  await exec(db, sql`insert into signal (tenant_id, worker_id, dossier_id, source, kind, reason, received_at, consent_given, consent_date, arret_id,
                          author_user_id, author_organisation_id, origin_table, origin_id, triage_item_id, created_at)
      select ${tenantId}, s.worker_id, s.dossier_id, 'flux_am', 'arret', ${SIGNAL_REASON}, ${now}, true, s.date_consentement, s.arret_id,
             ${props.authorUserId}, ${props.authorOrganisationId}, 'flux_message', ${MESSAGE_ORIGIN_ID}, s.triage_item_id, ${now}
        from flux_staging s where s.outcome = 'accepte'
      on conflict (tenant_id, origin_table, origin_id) where origin_id is not null do nothing`);
  await exec(db, sql`insert into timeline_entry (tenant_id, dossier_id, kind, category, title, body, shared_with_worker, author_user_id, author_name, created_at)
    select ${tenantId}, s.dossier_id, 'signal', 'administrative', ${props.signalTitle},
           ${props.originLabel} || ' : ' || case when count(*) = 1 then min(${SIGNAL_REASON})
             else count(*) || ' messages — ' || string_agg(distinct ${SIGNAL_REASON}, ' ; ') end,
           false, ${props.authorUserId}, ${props.authorName}, ${now}
      from flux_staging s where s.outcome = 'accepte' and s.dossier_id is not null group by s.dossier_id`);
}

/** A repeat of a line inside the chunk takes its first occurrence's outcome (accepted → duplicate). */
export async function resolveRepeats(db: Q) {
  await exec(db, sql`update flux_staging s set
      outcome = case when f.outcome in ('accepte', 'quarantaine', 'hors_perimetre', 'doublon') then 'doublon' else f.outcome end,
      reject_code = f.reject_code, reject_field = f.reject_field, reject_message = f.reject_message
    from flux_staging f
    where s.outcome = 'repeat' and f.emetteur = s.emetteur and f.id_message = s.id_message
      and f.content_hash = s.content_hash and f.outcome <> 'repeat'`);
}

/** The chunk's rejections: those found by the pipeline (staging) and by line validation. */
export async function insertRejections(db: Q, tenantId: string, batchId: string, rows: readonly RejectionRow[], fromStaging: boolean) {
  if (fromStaging) await exec(db, sql`insert into import_rejection (tenant_id, batch_id, line, emetteur, id_message, code, field, message)
    select ${tenantId}, ${batchId}, s.line, s.emetteur, s.id_message, s.reject_code, s.reject_field, s.reject_message
      from flux_staging s where s.outcome in ('conflit', 'rejete')
    on conflict do nothing`);
  if (rows.length === 0) return;
  await exec(db, sql`insert into import_rejection (tenant_id, batch_id, line, emetteur, id_message, code, field, message)
    select ${tenantId}, ${batchId}, u.* from unnest(${rows.map((r) => r.line)}::int[], ${rows.map((r) => r.emetteur)}::text[],
      ${rows.map((r) => r.idMessage)}::text[], ${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.field)}::text[], ${rows.map((r) => r.message)}::text[]) as u
    on conflict do nothing`);
}

/** Outcome counts of the staged lines, and the episodes touched (for the rules). */
export async function stagingOutcome(db: Q) {
  const r = await sql<{ accepted: number; duplicates: number; rejected: number; quarantined: number; out_of_scope: number; pending: number; arret_ids: string[] | null }>`
    select count(*) filter (where outcome = 'accepte')::int as accepted,
           count(*) filter (where outcome = 'doublon')::int as duplicates,
           count(*) filter (where outcome in ('conflit', 'rejete'))::int as rejected,
           count(*) filter (where outcome = 'quarantaine')::int as quarantined,
           count(*) filter (where outcome = 'hors_perimetre')::int as out_of_scope,
           count(*) filter (where outcome is null or outcome not in ('accepte', 'doublon', 'conflit', 'rejete', 'quarantaine', 'hors_perimetre'))::int as pending,
           array_agg(distinct arret_id) filter (where outcome = 'accepte') as arret_ids
      from flux_staging`.execute(db);
  return r.rows[0];
}
