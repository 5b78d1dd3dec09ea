/** Creates a staff meeting (staff pluridisciplinaire or instance partenariale) and changes its status. */
import * as meetings from '../../../db/repositories/meeting.repository';
import { ensure } from '../../../domain/access';
import { conflict, invalid } from '../../../domain/errors';
import { checkMeeting, MEETING_STATUSES, type MeetingInput, type MeetingStatus } from '../../../domain/parcours/meetings';
import type { Ctx } from '../../context';
import { loadMeeting } from './meeting-access';

export async function createMeeting(ctx: Ctx, props: MeetingInput) {
  const p = ctx.principal;
  ensure(p, 'meeting.manage', 'Votre rôle ne permet pas d’organiser une instance.');
  const c = checkMeeting(props);
  if (!c.ok) throw invalid(c.code, c.message, c.field);
  const { id } = await meetings.insertMeeting(ctx.trx, {
    tenant_id: p.tenantId,
    kind: c.value.kind,
    title: c.value.title,
    scheduled_at: c.value.scheduledAt,
    place: c.value.place,
    created_by: p.userId,
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  // The organiser attends.
  if (p.userId) await meetings.insertAttendee(ctx.trx, { tenant_id: p.tenantId, meeting_id: id, user_id: p.userId, organisation_id: p.organisationId });
  await ctx.record({ action: 'meeting.create', subjectType: 'meeting', subjectId: id, category: 'administrative', details: { kind: c.value.kind } });
  return { id };
}

export async function setMeetingStatus(ctx: Ctx, meetingId: string, status: string) {
  const p = ctx.principal;
  ensure(p, 'meeting.manage');
  if (!(MEETING_STATUSES as readonly string[]).includes(status) || status === 'planifiee') {
    throw invalid('INSTANCE_STATUT_INVALIDE', 'Choisissez : tenue ou annulée.', 'status');
  }
  const { meeting } = await loadMeeting(ctx, meetingId, { forUpdate: true });
  if (meeting.status !== 'planifiee') throw conflict('INSTANCE_DEJA_CLOSE', 'Cette instance est déjà close.');
  await meetings.updateMeetingStatus(ctx.trx, p.tenantId, meeting.id, status as MeetingStatus, ctx.now);
  await ctx.record({ action: 'meeting.status', subjectType: 'meeting', subjectId: meeting.id, category: 'administrative', details: { status } });
  return { id: meeting.id, status };
}
