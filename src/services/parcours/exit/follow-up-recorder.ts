/**
 * Records the situation of the worker at the 6- or 12-month follow-up (IGAS recommendation 20).
 * The follow-up task is marked done; the dossier moves « Sorti » → « En suivi » at 6 months and
 * is closed at 12 months, through the dossier state machine. « Perdu de vue » puts the worker on
 * the list to re-contact; a later situation takes him off it.
 */
import * as exits from '../../../db/repositories/exit.repository';
import { ensure } from '../../../domain/access';
import { civilDate } from '../../../domain/calendar/dates';
import { allowedTransitions, type DossierState } from '../../../domain/dossier/states';
import { conflict, forbidden, invalid, notFound } from '../../../domain/errors';
import { checkFollowUp, FOLLOW_UP_RULES, followUpSubject, isLostToFollowUp, type FollowUpInput } from '../../../domain/parcours/exit';
import { OUTCOME_LABELS } from '../../../domain/parcours/outcomes';
import type { Ctx } from '../../context';
import { loadDossier } from '../../dossier/dossier-access';
import { transitionDossier } from '../../dossier/dossier-transitioner';

export const exitNotFound = () => notFound('SORTIE_INTROUVABLE', "La sortie de ce dossier n'est pas enregistrée.");

export async function recordFollowUp(ctx: Ctx, dossierId: string, props: FollowUpInput) {
  const p = ctx.principal;
  ensure(p, 'followup.manage', 'Votre rôle ne permet pas d’enregistrer un suivi.');
  const { dossier, relation } = await loadDossier(ctx, dossierId, { forUpdate: true });
  if (relation !== 'service') throw forbidden();
  const e = await exits.findExit(ctx.trx, p.tenantId, dossier.id, true);
  if (!e) throw exitNotFound();
  const today = civilDate(ctx.now);
  const c = checkFollowUp(props, e.exited_at, today);
  if (!c.ok) throw invalid(c.code, c.message, c.field);
  const { horizon, outcome } = c.value;
  if ((horizon === 6 ? e.follow_up_6m_outcome : e.follow_up_12m_outcome) !== null) {
    throw conflict('SUIVI_DEJA_ENREGISTRE', `Le suivi à ${horizon} mois est déjà enregistré.`);
  }
  const next = {
    outcome: e.outcome,
    followUp6mOutcome: horizon === 6 ? outcome : e.follow_up_6m_outcome,
    followUp12mOutcome: horizon === 12 ? outcome : e.follow_up_12m_outcome,
  };
  const lost = isLostToFollowUp(next);
  await exits.updateFollowUp(ctx.trx, p.tenantId, dossier.id, horizon, outcome, today, lost, ctx.now);
  const taskId = await exits.closeRuleTask(ctx.trx, p.tenantId, FOLLOW_UP_RULES[horizon], followUpSubject(dossier.id), p.userId, ctx.now);
  // The life cycle follows: « Sorti » → « En suivi » after the first follow-up, closed after the last.
  const state = dossier.state as DossierState;
  const target: DossierState | null = horizon === 6 ? (state === 'sorti' ? 'suivi' : null) : state === 'sorti' || state === 'suivi' ? 'clos' : null;
  if (target && allowedTransitions(state).includes(target)) {
    await transitionDossier(ctx, dossier.id, { to: target, reason: `Suivi à ${horizon} mois enregistré` });
  }
  await ctx.record({
    action: 'dossier.followup', subjectType: 'dossier', subjectId: dossier.id, category: 'administrative', details: { horizon, outcome, lost, taskId },
    timeline: {
      dossierId: dossier.id,
      kind: 'followup',
      category: 'administrative',
      title: `Suivi à ${horizon} mois`,
      body: `Situation du salarié : ${OUTCOME_LABELS[outcome]}.${lost ? ' Salarié perdu de vue : à recontacter.' : ''}`,
    },
  });
  return { dossierId: dossier.id, horizon, outcome, lostToFollowUp: lost, state: target ?? state };
}
