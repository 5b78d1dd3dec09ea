/**
 * The cell answers a fiche de liaison: VPR réalisée (date), refusée par le salarié, or salarié
 * injoignable; recommendations go back to the médecin conseil only if the worker does not
 * object (R4624-30). The answer is recorded once, with an administrative timeline entry.
 */
import * as repo from '../../db/repositories/intake-signals.repository';
import { ensure } from '../../domain/access';
import { civilDate } from '../../domain/calendar/dates';
import { conflict, invalid, notFound } from '../../domain/errors';
import { checkVprAnswer, frenchDate, VPR_STATUS_LABELS, type VprAnswerInput } from '../../domain/intake/declarations';
import type { Ctx } from '../context';
import { relationWithWorker } from '../dossier/dossier-access';

export const ficheNotFound = () => notFound('FICHE_INTROUVABLE', "Cette fiche de liaison n'existe pas ou vous n'y avez pas accès.");

export async function answerVprOrientation(ctx: Ctx, id: string, props: VprAnswerInput) {
  const p = ctx.principal;
  ensure(p, 'vpr.answer');
  const v = await repo.findVprForUpdate(ctx.trx, p.tenantId, id);
  if (!v || (await relationWithWorker(ctx, v.worker_id)) !== 'service') throw ficheNotFound();
  if (v.status !== 'en_attente') throw conflict('FICHE_DEJA_REPONDUE', 'La cellule a déjà répondu à cette fiche de liaison.');
  const a = checkVprAnswer(props, civilDate(ctx.now));
  if (!a.ok) throw invalid(a.code, a.message, a.field);
  const done = await repo.answerVpr(ctx.trx, p.tenantId, v.id, {
    status: a.value.outcome,
    vpr_date: a.value.vprDate,
    non_objection: a.value.nonObjection,
    recommendations: a.value.recommendations,
    answered_by: p.userId,
    answered_by_name: p.label,
    answered_at: ctx.now,
  });
  if (!done) throw conflict('FICHE_DEJA_REPONDUE', 'La cellule a déjà répondu à cette fiche de liaison.');
  const label = VPR_STATUS_LABELS[a.value.outcome];
  const body =
    (a.value.vprDate ? `${label} le ${frenchDate(a.value.vprDate)}.` : `${label}.`) +
    (a.value.recommendations ? ' Recommandations transmises au médecin conseil (le salarié ne s’y oppose pas).' : ' Aucune recommandation transmise au médecin conseil.');
  await ctx.record({
    action: 'vpr.answer', subjectType: 'vpr_orientation', subjectId: v.id, category: 'administrative', details: { outcome: a.value.outcome, recommendationsSent: a.value.recommendations !== null },
    timeline: v.dossier_id ? { dossierId: v.dossier_id, kind: 'vpr', category: 'administrative', title: 'Réponse à la fiche de liaison du médecin conseil', body } : undefined,
  });
  return { id: v.id, status: a.value.outcome, statusLabel: VPR_STATUS_LABELS[a.value.outcome], answeredAt: ctx.now };
}
