/** SQL of staff meetings: meetings, attendees, agenda (cases), minutes, decisions. Never decides permissions. */
import { sql, type Kysely } from 'kysely';
import type { Insertable } from 'kysely';
import type { DB } from '../schema';
import type { MeetingDecisionTable, MeetingTable } from '../schema-parcours/visits';

type Q = Kysely<DB>;

export async function insertMeeting(db: Q, row: Insertable<MeetingTable>) {
  return db.insertInto('meeting').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export async function findMeeting(db: Q, tenantId: string, id: string) {
  return db.selectFrom('meeting').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function findMeetingForUpdate(db: Q, tenantId: string, id: string) {
  return db.selectFrom('meeting').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateMeetingStatus(db: Q, tenantId: string, id: string, status: string, at: Date) {
  await db.updateTable('meeting').set({ status, updated_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Meetings, newest first, with their counts; `attendeeUserId` keeps those the user attends. */
export async function listMeetings(db: Q, tenantId: string, f: { attendeeUserId?: string; limit: number }) {
  let q = db
    .selectFrom('meeting as m')
    .select([
      'm.id',
      'm.kind',
      'm.title',
      'm.scheduled_at',
      'm.place',
      'm.status',
      sql<number>`(select count(*)::int from meeting_case c where c.tenant_id = m.tenant_id and c.meeting_id = m.id)`.as('case_count'),
      sql<number>`(select count(*)::int from meeting_attendee a where a.tenant_id = m.tenant_id and a.meeting_id = m.id)`.as('attendee_count'),
    ])
    .where('m.tenant_id', '=', tenantId);
  if (f.attendeeUserId) {
    const uid = f.attendeeUserId;
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('meeting_attendee as a').select('a.user_id').whereRef('a.tenant_id', '=', 'm.tenant_id').whereRef('a.meeting_id', '=', 'm.id').where('a.user_id', '=', uid)),
    );
  }
  return q.orderBy('m.scheduled_at', 'desc').orderBy('m.id').limit(f.limit).execute();
}

export async function findAttendees(db: Q, tenantId: string, meetingId: string) {
  return db
    .selectFrom('meeting_attendee as a')
    .innerJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.user_id'))
    .innerJoin('organisation as o', (j) => j.onRef('o.tenant_id', '=', 'a.tenant_id').onRef('o.id', '=', 'a.organisation_id'))
    .select(['a.user_id', 'u.display_name', 'a.organisation_id', 'o.name as organisation_name', 'o.kind as organisation_kind'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.meeting_id', '=', meetingId)
    .orderBy('o.kind')
    .orderBy('u.display_name')
    .execute();
}

export async function isAttendee(db: Q, tenantId: string, meetingId: string, userId: string) {
  const r = await db.selectFrom('meeting_attendee').select('user_id').where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).where('user_id', '=', userId).executeTakeFirst();
  return r !== undefined;
}

export async function insertAttendee(db: Q, row: { tenant_id: string; meeting_id: string; user_id: string; organisation_id: string }) {
  const r = await db.insertInto('meeting_attendee').values(row).onConflict((oc) => oc.columns(['tenant_id', 'meeting_id', 'user_id']).doNothing()).returning('user_id').executeTakeFirst();
  return r !== undefined;
}

/** A user who may attend: staff of the SPSTI or a partner's agent, with the organisation he attends for. */
export async function findAttendeeCandidates(db: Q, tenantId: string, roles: readonly string[]) {
  return db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.user_id'))
    .innerJoin('organisation as o', (j) => j.onRef('o.tenant_id', '=', 'm.tenant_id').onRef('o.id', '=', 'm.organisation_id'))
    .select(['u.id', 'u.display_name', 'm.role', 'm.organisation_id', 'o.name as organisation_name', 'o.kind as organisation_kind'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.role', 'in', roles as string[])
    .where('u.disabled_at', 'is', null)
    .orderBy('o.kind')
    .orderBy('u.display_name')
    .execute();
}

/** The agenda: cases with reference, worker and minutes, in order. */
export async function findCases(db: Q, tenantId: string, meetingId: string) {
  return db
    .selectFrom('meeting_case as c')
    .innerJoin('dossier as d', (j) => j.onRef('d.tenant_id', '=', 'c.tenant_id').onRef('d.id', '=', 'c.dossier_id'))
    .innerJoin('worker as w', (j) => j.onRef('w.tenant_id', '=', 'd.tenant_id').onRef('w.id', '=', 'd.worker_id'))
    .leftJoin('app_user as mu', (j) => j.onRef('mu.tenant_id', '=', 'c.tenant_id').onRef('mu.id', '=', 'c.minutes_by'))
    .select(['c.dossier_id', 'c.position', 'c.minutes', 'c.minutes_at', 'mu.display_name as minutes_by_name', 'd.reference', 'd.state', 'd.worker_id', 'w.birth_name', 'w.usage_name', 'w.first_names'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.meeting_id', '=', meetingId)
    .orderBy('c.position')
    .execute();
}

export async function findCase(db: Q, tenantId: string, meetingId: string, dossierId: string) {
  return db.selectFrom('meeting_case').selectAll().where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).where('dossier_id', '=', dossierId).executeTakeFirst();
}

/** Adds a case at the end of the agenda; false if already there. */
export async function insertCase(db: Q, tenantId: string, meetingId: string, dossierId: string) {
  const r = await sql<{ dossier_id: string }>`
    insert into meeting_case (tenant_id, meeting_id, dossier_id, position)
    select ${tenantId}::uuid, ${meetingId}::uuid, ${dossierId}::uuid,
           coalesce((select max(position) from meeting_case where tenant_id = ${tenantId} and meeting_id = ${meetingId}), 0) + 1
    on conflict (tenant_id, meeting_id, dossier_id) do nothing
    returning dossier_id
  `.execute(db);
  return r.rows.length > 0;
}

export async function countCases(db: Q, tenantId: string, meetingId: string) {
  const r = await db.selectFrom('meeting_case').select(sql<number>`count(*)::int`.as('n')).where('tenant_id', '=', tenantId).where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function updateMinutes(db: Q, tenantId: string, meetingId: string, dossierId: string, minutes: string | null, userId: string | null, at: Date) {
  await db
    .updateTable('meeting_case')
    .set({ minutes, minutes_by: userId, minutes_at: at })
    .where('tenant_id', '=', tenantId)
    .where('meeting_id', '=', meetingId)
    .where('dossier_id', '=', dossierId)
    .execute();
}

export async function insertDecision(db: Q, row: Insertable<MeetingDecisionTable>) {
  return db.insertInto('meeting_decision').values(row).returning(['id']).executeTakeFirstOrThrow();
}

export async function setDecisionTask(db: Q, tenantId: string, id: string, taskId: string) {
  await db.updateTable('meeting_decision').set({ task_id: taskId }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function findDecisions(db: Q, tenantId: string, meetingId: string) {
  return db
    .selectFrom('meeting_decision as x')
    .leftJoin('app_user as u', (j) => j.onRef('u.tenant_id', '=', 'x.tenant_id').onRef('u.id', '=', 'x.owner_user_id'))
    .leftJoin('task as t', (j) => j.onRef('t.tenant_id', '=', 'x.tenant_id').onRef('t.id', '=', 'x.task_id'))
    .select(['x.id', 'x.dossier_id', 'x.text', 'x.owner_user_id', 'u.display_name as owner_name', 'x.due_date', 'x.task_id', 't.status as task_status', 'x.created_at'])
    .where('x.tenant_id', '=', tenantId)
    .where('x.meeting_id', '=', meetingId)
    .orderBy('x.created_at')
    .orderBy('x.id')
    .execute();
}

/**
 * For each (organisation, dossier) of the meeting's agenda: is there a current consent of the
 * worker naming the organisation for one of `purposes`? Returns the consented pairs.
 */
export async function findConsentedPairs(db: Q, tenantId: string, meetingId: string, organisationIds: readonly string[], purposes: readonly string[]) {
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom('meeting_case as c')
    .innerJoin('dossier as d', (j) => j.onRef('d.tenant_id', '=', 'c.tenant_id').onRef('d.id', '=', 'c.dossier_id'))
    .innerJoin('consent as k', (j) => j.onRef('k.tenant_id', '=', 'd.tenant_id').onRef('k.worker_id', '=', 'd.worker_id'))
    .select(['c.dossier_id', 'k.recipient_organisation_id as organisation_id'])
    .distinct()
    .where('c.tenant_id', '=', tenantId)
    .where('c.meeting_id', '=', meetingId)
    .where('k.withdrawn_at', 'is', null)
    .where('k.purpose', 'in', purposes as string[])
    .where('k.recipient_organisation_id', 'in', organisationIds as string[])
    .execute();
}

/** Meetings where a dossier is on the agenda (case page). */
export async function findMeetingsOfDossier(db: Q, tenantId: string, dossierId: string) {
  return db
    .selectFrom('meeting_case as c')
    .innerJoin('meeting as m', (j) => j.onRef('m.tenant_id', '=', 'c.tenant_id').onRef('m.id', '=', 'c.meeting_id'))
    .select(['m.id', 'm.kind', 'm.title', 'm.scheduled_at', 'm.status', 'c.minutes'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.dossier_id', '=', dossierId)
    .orderBy('m.scheduled_at', 'desc')
    .execute();
}

export async function insertTask(db: Q, row: Insertable<DB['task']>) {
  return db.insertInto('task').values(row).returning(['id']).executeTakeFirstOrThrow();
}
