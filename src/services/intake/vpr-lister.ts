/**
 * Fiches de liaison, two views: the cell's worklist (« Fiches de liaison sans réponse ») and the
 * médecin conseil's own space (his service's fiches with the cell's answer — never the dossier).
 */
import * as repo from '../../db/repositories/intake-signals.repository';
import { ensure } from '../../domain/access';
import { vprStatusLabel } from '../../domain/intake/declarations';
import type { Ctx } from '../context';
import { workerDisplayName } from '../worker/worker-format';
import { ensureServiceMedical } from './vpr-filer';

type VprRow = Awaited<ReturnType<typeof repo.findVprOfOrganisation>>[number];

/** The answer as the médecin conseil receives it: recommendations only with the non-objection. */
export function vprAnswerDto(r: VprRow) {
  if (r.status === 'en_attente' || !r.answered_at) return null;
  return {
    outcome: r.status,
    outcomeLabel: vprStatusLabel(r.status),
    vprDate: r.vpr_date,
    recommendations: r.non_objection ? r.recommendations : null,
    answeredAt: r.answered_at,
    answeredByName: r.answered_by_name,
  };
}

function baseDto(r: VprRow) {
  return {
    id: r.id,
    worker: { id: r.worker_id, displayName: workerDisplayName(r), birthDate: r.birth_date },
    reason: r.reason,
    contact: r.contact,
    filedByName: r.filed_by_name,
    filedAt: r.filed_at,
    consentDate: r.consent_date,
    status: r.status,
    statusLabel: vprStatusLabel(r.status),
    answer: vprAnswerDto(r),
  };
}

export const VPR_PAGE_SIZE = 50;

export async function listVprOrientations(ctx: Ctx, props: { answered?: boolean; page?: number }) {
  const p = ctx.principal;
  ensure(p, 'signal.read');
  const page = Math.max(1, props.page ?? 1);
  const { rows, total } = await repo.findVprPage(ctx.trx, p.tenantId, { answered: props.answered, limit: VPR_PAGE_SIZE, offset: (page - 1) * VPR_PAGE_SIZE });
  return {
    items: rows.map((r) => ({
      ...baseDto(r),
      organisationName: r.organisation_name,
      dossier: r.dossier_id ? { id: r.dossier_id, reference: r.dossier_reference ?? '' } : null,
    })),
    total,
    page,
    pageSize: VPR_PAGE_SIZE,
    pending: await repo.countPendingVpr(ctx.trx, p.tenantId),
  };
}

export async function listMyVprOrientations(ctx: Ctx) {
  ensureServiceMedical(ctx);
  const rows = await repo.findVprOfOrganisation(ctx.trx, ctx.principal.tenantId, ctx.principal.organisationId, 500);
  // A partner's read of the cell's answers (outcome, recommendations): one event per request, the
  // count (the list is his organisation's own fiches, kept with their dates).
  await ctx.record({
    action: 'vpr.list', subjectType: 'vpr_orientation', subjectId: null, category: 'administrative',
    details: { organisationId: ctx.principal.organisationId, count: rows.length, answered: rows.filter((r) => r.status !== 'en_attente').length },
  });
  return { items: rows.map(baseDto) };
}
