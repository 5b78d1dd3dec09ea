/** Moves a dossier along its life cycle; every change is recorded with who, when and why. */
import * as dossiers from '../../db/repositories/dossier.repository';
import { ensure, mayCopyInto, TRANSITION_REASON_AUDIENCE } from '../../domain/access';
import { checkTransition, isOpenState, STATE_LABELS } from '../../domain/dossier/states';
import { forbidden, invalid } from '../../domain/errors';
import type { Ctx } from '../context';
import { loadDossier } from './dossier-access';

export interface TransitionProps {
  to: string;
  reason?: string;
}

export async function transitionDossier(ctx: Ctx, dossierId: string, props: TransitionProps) {
  const p = ctx.principal;
  ensure(p, 'dossier.transition', "Votre rôle ne permet pas de changer l'état d'un dossier.");
  const { dossier, relation } = await loadDossier(ctx, dossierId, { forUpdate: true });
  if (relation !== 'service') throw forbidden();
  const checked = checkTransition(dossier.state, props.to, { reason: props.reason });
  if (!checked.ok) throw invalid(checked.code, checked.message, checked.field === 'from' ? undefined : checked.field ?? 'to');
  const { from, to } = checked.value;
  const reason = props.reason?.trim() || null;
  await dossiers.updateDossierState(ctx.trx, p.tenantId, dossier.id, {
    state: to,
    state_changed_at: ctx.now,
    closed_at: isOpenState(to) ? null : to === 'clos' ? ctx.now : dossier.closed_at,
    updated_at: ctx.now,
  });
  await dossiers.insertTransition(ctx.trx, { tenant_id: p.tenantId, dossier_id: dossier.id, from_state: from, to_state: to, reason, actor_user_id: p.userId, at: ctx.now });
  await ctx.record({
    action: 'dossier.transition',
    subjectType: 'dossier',
    subjectId: dossier.id,
    category: 'administrative',
    details: { from, to },
    timeline: {
      dossierId: dossier.id,
      kind: 'transition',
      category: 'administrative',
      title: `${STATE_LABELS[from]} → ${STATE_LABELS[to]}`,
      // The reason stays in the history of states (the service only): the entry, read by consenting
      // partners too, keeps it only if that audience allows (src/domain/access/copied-text.ts).
      body:
        reason && mayCopyInto(TRANSITION_REASON_AUDIENCE, { category: 'administrative' })
          ? `Motif : ${reason}`
          : `Le dossier passe à l'état « ${STATE_LABELS[to]} ».${reason ? ' Le motif figure dans l’historique des états du dossier.' : ''}`,
    },
  });
  return { from, to };
}
