/** A worker's questionnaires for the worker page and the case page (health professionals, audited). */
import * as repo from '../../../db/repositories/questionnaire.repository';
import { has } from '../../../domain/access';
import { LINK_STATE_LABELS, linkState } from '../../../domain/risk/questionnaires/links';
import { QUESTIONNAIRE_TITLES, type QuestionnaireId } from '../../../domain/risk/questionnaires';
import type { Ctx } from '../../context';
import { loadDossier } from '../../dossier/dossier-access';
import { ensureMayRead, responseNotFound } from './questionnaire-access';
import { presentResponse } from './questionnaire-format';

export function presentLink(l: Awaited<ReturnType<typeof repo.listWorkerLinks>>[number], now: Date) {
  const state = linkState(l, now);
  return {
    id: l.id,
    questionnaire: l.questionnaire,
    title: QUESTIONNAIRE_TITLES[l.questionnaire as QuestionnaireId] ?? l.questionnaire,
    state,
    stateLabel: LINK_STATE_LABELS[state],
    createdAt: l.created_at,
    createdByName: l.created_by_name,
    expiresAt: l.expires_at,
    completedAt: l.completed_at,
    responseId: l.response_id,
  };
}

export async function listWorkerQuestionnaires(ctx: Ctx, workerId: string) {
  await ensureMayRead(ctx, workerId);
  const [responses, links] = await Promise.all([
    repo.listWorkerResponses(ctx.trx, ctx.principal.tenantId, workerId),
    repo.listWorkerLinks(ctx.trx, ctx.principal.tenantId, workerId),
  ]);
  await ctx.record({ action: 'questionnaire.list', subjectType: 'worker', subjectId: workerId, category: 'medical', details: { responses: responses.length } });
  return {
    workerId,
    mayEnter: has(ctx.principal, 'questionnaire.manage'),
    responses: responses.map((r) => presentResponse(r)),
    links: links.map((l) => presentLink(l, ctx.now)),
  };
}

/** The same, from the case page: the dossier's worker. */
export async function listDossierQuestionnaires(ctx: Ctx, dossierId: string) {
  const { dossier } = await loadDossier(ctx, dossierId);
  return listWorkerQuestionnaires(ctx, dossier.worker_id);
}

/** One response with its answers. */
export async function readResponse(ctx: Ctx, id: string) {
  const r = await repo.findResponse(ctx.trx, ctx.principal.tenantId, id);
  if (!r || !r.worker_id) throw responseNotFound();
  await ensureMayRead(ctx, r.worker_id);
  await ctx.record({ action: 'questionnaire.read', subjectType: 'questionnaire_response', subjectId: r.id, category: 'medical', details: { questionnaire: r.questionnaire } });
  return presentResponse(r, { withAnswers: true });
}
