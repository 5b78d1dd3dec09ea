/** SQL of dossiers: worklist, case page parts, state changes, assignments. */
import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { EntryFilter } from '../../domain/access';
import { dossierReference } from '../../domain/dossier/origins';
import { normaliseSearchWord } from './worker.repository';
import type { DB } from '../schema';

type Q = Kysely<DB>;

export interface WorklistQuery {
  tenantId: string;
  /** Only dossiers assigned to this user. */
  assigneeId?: string;
  states?: readonly string[];
  overdueBefore?: string; // today's date: next_due_date < it
  openStates: readonly string[];
  text?: string;
  sort: 'due' | 'opened' | 'updated' | 'reference';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const escapeLike = (t: string) => t.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The worklist's FROM and WHERE. With an assignee, it starts from that user's assignment rows
 * (which carry the dossier's state and deadline: migration 0002), so the page and the counts
 * read one index range; for the whole service it starts from the dossiers.
 */
function baseWorklist(db: Q, q: Omit<WorklistQuery, 'sort' | 'order' | 'limit' | 'offset'>, withStates: boolean) {
  const byAssignee = q.assigneeId !== undefined;
  let query = db.selectFrom('dossier as d').where('d.tenant_id', '=', q.tenantId);
  if (byAssignee) {
    // The assignment index drives the plan (user, deadline); the cast only widens the row type.
    query = query
      .innerJoin('dossier_assignment as a', (j) => j.onRef('a.tenant_id', '=', 'd.tenant_id').onRef('a.dossier_id', '=', 'd.id'))
      .where('a.tenant_id', '=', q.tenantId)
      .where('a.user_id', '=', q.assigneeId!) as unknown as typeof query;
  }
  const state = byAssignee ? sql.ref('a.state') : sql.ref('d.state');
  const due = byAssignee ? sql.ref('a.next_due_date') : sql.ref('d.next_due_date');
  if (withStates && q.states && q.states.length > 0) query = query.where(state, 'in', q.states as string[]);
  if (q.overdueBefore) query = query.where(due, '<', q.overdueBefore).where(state, 'in', q.openStates as string[]);
  if (q.text) {
    const text = q.text;
    query = query.innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'd.tenant_id').onRef('w.id', '=', 'd.worker_id')) as unknown as typeof query;
    if (/^pdp-/i.test(text)) {
      query = query.where(sql`lower(d.reference)`, 'like', `${escapeLike(text.toLowerCase())}%`);
    } else {
      for (const word of normaliseSearchWord(text).split(' ').filter(Boolean).slice(0, 5)) {
        query = query.where(sql`w.search_text`, 'like', `% ${escapeLike(word)}%`);
      }
    }
  }
  return { query, state, due };
}

export async function findWorklistPage(db: Q, q: WorklistQuery) {
  const { query, due } = baseWorklist(db, q, true);
  const dir = sql.raw(q.order);
  // The page's order, on the assignment copy of the deadline inside (index order) and on the
  // dossier's own columns outside (equal by construction: migration 0002's triggers).
  const orderBy = (deadline: typeof due) =>
    ({
      due: sql`${deadline} ${dir} nulls last`,
      opened: sql`d.opened_at ${dir}`,
      updated: sql`d.updated_at ${dir}`,
      reference: sql`d.reference ${dir}`,
    })[q.sort];
  const page = query.select(['d.id']).orderBy(orderBy(due));
  // One statement: the page's ids, then each row with its worker, assignees and current
  // company (a round trip per part cost more than the parts themselves on the embedded engine).
  const ids = page.orderBy('d.id').limit(q.limit).offset(q.offset);
  return db
    .with('p', () => ids)
    .selectFrom('p')
    .innerJoin('dossier as d', (j) => j.on('d.tenant_id', '=', q.tenantId).onRef('d.id', '=', 'p.id'))
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'd.tenant_id').onRef('w.id', '=', 'd.worker_id'))
    .select((eb) => [
      'd.id',
      'd.reference',
      'd.state',
      'd.origin',
      'd.next_due_date',
      'd.opened_at',
      'd.updated_at',
      'w.id as worker_id',
      'w.birth_name',
      'w.usage_name',
      'w.first_names',
      jsonArrayFrom(
        eb
          .selectFrom('dossier_assignment as a')
          .innerJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.user_id'))
          .select(['u.id', 'u.display_name', 'a.is_referent'])
          .whereRef('a.tenant_id', '=', 'd.tenant_id')
          .whereRef('a.dossier_id', '=', 'd.id')
          .orderBy('a.is_referent', 'desc')
          .orderBy('u.display_name'),
      ).as('assignees'),
      jsonObjectFrom(
        eb
          .selectFrom('employment as e')
          .innerJoin('company as c', (j) => j.onRef('c.tenant_id', '=', 'e.tenant_id').onRef('c.id', '=', 'e.company_id'))
          .select(['c.id', 'c.name'])
          .whereRef('e.tenant_id', '=', 'w.tenant_id')
          .whereRef('e.worker_id', '=', 'w.id')
          .where('e.end_date', 'is', null)
          .orderBy('e.start_date', 'desc')
          .limit(1),
      ).as('company'),
    ])
    .orderBy(orderBy(sql.ref('d.next_due_date')))
    .orderBy('d.id')
    .execute();
}

/** Counts per state (ignoring the state filter, so tabs show every count) and overdue count. */
export async function countWorklist(db: Q, q: Omit<WorklistQuery, 'sort' | 'order' | 'limit' | 'offset'>, today: string) {
  if (q.assigneeId !== undefined && !q.text) {
    // One index range of the user's assignment rows answers it (dossier_assignment_state_idx).
    let query = db
      .selectFrom('dossier_assignment as a')
      .where('a.tenant_id', '=', q.tenantId)
      .where('a.user_id', '=', q.assigneeId);
    if (q.overdueBefore) query = query.where('a.next_due_date', '<', q.overdueBefore).where('a.state', 'in', q.openStates as string[]);
    return query
      .select(['a.state', sql<number>`count(*)::int`.as('n'), sql<number>`(count(*) filter (where a.next_due_date < ${today}))::int`.as('overdue')])
      .groupBy('a.state')
      .execute();
  }
  const { query, state, due } = baseWorklist(db, q, false);
  return query
    .select([
      sql<string>`${state}`.as('state'),
      sql<number>`count(*)::int`.as('n'),
      sql<number>`(count(*) filter (where ${due} < ${today}))::int`.as('overdue'),
    ])
    .groupBy(state)
    .execute();
}

/** Current company (latest open employment) of each worker. */
export async function findCurrentCompanies(db: Q, tenantId: string, workerIds: readonly string[]) {
  if (workerIds.length === 0) return [];
  return db
    .selectFrom('employment as e')
    .innerJoin('company as c', (j) => j.onRef('c.tenant_id', '=', 'e.tenant_id').onRef('c.id', '=', 'e.company_id'))
    .select(['e.worker_id', 'c.id', 'c.name', 'e.start_date'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.worker_id', 'in', workerIds as string[])
    .where('e.end_date', 'is', null)
    .orderBy('e.start_date', 'desc')
    .execute();
}

export async function findDossier(db: Q, tenantId: string, id: string) {
  return db.selectFrom('dossier').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findDossierForUpdate(db: Q, tenantId: string, id: string) {
  return db.selectFrom('dossier').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findOpenDossierOfWorker(db: Q, tenantId: string, workerId: string, openStates: readonly string[]) {
  return db
    .selectFrom('dossier')
    .select(['id', 'reference', 'state'])
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .where('state', 'in', openStates as string[])
    .executeTakeFirst();
}

export async function findDossiersOfWorker(db: Q, tenantId: string, workerId: string) {
  return db
    .selectFrom('dossier')
    .select(['id', 'reference', 'state', 'opened_at', 'closed_at', 'updated_at'])
    .where('tenant_id', '=', tenantId)
    .where('worker_id', '=', workerId)
    .orderBy('opened_at', 'desc')
    .execute();
}

/** Next value of a per-tenant counter (dossier references). */
export async function nextCounter(db: Q, tenantId: string, name: string): Promise<number> {
  const row = await db
    .insertInto('tenant_counter')
    .values({ tenant_id: tenantId, name, value: 1 })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet({ value: sql`tenant_counter.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}


export async function insertTransition(
  db: Q,
  row: { tenant_id: string; dossier_id: string; from_state: string | null; to_state: string; reason: string | null; actor_user_id: string | null; at: Date },
) {
  await db.insertInto('dossier_transition').values(row).execute();
}

export async function replaceAssignments(db: Q, tenantId: string, dossierId: string, userIds: readonly string[], referentId: string | null, at: Date) {
  await db.deleteFrom('dossier_assignment').where('tenant_id', '=', tenantId).where('dossier_id', '=', dossierId).execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('dossier_assignment')
    .values(userIds.map((u) => ({ tenant_id: tenantId, dossier_id: dossierId, user_id: u, is_referent: u === referentId, assigned_at: at })))
    .execute();
}

/** A dossier to open: born « Signalé » at the opening instant. */
export interface NewDossier {
  workerId: string;
  origin: string;
  summary: string;
  nextDueDate: string | null;
  /** The staff member who opened it; null when a signal from outside the cell opened it. */
  openedBy: string | null;
}

/**
 * Opens dossiers — the one way a dossier is born, for one (the cell, a signal) or for a whole
 * flux chunk: reserves their references with one counter update, then writes the dossiers
 * « Signalé » and their first transition in one statement, whatever the number of rows. The
 * rows come back in the order given. The opening entry of the timeline is the caller's event.
 */
export interface OpenedDossier {
  id: string;
  worker_id: string;
  reference: string;
  state: 'signale';
}

export async function openDossiers(db: Q, tenantId: string, rows: readonly NewDossier[], at: Date): Promise<OpenedDossier[]> {
  if (rows.length === 0) return [];
  const counter = await db
    .insertInto('tenant_counter')
    .values({ tenant_id: tenantId, name: 'dossier', value: rows.length })
    .onConflict((oc) => oc.columns(['tenant_id', 'name']).doUpdateSet({ value: sql`tenant_counter.value + ${rows.length}` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  const first = Number(counter.value) - rows.length + 1;
  const year = Number(at.toISOString().slice(0, 4));
  const references = rows.map((_, i) => dossierReference(year, first + i));
  const col = <K extends keyof NewDossier>(k: K) => rows.map((r) => r[k]) as unknown as string[];
  // Each row comes back packed in one text column: on the embedded engine the per-value cost of
  // a result dominates (a flux chunk opens thousands of dossiers).
  const r = await sql<{ r: string }>`
    with ins as (
      insert into dossier (tenant_id, reference, worker_id, state, origin, summary, next_due_date, opened_at, opened_by, state_changed_at, updated_at)
      select ${tenantId}::uuid, u.reference, u.worker_id, 'signale', u.origin, u.summary, u.next_due_date, ${at}::timestamptz, u.opened_by, ${at}::timestamptz, ${at}::timestamptz
        from unnest(${references}::text[], ${col('workerId')}::uuid[], ${col('origin')}::text[],
                    ${col('summary')}::text[], ${col('nextDueDate')}::date[], ${col('openedBy')}::uuid[])
             as u(reference, worker_id, origin, summary, next_due_date, opened_by)
      returning id, worker_id, reference, opened_by
    ), tr as (
      insert into dossier_transition (tenant_id, dossier_id, from_state, to_state, reason, actor_user_id, at)
      select ${tenantId}::uuid, ins.id, null, 'signale', null, ins.opened_by, ${at}::timestamptz from ins
    )
    select ins.id || '|' || ins.worker_id || '|' || ins.reference as r from ins`.execute(db);
  const opened = r.rows.map(({ r: x }): OpenedDossier => {
    const [id, worker_id, reference] = x.split('|');
    return { id, worker_id, reference, state: 'signale' };
  });
  const position = new Map(references.map((ref, i) => [ref, i]));
  return opened.sort((a, b) => position.get(a.reference)! - position.get(b.reference)!);
}

export async function updateDossierState(
  db: Q,
  tenantId: string,
  id: string,
  set: { state: string; state_changed_at: Date; closed_at: Date | null; updated_at: Date },
) {
  await db
    .updateTable('dossier')
    .set({ ...set, version: sql`version + 1` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function touchDossier(db: Q, tenantId: string, id: string, at: Date) {
  await db.updateTable('dossier').set({ updated_at: at, version: sql`version + 1` }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function findDossiersOfWorkersInStates(db: Q, tenantId: string, workerIds: readonly string[], openStates: readonly string[]) {
  if (workerIds.length === 0) return [];
  return db
    .selectFrom('dossier')
    .select(['id', 'reference', 'state', 'worker_id'])
    .where('tenant_id', '=', tenantId)
    .where('worker_id', 'in', workerIds as string[])
    .where('state', 'in', openStates as string[])
    .execute();
}

/**
 * Everything the case page shows besides the dossier row, in one statement: the worker, his
 * employments, the assignees, the transitions and the timeline entries allowed by `filter`.
 */
export async function findCasePageParts(db: Q, tenantId: string, dossierId: string, workerId: string, filter: EntryFilter, entryLimit = 500) {
  return db
    .selectFrom('worker as w')
    .where('w.tenant_id', '=', tenantId)
    .where('w.id', '=', workerId)
    .select((eb) => [
      'w.id',
      'w.nir',
      'w.birth_name',
      'w.usage_name',
      'w.first_names',
      'w.birth_date',
      'w.sex',
      jsonArrayFrom(
        eb
          .selectFrom('employment as e')
          .innerJoin('company as c', (j) => j.onRef('c.tenant_id', '=', 'e.tenant_id').onRef('c.id', '=', 'e.company_id'))
          .select(['e.id', 'e.job_title', 'e.start_date', 'e.end_date', 'c.id as company_id', 'c.name as company_name', 'c.siret as company_siret'])
          .whereRef('e.tenant_id', '=', 'w.tenant_id')
          .whereRef('e.worker_id', '=', 'w.id')
          .orderBy('e.start_date', 'desc'),
      ).as('employments'),
      jsonArrayFrom(
        eb
          .selectFrom('dossier_assignment as a')
          .innerJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.user_id'))
          .select((e2) => [
            'u.id',
            'u.display_name',
            'a.is_referent',
            e2
              .selectFrom('membership as m')
              .select('m.role')
              .whereRef('m.tenant_id', '=', 'u.tenant_id')
              .whereRef('m.user_id', '=', 'u.id')
              .orderBy('m.created_at')
              .limit(1)
              .as('role'),
          ])
          .where('a.tenant_id', '=', tenantId)
          .where('a.dossier_id', '=', dossierId)
          .orderBy('a.is_referent', 'desc')
          .orderBy('u.display_name'),
      ).as('assignees'),
      jsonArrayFrom(
        eb
          .selectFrom('dossier_transition as t')
          .leftJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 't.tenant_id').onRef('u.id', '=', 't.actor_user_id'))
          .select(['t.from_state', 't.to_state', 't.reason', 't.at', 'u.display_name as actor_name'])
          .where('t.tenant_id', '=', tenantId)
          .where('t.dossier_id', '=', dossierId)
          .orderBy('t.at', 'desc'),
      ).as('transitions'),
      jsonArrayFrom(
        (() => {
          let q = eb
            .selectFrom('timeline_entry as te')
            .select(['te.id', 'te.kind', 'te.category', 'te.title', 'te.body', 'te.author_name', 'te.created_at', 'te.shared_with_worker'])
            .where('te.tenant_id', '=', tenantId)
            .where('te.dossier_id', '=', dossierId)
            // An empty filter must match nothing (`in ()` is not SQL).
            .where('te.category', 'in', filter.categories.length > 0 ? filter.categories : ['-']);
          if (filter.sharedWithWorkerOnly) q = q.where('te.shared_with_worker', '=', true);
          return q.orderBy('te.created_at', 'desc').orderBy('te.id').limit(entryLimit);
        })(),
      ).as('entries'),
    ])
    .executeTakeFirst();
}
