/**
 * Reading meetings: the list (the cell sees all; a partner's agent those he attends) and one
 * meeting — whole for the cell, restricted for a partner to the cases whose worker consents to
 * his organisation now. Reading minutes is audited, and so is every list (one event per request).
 */
import * as meetings from '../../../db/repositories/meeting.repository';
import { can, ensure, has } from '../../../domain/access';
import { forbidden } from '../../../domain/errors';
import { isMeetingKind, MEETING_KIND_LABELS, MEETING_STATUS_LABELS, minutesCategory, type MeetingKind, type MeetingStatus } from '../../../domain/parcours/meetings';
import { STATE_LABELS, type DossierState } from '../../../domain/dossier/states';
import type { Ctx } from '../../context';
import { loadDossier } from '../../dossier/dossier-access';
import { workerDisplayName } from '../../worker/worker-format';
import { consentedCases, loadMeeting } from './meeting-access';

const kindLabel = (k: string) => (isMeetingKind(k) ? MEETING_KIND_LABELS[k] : k);
const statusLabel = (s: string) => MEETING_STATUS_LABELS[s as MeetingStatus] ?? s;

export async function listMeetings(ctx: Ctx) {
  const p = ctx.principal;
  // The cell sees every meeting; a partner's agent the meetings he attends.
  if (!has(p, 'meeting.manage') && (!has(p, 'meeting.attend') || !p.userId)) ensure(p, 'meeting.manage');
  const rows = await meetings.listMeetings(ctx.trx, p.tenantId, { attendeeUserId: has(p, 'meeting.manage') ? undefined : p.userId!, limit: 200 });
  // One event per request. The cell reads the titles of staffs (sensitive, like their minutes);
  // a partner's agent, from outside the cell, is accounted for whatever he reads.
  const cell = has(p, 'meeting.manage');
  const staffs = rows.filter((m) => isMeetingKind(m.kind) && minutesCategory(m.kind) === 'sensitive').length;
  if (!cell || rows.length > 0) {
    await ctx.record({ action: 'meeting.list', subjectType: 'meeting', subjectId: null, category: cell && staffs > 0 ? 'sensitive' : 'administrative', details: { count: rows.length, ...(cell ? {} : { organisationId: p.organisationId }) } });
  }
  return {
    items: rows.map((m) => ({
      id: m.id,
      kind: m.kind,
      kindLabel: kindLabel(m.kind),
      title: m.title,
      scheduledAt: m.scheduled_at,
      place: m.place,
      status: m.status,
      statusLabel: statusLabel(m.status),
      // A partner is not told how many cases he does not see.
      caseCount: has(p, 'meeting.manage') ? Number(m.case_count) : null,
      attendeeCount: Number(m.attendee_count),
    })),
  };
}

export async function readMeeting(ctx: Ctx, meetingId: string) {
  const p = ctx.principal;
  const { meeting, mode } = await loadMeeting(ctx, meetingId);
  const [attendees, cases, decisions] = await Promise.all([
    meetings.findAttendees(ctx.trx, p.tenantId, meeting.id),
    meetings.findCases(ctx.trx, p.tenantId, meeting.id),
    meetings.findDecisions(ctx.trx, p.tenantId, meeting.id),
  ]);
  const partnerOrgs = [...new Map(attendees.filter((a) => a.organisation_kind !== 'spsti').map((a) => [a.organisation_id, a.organisation_name])).entries()];
  const orgIds = mode === 'cell' ? partnerOrgs.map(([id]) => id) : [p.organisationId];
  const consented = await consentedCases(ctx, meeting.id, orgIds);
  const visible = mode === 'cell' ? cases : cases.filter((c) => consented.get(p.organisationId)?.has(c.dossier_id));
  const category = minutesCategory(meeting.kind as MeetingKind);
  const relation = mode === 'cell' ? 'service' : 'consented';
  const minutesReadable = can(p, 'read', category, relation);
  // A partner's reading of his consented cases; the cell's reading of a staff (its title, cases,
  // minutes and decisions are sensitive, minutes written or not).
  if (visible.length > 0 && (mode === 'partner' || (minutesReadable && category === 'sensitive'))) {
    await ctx.record({ action: 'meeting.read', subjectType: 'meeting', subjectId: meeting.id, category, details: { cases: visible.map((c) => c.dossier_id) } });
  }
  return {
    id: meeting.id,
    kind: meeting.kind,
    kindLabel: kindLabel(meeting.kind),
    title: meeting.title,
    scheduledAt: meeting.scheduled_at,
    place: meeting.place,
    status: meeting.status,
    statusLabel: statusLabel(meeting.status),
    minutesCategory: category,
    canManage: mode === 'cell',
    attendees: attendees.map((a) => ({ id: a.user_id, displayName: a.display_name, organisation: { id: a.organisation_id, name: a.organisation_name, kind: a.organisation_kind } })),
    cases: visible.map((c) => ({
      dossierId: c.dossier_id,
      reference: c.reference,
      state: c.state,
      stateLabel: STATE_LABELS[c.state as DossierState] ?? c.state,
      workerName: workerDisplayName(c),
      minutes: minutesReadable ? c.minutes : null,
      minutesAt: minutesReadable ? c.minutes_at : null,
      minutesByName: minutesReadable ? c.minutes_by_name : null,
      // Cell view: the partners attending who will not see this case (no consent of the worker).
      partnersWithoutConsent: mode === 'cell' ? partnerOrgs.filter(([id]) => !consented.get(id)?.has(c.dossier_id)).map(([, name]) => name) : [],
      decisions: decisions
        .filter((x) => x.dossier_id === c.dossier_id)
        .map((x) => ({ id: x.id, text: x.text, owner: x.owner_user_id ? { id: x.owner_user_id, displayName: x.owner_name ?? '' } : null, dueDate: x.due_date, taskId: x.task_id, taskStatus: x.task_status })),
    })),
  };
}

/** The meetings where a case is (or was) on the agenda: its section on the case page. */
export async function listDossierMeetings(ctx: Ctx, dossierId: string) {
  const p = ctx.principal;
  ensure(p, 'meeting.manage');
  const { dossier, relation } = await loadDossier(ctx, dossierId);
  if (relation !== 'service') throw forbidden();
  const rows = await meetings.findMeetingsOfDossier(ctx.trx, p.tenantId, dossier.id);
  if (rows.length > 0) {
    const sensitive = rows.some((m) => isMeetingKind(m.kind) && minutesCategory(m.kind) === 'sensitive');
    await ctx.record({ action: 'meeting.list', subjectType: 'dossier', subjectId: dossier.id, category: sensitive ? 'sensitive' : 'administrative', details: { meetingIds: rows.map((m) => m.id) } });
  }
  return {
    items: rows.map((m) => ({ id: m.id, kind: m.kind, kindLabel: kindLabel(m.kind), title: m.title, scheduledAt: m.scheduled_at, status: m.status, statusLabel: statusLabel(m.status), hasMinutes: m.minutes !== null })),
  };
}
