/** A health professional cancels a link not answered yet (sent to the wrong number, no longer needed). */
import * as repo from '../../../db/repositories/questionnaire.repository';
import { conflict, notFound } from '../../../domain/errors';
import { linkState } from '../../../domain/risk/questionnaires/links';
import type { Ctx } from '../../context';
import { ensureMayEnter } from './questionnaire-access';

export async function revokeQuestionnaireLink(ctx: Ctx, linkId: string) {
  const l = await repo.findLink(ctx.trx, ctx.principal.tenantId, linkId, true);
  if (!l) throw notFound('LIEN_INTROUVABLE', "Ce lien n'existe pas.");
  await ensureMayEnter(ctx, l.worker_id);
  if (linkState(l, ctx.now) !== 'ouvert') throw conflict('LIEN_NON_OUVERT', 'Ce lien est déjà complété, expiré ou annulé.');
  await repo.updateLink(ctx.trx, ctx.principal.tenantId, l.id, { revoked_at: ctx.now });
  await ctx.record({ action: 'questionnaire.link.revoke', subjectType: 'questionnaire_link', subjectId: l.id, category: 'medical' });
  return { id: l.id, state: 'revoque' as const };
}
