/**
 * Who may open a meeting: the cell (capability meeting.manage) sees it whole; a partner's agent
 * (capability meeting.attend) only an instance partenariale he attends, and in it only the cases
 * whose worker gave a current consent naming his organisation (MEETING_CONSENT_PURPOSES). Anyone
 * else is told it does not exist.
 */
import * as meetings from '../../../db/repositories/meeting.repository';
import { has } from '../../../domain/access';
import { notFound } from '../../../domain/errors';
import { isMeetingKind, MEETING_CONSENT_PURPOSES, type MeetingKind } from '../../../domain/parcours/meetings';
import type { Ctx } from '../../context';

export const meetingNotFound = () => notFound('INSTANCE_INTROUVABLE', "Cette instance n'existe pas ou vous n'y avez pas accès.");

export async function loadMeeting(ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}) {
  const p = ctx.principal;
  const m = opts.forUpdate ? await meetings.findMeetingForUpdate(ctx.trx, p.tenantId, id) : await meetings.findMeeting(ctx.trx, p.tenantId, id);
  if (!m || !isMeetingKind(m.kind)) throw meetingNotFound();
  if (has(p, 'meeting.manage')) return { meeting: { ...m, kind: m.kind as MeetingKind }, mode: 'cell' as const };
  if (has(p, 'meeting.attend') && p.userId && m.kind === 'instance_partenariale' && (await meetings.isAttendee(ctx.trx, p.tenantId, m.id, p.userId))) {
    return { meeting: { ...m, kind: m.kind as MeetingKind }, mode: 'partner' as const };
  }
  throw meetingNotFound();
}

/** Dossier ids of the agenda each organisation may hear of (consent checked now, at the time of reading). */
export async function consentedCases(ctx: Ctx, meetingId: string, organisationIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const pairs = await meetings.findConsentedPairs(ctx.trx, ctx.principal.tenantId, meetingId, organisationIds, MEETING_CONSENT_PURPOSES);
  const byOrg = new Map<string, Set<string>>();
  for (const r of pairs) {
    const set = byOrg.get(r.organisation_id) ?? new Set<string>();
    set.add(r.dossier_id);
    byOrg.set(r.organisation_id, set);
  }
  return byOrg;
}
