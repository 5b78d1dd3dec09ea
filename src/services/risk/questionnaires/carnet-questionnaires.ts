/**
 * The worker's own questionnaires in his space: those to answer (open links) and his results,
 * each with its explanation (domain §6: the worker has a right to see his own).
 */
import * as repo from '../../../db/repositories/questionnaire.repository';
import { ensure } from '../../../domain/access';
import { forbidden } from '../../../domain/errors';
import type { Ctx } from '../../context';
import { presentResponse } from './questionnaire-format';
import { presentLink } from './response-reader';

export async function listMyQuestionnaires(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'worker.space');
  if (!p.workerId) throw forbidden();
  const [responses, links] = await Promise.all([repo.listWorkerResponses(ctx.trx, p.tenantId, p.workerId), repo.listWorkerLinks(ctx.trx, p.tenantId, p.workerId)]);
  await ctx.record({ action: 'questionnaire.list', subjectType: 'worker', subjectId: p.workerId, category: 'medical', details: { own: true } });
  return {
    toAnswer: links.map((l) => presentLink(l, ctx.now)).filter((l) => l.state === 'ouvert'),
    results: responses.filter((r) => r.status === 'complete').map((r) => presentResponse(r)),
  };
}
