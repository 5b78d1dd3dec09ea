/**
 * The agenda of a meeting: cases put on it (each noted on the case's timeline) and attendees —
 * SPSTI staff, and partners' agents for an instance partenariale only.
 */
import * as meetings from '../../../db/repositories/meeting.repository';
import { CASE_STAFF_ROLES, ensure, mayCopyInto } from '../../../domain/access';
import { civilDate } from '../../../domain/calendar/dates';
import { isOpenState, type DossierState } from '../../../domain/dossier/states';
import { conflict, forbidden, invalid } from '../../../domain/errors';
import { frenchDate } from '../../../domain/intake/declarations';
import { AGENDA_MAX, checkAttendee, MEETING_KIND_LABELS, meetingTextAudience } from '../../../domain/parcours/meetings';
import type { Ctx } from '../../context';
import { loadDossier } from '../../dossier/dossier-access';
import { loadMeeting } from './meeting-access';

const ATTENDEE_ROLES = [...CASE_STAFF_ROLES, 'partner_agent'];

export async function addCase(ctx: Ctx, meetingId: string, dossierId: string) {
  const p = ctx.principal;
  ensure(p, 'meeting.manage');
  const { meeting } = await loadMeeting(ctx, meetingId, { forUpdate: true });
  if (meeting.status !== 'planifiee') throw conflict('INSTANCE_DEJA_CLOSE', "Cette instance est close : son ordre du jour ne change plus.");
  const { dossier, relation } = await loadDossier(ctx, dossierId);
  if (relation !== 'service') throw forbidden();
  if (!isOpenState(dossier.state as DossierState)) throw conflict('DOSSIER_NON_OUVERT', "Ce dossier n'est plus ouvert.");
  if ((await meetings.countCases(ctx.trx, p.tenantId, meeting.id)) >= AGENDA_MAX) {
    throw conflict('ORDRE_DU_JOUR_COMPLET', `L'ordre du jour compte déjà ${AGENDA_MAX} dossiers.`);
  }
  const added = await meetings.insertCase(ctx.trx, p.tenantId, meeting.id, dossier.id);
  if (added) {
    await ctx.record({
      action: 'meeting.case.add', subjectType: 'meeting', subjectId: meeting.id, category: 'administrative', details: { dossierId: dossier.id },
      timeline: {
        dossierId: dossier.id,
        kind: 'meeting',
        category: 'administrative',
        title: "Inscrit à l'ordre du jour d'une instance",
        // A staff's title is the cell's (sensitive): it stays in the meeting, readable by the cell.
        body: mayCopyInto(meetingTextAudience(meeting.kind), { category: 'administrative' })
          ? `${MEETING_KIND_LABELS[meeting.kind]} « ${meeting.title} » du ${frenchDate(civilDate(meeting.scheduled_at))}.`
          : `${MEETING_KIND_LABELS[meeting.kind]} du ${frenchDate(civilDate(meeting.scheduled_at))}.`,
      },
    });
  }
  return { added };
}

export async function addAttendee(ctx: Ctx, meetingId: string, userId: string) {
  const p = ctx.principal;
  ensure(p, 'meeting.manage');
  const { meeting } = await loadMeeting(ctx, meetingId, { forUpdate: true });
  const candidates = await meetings.findAttendeeCandidates(ctx.trx, p.tenantId, ATTENDEE_ROLES);
  const who = candidates.filter((c) => c.id === userId);
  if (who.length === 0) throw invalid('PARTICIPANT_INCONNU', "Ce participant n'est ni un professionnel du service ni l'agent d'un partenaire.", 'userId');
  const pick = who.find((c) => c.role !== 'partner_agent') ?? who[0];
  const ok = checkAttendee(meeting.kind, pick.role === 'partner_agent');
  if (!ok.ok) throw invalid(ok.code, ok.message, ok.field);
  const added = await meetings.insertAttendee(ctx.trx, { tenant_id: p.tenantId, meeting_id: meeting.id, user_id: pick.id, organisation_id: pick.organisation_id });
  if (added) await ctx.record({ action: 'meeting.attendee.add', subjectType: 'meeting', subjectId: meeting.id, category: 'administrative', details: { userId: pick.id, organisationId: pick.organisation_id } });
  return { added };
}

/** People who may be invited: staff, and partners' agents (for an instance partenariale). */
export async function attendeeOptions(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'meeting.manage');
  const rows = await meetings.findAttendeeCandidates(ctx.trx, p.tenantId, ATTENDEE_ROLES);
  return {
    items: rows.map((r) => ({ id: r.id, displayName: r.display_name, organisation: { id: r.organisation_id, name: r.organisation_name, kind: r.organisation_kind }, partner: r.role === 'partner_agent' })),
  };
}
