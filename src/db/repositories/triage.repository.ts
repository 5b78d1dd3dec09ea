/**
 * SQL of the triage « À qualifier » (migration 0023): the open item of a worker, the list with
 * what the cell decides on, and the decisions — set-based, whatever the number of items.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../schema';
import { normaliseSearchWord } from './worker.repository';
import { TRIAGE_TASK, type TriageTaskProposal, type WorkerTriage } from '../../domain/intake/triage';

type Q = Kysely<DB>;

/** Triage state of workers without an open dossier: their open item, and whether the cell already decided on one. */
export async function findWorkerTriage(db: Q, tenantId: string, workerIds: readonly string[]): Promise<Map<string, WorkerTriage>> {
  const r = await sql<{ worker_id: string; open_id: string | null; decided: boolean }>`
    select t.worker_id, (array_agg(t.id) filter (where t.status = 'a_qualifier'))[1] as open_id,
           bool_or(t.status in ('non_retenu', 'hors_perimetre')) as decided
      from triage_item t where t.tenant_id = ${tenantId} and t.worker_id = any(${workerIds as string[]}::uuid[])
     group by t.worker_id`.execute(db);
  const out = new Map<string, WorkerTriage>();
  for (const x of r.rows) {
    // Only a worker still in triage, or set aside, is gated; an item « retenu » means a dossier was opened.
    if (x.open_id || x.decided) out.set(x.worker_id, { openItemId: x.open_id, decided: x.decided });
  }
  return out;
}

/** One « Qualifier le signalement » task per item (unique rule + subject: never twice). */
export async function insertTriageTasks(db: Q, tenantId: string, rows: readonly TriageTaskProposal[], at: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await sql<{ n: number }>`
    with ins as (
      insert into task (tenant_id, worker_id, dossier_id, kind, title, due_date, rule_id, subject_ref, created_at)
      select ${tenantId}::uuid, u.worker_id, null, ${TRIAGE_TASK.kind}, ${TRIAGE_TASK.title}, u.due_date, ${TRIAGE_TASK.ruleId}, 'triage:' || u.item_id, ${at}::timestamptz
        from unnest(${rows.map((x) => x.workerId)}::uuid[], ${rows.map((x) => x.itemId)}::uuid[], ${rows.map((x) => x.dueDate)}::date[]) as u(worker_id, item_id, due_date)
      on conflict (tenant_id, rule_id, subject_ref) where rule_id is not null do nothing
      returning 1
    ) select count(*)::int as n from ins`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** The worker's open item, created when he has none; its last reception moves to `at`. */
export async function upsertOpenItem(db: Q, tenantId: string, workerId: string, at: Date): Promise<{ id: string; created: boolean }> {
  const r = await sql<{ id: string; created: boolean }>`
    insert into triage_item (tenant_id, worker_id, status, first_received_at, last_received_at, created_at)
    values (${tenantId}, ${workerId}, 'a_qualifier', ${at}, ${at}, ${at})
    on conflict (tenant_id, worker_id) where status = 'a_qualifier' do update set last_received_at = excluded.last_received_at
    returning id, (xmax = 0) as created`.execute(db);
  return r.rows[0];
}

export interface TriageFilter {
  tenantId: string;
  status: string;
  source?: readonly string[];
  /** true: employer a member company; false: not a member or unknown. */
  member?: boolean;
  /** Absence so far of at least this many days. */
  minDays?: number;
  /** Normalised words of the worker's name. */
  search?: string;
  today: string;
}

/**
 * The worker's absence « à ce jour » — the SQL of the domain's `absenceSoFar`
 * (domain/intake/absence-so-far.ts, on `absences` of rules.ts), proved equal on random arrêt sets
 * by test/integration/triage-absence.int.test.ts: arrêts not cancelled, in (start, id) order; an
 * arrêt starting more than one day after the last day of every earlier one (actual end, else
 * expected end, else today) opens a new absence; the absence shown is the latest one started on
 * or before today, else the first to come. `days`: start … min(last day, today), both included,
 * at least 0 — the value shown, sorted on (`sort=absence`) and filtered on (`minDays`).
 */
const ABSENCE = (today: string) => sql`
  left join lateral (
    select g.start_date, case when g.open_ended then null else g.end_date end as end_date,
           greatest(least(g.end_date, ${today}::date) - g.start_date + 1, 0) as days,
           (g.start_date <= ${today}::date and g.end_date >= ${today}::date) as ongoing,
           g.natures, g.tpt
      from (
        select min(b.start_date) as start_date, max(b.end_date) as end_date,
               -- An arrêt without any end ends today: it is the last one when the absence ends today.
               bool_or(b.open) and max(b.end_date) = ${today}::date as open_ended,
               array_agg(distinct b.nature) as natures,
               bool_or(b.tpt and b.start_date <= ${today}::date and b.end_date >= ${today}::date) as tpt
          from (
            select s.*, sum(s.opens) over (order by s.start_date, s.id rows unbounded preceding) as absence
              from (
                select r.*, case when r.start_date <= max(r.end_date) over (order by r.start_date, r.id rows between unbounded preceding and 1 preceding) + 1
                                 then 0 else 1 end as opens
                  from (
                    select a.id, a.start_date, a.nature, a.temps_partiel_therapeutique as tpt,
                           coalesce(a.actual_end_date, a.expected_end_date, ${today}::date) as end_date,
                           (a.actual_end_date is null and a.expected_end_date is null) as open
                      from arret a where a.tenant_id = t.tenant_id and a.worker_id = t.worker_id and a.cancelled_at is null
                  ) r
              ) s
          ) b
         group by b.absence
      ) g
     order by (g.start_date <= ${today}::date) desc, abs(g.start_date - ${today}::date)
     limit 1
  ) ab on true`;

/** The employer: the latest arrêt's company (not cancelled), else the current employment's. */
const EMPLOYER = (today: string) => sql`
  left join lateral (
    select a.company_id from arret a where a.tenant_id = t.tenant_id and a.worker_id = t.worker_id and a.cancelled_at is null
     order by a.start_date desc limit 1
  ) la on true
  left join lateral (
    select c.id, c.name, c.siret, c.member from company c
     where c.tenant_id = t.tenant_id and c.id = coalesce(la.company_id, (
       select e.company_id from employment e where e.tenant_id = t.tenant_id and e.worker_id = t.worker_id
          and (e.end_date is null or e.end_date >= ${today}::date) order by e.start_date desc limit 1))
  ) co on true`;

function where(f: TriageFilter): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`t.tenant_id = ${f.tenantId}`, sql`t.status = ${f.status}`];
  if (f.source && f.source.length > 0) {
    parts.push(sql`exists (select 1 from signal s where s.tenant_id = t.tenant_id and s.triage_item_id = t.id and s.source = any(${f.source as string[]}::text[]))`);
  }
  if (f.member === true) parts.push(sql`coalesce(co.member, false)`);
  if (f.member === false) parts.push(sql`not coalesce(co.member, false)`);
  if (f.minDays !== undefined) parts.push(sql`coalesce(ab.days, 0) >= ${f.minDays}`);
  if (f.search) {
    for (const word of normaliseSearchWord(f.search).split(' ').filter(Boolean).slice(0, 5)) {
      parts.push(sql`w.search_text like ${'% ' + word.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
    }
  }
  return sql.join(parts, sql` and `);
}

/** The rows and their facts; the absence only when shown, sorted or filtered on (it costs a window per worker). */
const FROM = (today: string, absence: boolean) =>
  sql`from triage_item t join worker w on w.tenant_id = t.tenant_id and w.id = t.worker_id ${absence ? ABSENCE(today) : sql``} ${EMPLOYER(today)}`;

export async function countItems(db: Q, f: TriageFilter): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n ${FROM(f.today, f.minDays !== undefined)} where ${where(f)}`.execute(db);
  return r.rows[0].n;
}

export async function countByStatus(db: Q, tenantId: string): Promise<Record<string, number>> {
  const r = await sql<{ status: string; n: number }>`select status, count(*)::int as n from triage_item where tenant_id = ${tenantId} group by status`.execute(db);
  return Object.fromEntries(r.rows.map((x) => [x.status, x.n]));
}

export async function countOpen(db: Q, tenantId: string): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from triage_item where tenant_id = ${tenantId} and status = 'a_qualifier'`.execute(db);
  return r.rows[0].n;
}

/** Ids matching the filter (a bulk decision on « all the rows of the filter »), at most `limit`. */
export async function findItemIds(db: Q, f: TriageFilter, limit: number): Promise<string[]> {
  const r = await sql<{ id: string }>`select t.id ${FROM(f.today, f.minDays !== undefined)} where ${where(f)} order by t.last_received_at desc, t.id limit ${limit}`.execute(db);
  return r.rows.map((x) => x.id);
}

export type TriageSort = 'recu' | 'absence' | 'echeance';

/** Due date of the item's « à qualifier » task. */
const TASK_DUE = sql`
  left join lateral (
    select min(k.due_date) as due from task k where k.tenant_id = t.tenant_id and k.rule_id = ${TRIAGE_TASK.ruleId}
       and k.subject_ref = 'triage:' || t.id and k.status = 'a_faire'
  ) tk on true`;

export interface TriageRow {
  id: string;
  status: string;
  first_received_at: Date;
  last_received_at: Date;
  decided_at: Date | null;
  decision_reason: string | null;
  worker_id: string;
  birth_name: string;
  usage_name: string | null;
  first_names: string;
  birth_date: string;
  absence_start: string | null;
  absence_end: string | null;
  /** Days of the absence so far (`ABSENCE`). */
  absence_days: number | null;
  absence_ongoing: boolean | null;
  /** Natures of the absence's arrêts, each once, in no order. */
  absence_natures: string[] | null;
  /** A TPT arrêt of the absence covers today. */
  absence_tpt: boolean | null;
  company_id: string | null;
  company_name: string | null;
  company_siret: string | null;
  company_member: boolean | null;
  signals: number;
  arrets: number;
  sources: string[];
  last_reason: string | null;
  earlier_dossiers: number;
  last_dossier_reference: string | null;
  last_dossier_state: string | null;
  earlier_set_aside: number;
  index_level: number | null;
  index_signed_at: Date | null;
  open_dossier_id: string | null;
  open_dossier_reference: string | null;
  task_due: string | null;
  dossier_reference: string | null;
}

export async function findItemsPage(db: Q, f: TriageFilter, opts: { sort: TriageSort; limit: number; offset: number; ids?: readonly string[] }): Promise<TriageRow[]> {
  const order =
    opts.sort === 'absence'
      ? sql`ab.days desc nulls last, t.last_received_at desc`
      : opts.sort === 'echeance'
        ? sql`tk.due nulls last, t.last_received_at desc`
        : sql`t.last_received_at desc`;
  const filter = opts.ids ? sql`t.tenant_id = ${f.tenantId} and t.id = any(${opts.ids as string[]}::uuid[])` : where(f);
  // The page first (the absence computed over the whole filtered list only when sorted or filtered on), then its facts.
  const withAbsence = opts.sort === 'absence' || (!opts.ids && f.minDays !== undefined);
  const page = sql`
    select t.id, row_number() over (order by ${order}, t.id) as ord
      ${FROM(f.today, withAbsence)} ${opts.sort === 'echeance' ? TASK_DUE : sql``}
     where ${filter}
     order by ${order}, t.id
     limit ${opts.limit} offset ${opts.offset}`;
  const r = await sql<TriageRow>`
    select t.id, t.status, t.first_received_at, t.last_received_at, t.decided_at, t.decision_reason,
           w.id as worker_id, w.birth_name, w.usage_name, w.first_names, w.birth_date::text as birth_date,
           ab.start_date::text as absence_start, ab.end_date::text as absence_end, ab.days as absence_days, ab.ongoing as absence_ongoing,
           ab.natures::text[] as absence_natures, ab.tpt as absence_tpt,
           co.id as company_id, co.name as company_name, co.siret::text as company_siret, co.member as company_member,
           sg.signals, sg.arrets, sg.sources, sg.last_reason,
           dh.earlier_dossiers, dh.last_reference as last_dossier_reference, dh.last_state as last_dossier_state,
           (select count(*)::int from triage_item p where p.tenant_id = t.tenant_id and p.worker_id = t.worker_id and p.id <> t.id
              and p.status in ('non_retenu', 'hors_perimetre')) as earlier_set_aside,
           ix.final_level as index_level, ix.signed_at as index_signed_at,
           od.id as open_dossier_id, od.reference as open_dossier_reference,
           tk.due::text as task_due,
           (select d.reference from dossier d where d.tenant_id = t.tenant_id and d.id = t.dossier_id) as dossier_reference
      from (${page}) pg
      join triage_item t on t.tenant_id = ${f.tenantId} and t.id = pg.id
      join worker w on w.tenant_id = t.tenant_id and w.id = t.worker_id
      ${ABSENCE(f.today)} ${EMPLOYER(f.today)} ${TASK_DUE}
      left join lateral (
        select count(*)::int as signals, count(distinct s.arret_id)::int as arrets, array_agg(distinct s.source) as sources,
               (array_agg(s.reason order by s.received_at desc))[1] as last_reason
          from signal s where s.tenant_id = t.tenant_id and s.triage_item_id = t.id
      ) sg on true
      left join lateral (
        select count(*)::int as earlier_dossiers, (array_agg(d.reference order by d.opened_at desc))[1] as last_reference,
               (array_agg(d.state order by d.opened_at desc))[1] as last_state
          from dossier d where d.tenant_id = t.tenant_id and d.worker_id = t.worker_id and d.state in ('sorti', 'suivi', 'clos', 'non_retenu', 'reoriente')
      ) dh on true
      left join lateral (
        select r.final_level, r.signed_at from risk_assessment r where r.tenant_id = t.tenant_id and r.worker_id = t.worker_id
         order by r.signed_at desc limit 1
      ) ix on true
      left join lateral (
        select d.id, d.reference from dossier d where d.tenant_id = t.tenant_id and d.worker_id = t.worker_id
           and d.state in ('signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi') order by d.opened_at desc limit 1
      ) od on true
     order by pg.ord`.execute(db);
  return r.rows;
}

/** Claims open items for a decision (locks them); returns those still « À qualifier » with their worker. */
export async function lockOpenItems(db: Q, tenantId: string, ids: readonly string[]) {
  const r = await sql<{ id: string; worker_id: string }>`
    select id, worker_id from triage_item where tenant_id = ${tenantId} and id = any(${ids as string[]}::uuid[]) and status = 'a_qualifier'
     order by id for update`.execute(db);
  return r.rows;
}

/** Open dossiers of workers (the most recent one each). */
export async function findOpenDossiers(db: Q, tenantId: string, workerIds: readonly string[], openStates: readonly string[]) {
  const r = await sql<{ worker_id: string; id: string; reference: string }>`
    select distinct on (d.worker_id) d.worker_id, d.id, d.reference from dossier d
     where d.tenant_id = ${tenantId} and d.worker_id = any(${workerIds as string[]}::uuid[]) and d.state = any(${openStates as string[]}::text[])
     order by d.worker_id, d.opened_at desc`.execute(db);
  return r.rows;
}

/** The first signal of each item (the dossier's origin and summary). */
export async function findFirstSignals(db: Q, tenantId: string, itemIds: readonly string[]) {
  const r = await sql<{ item_id: string; source: string; reason: string }>`
    select distinct on (s.triage_item_id) s.triage_item_id as item_id, s.source, s.reason from signal s
     where s.tenant_id = ${tenantId} and s.triage_item_id = any(${itemIds as string[]}::uuid[])
     order by s.triage_item_id, s.received_at, s.id`.execute(db);
  return r.rows;
}

/**
 * Items taken on (« retenu »): each joins its dossier (`dossierOf`: item → dossier), as do its
 * signals and the rows of the channels that point at those signals (declarations, fiches,
 * saisines); the dossier gets one timeline entry listing them; the « à qualifier » task is done,
 * and the worker's open tasks outside any dossier join it. One statement per table, for all items.
 */
export async function markRetained(
  db: Q,
  tenantId: string,
  rows: ReadonlyArray<{ itemId: string; dossierId: string }>,
  props: { at: Date; userId: string | null; authorName: string; entryTitle: string },
) {
  if (rows.length === 0) return;
  const items = rows.map((r) => r.itemId);
  const dossiersOf = rows.map((r) => r.dossierId);
  const { at } = props;
  await sql`with m as (select * from unnest(${items}::uuid[], ${dossiersOf}::uuid[]) as m(item_id, dossier_id))
    update triage_item t set status = 'retenu', dossier_id = m.dossier_id, decided_at = ${at}, decided_by = ${props.userId}
      from m where t.tenant_id = ${tenantId} and t.id = m.item_id`.execute(db);
  await sql`with m as (select * from unnest(${items}::uuid[], ${dossiersOf}::uuid[]) as m(item_id, dossier_id)),
    upd as (
      update signal s set dossier_id = m.dossier_id from m
       where s.tenant_id = ${tenantId} and s.triage_item_id = m.item_id
      returning s.id, s.dossier_id, s.source, s.reason
    ), d1 as (
      update employer_declaration x set dossier_id = upd.dossier_id from upd where x.tenant_id = ${tenantId} and x.signal_id = upd.id returning 1
    ), d2 as (
      update vpr_orientation x set dossier_id = upd.dossier_id from upd where x.tenant_id = ${tenantId} and x.signal_id = upd.id returning 1
    ), d3 as (
      update saisine x set dossier_id = upd.dossier_id from upd where x.tenant_id = ${tenantId} and x.signal_id = upd.id returning 1
    )
    insert into timeline_entry (tenant_id, dossier_id, kind, category, title, body, shared_with_worker, author_user_id, author_name, created_at)
    select ${tenantId}, upd.dossier_id, 'signal', 'administrative', ${props.entryTitle},
           case when count(*) = 1 then 'Signalement qualifié : ' || min(upd.reason)
                else count(*) || ' signalements qualifiés — ' || string_agg(distinct upd.reason, ' ; ') end,
           false, ${props.userId}, ${props.authorName}, ${at}
      from upd group by upd.dossier_id`.execute(db);
  await sql`update task k set status = 'fait', done_at = ${at}, done_by = ${props.userId}
     where k.tenant_id = ${tenantId} and k.rule_id = ${TRIAGE_TASK.ruleId} and k.status = 'a_faire'
       and k.subject_ref = any(${items.map((i) => `triage:${i}`)}::text[])`.execute(db);
  await sql`with m as (select t.worker_id, t.dossier_id from triage_item t where t.tenant_id = ${tenantId} and t.id = any(${items}::uuid[]))
    update task k set dossier_id = m.dossier_id from m
     where k.tenant_id = ${tenantId} and k.worker_id = m.worker_id and k.dossier_id is null and k.status = 'a_faire'`.execute(db);
  await sql`update dossier d set updated_at = ${at}, version = d.version + 1
     where d.tenant_id = ${tenantId} and d.id = any(${[...new Set(dossiersOf)]}::uuid[])`.execute(db);
}

/** Items set aside (« Non retenu » with its reason, « Hors périmètre »): their « à qualifier » task is cancelled. */
export async function markSetAside(db: Q, tenantId: string, itemIds: readonly string[], props: { status: 'non_retenu' | 'hors_perimetre'; reason: string | null; at: Date; userId: string | null }) {
  if (itemIds.length === 0) return;
  await sql`update triage_item set status = ${props.status}, decision_reason = ${props.reason}, decided_at = ${props.at}, decided_by = ${props.userId}
     where tenant_id = ${tenantId} and id = any(${itemIds as string[]}::uuid[]) and status = 'a_qualifier'`.execute(db);
  await sql`update task set status = 'annule', done_at = ${props.at}, done_by = ${props.userId}
     where tenant_id = ${tenantId} and rule_id = ${TRIAGE_TASK.ruleId} and status = 'a_faire'
       and subject_ref = any(${itemIds.map((i) => `triage:${i}`)}::text[])`.execute(db);
}

/** Live arrêts of workers over the look-back (the rules run again when their dossier opens). */
export async function findArretIdsOfWorkers(db: Q, tenantId: string, workerIds: readonly string[], since: string): Promise<string[]> {
  const r = await sql<{ id: string }>`select a.id from arret a where a.tenant_id = ${tenantId} and a.worker_id = any(${workerIds as string[]}::uuid[])
     and coalesce(a.actual_end_date, a.expected_end_date, '9999-12-31'::date) >= ${since}::date`.execute(db);
  return r.rows.map((x) => x.id);
}

// ---------------------------------------------------------------------------------------------
// Flux lines out of the service's scope

export async function listOutOfScope(db: Q, tenantId: string, status: string, limit: number, offset: number) {
  const r = await sql<{ id: string; batch_id: string; line: number; emetteur: string; id_message: string; id_arret: string; type_message: string; siret: string | null; start_date: string; status: string; created_at: Date; company_id: string | null; company_name: string | null; company_member: boolean | null }>`
    select o.id, o.batch_id, o.line, o.emetteur, o.id_message, o.id_arret, o.type_message, o.siret, o.start_date::text as start_date, o.status, o.created_at,
           c.id as company_id, c.name as company_name, c.member as company_member
      from flux_out_of_scope o left join company c on c.tenant_id = o.tenant_id and c.siret = o.siret
     where o.tenant_id = ${tenantId} and o.status = ${status}
     order by o.created_at desc, o.line limit ${limit} offset ${offset}`.execute(db);
  return r.rows;
}

export async function countOutOfScope(db: Q, tenantId: string): Promise<Record<string, number>> {
  const r = await sql<{ status: string; n: number }>`select status, count(*)::int as n from flux_out_of_scope where tenant_id = ${tenantId} group by status`.execute(db);
  return Object.fromEntries(r.rows.map((x) => [x.status, x.n]));
}


// ---------------------------------------------------------------------------------------------
// Dossiers opened from triage

/** The same professionals and referent on every dossier opened together. */
export async function insertAssignments(db: Q, tenantId: string, dossierIds: readonly string[], userIds: readonly string[], referentId: string | null, at: Date) {
  if (dossierIds.length === 0 || userIds.length === 0) return;
  await sql`insert into dossier_assignment (tenant_id, dossier_id, user_id, is_referent, assigned_at)
    select ${tenantId}::uuid, d.id, u.id, u.id = ${referentId}::uuid, ${at}::timestamptz
      from unnest(${dossierIds as string[]}::uuid[]) as d(id) cross join unnest(${userIds as string[]}::uuid[]) as u(id)`.execute(db);
}

/** The « Ouverture du dossier » entry of each dossier opened from triage. */
export async function insertOpeningEntries(
  db: Q,
  tenantId: string,
  dossierIds: readonly string[],
  props: { at: Date; userId: string | null; authorName: string; originLabels: Readonly<Record<string, string>> },
) {
  if (dossierIds.length === 0) return;
  const origin = sql`case d.origin ${sql.join(Object.entries(props.originLabels).map(([k, v]) => sql`when ${sql.lit(k)} then ${sql.lit(v)}`), sql` `)} else d.origin end`;
  await sql`insert into timeline_entry (tenant_id, dossier_id, kind, category, title, body, shared_with_worker, author_user_id, author_name, created_at)
    select ${tenantId}, d.id, 'creation', 'administrative', 'Ouverture du dossier',
           'Dossier ouvert après qualification du signalement (origine : ' || ${origin} || '). ' || d.summary, false, ${props.userId}, ${props.authorName}, ${props.at}
      from dossier d where d.tenant_id = ${tenantId} and d.id = any(${dossierIds as string[]}::uuid[])`.execute(db);
}
