/**
 * Records how a visit went: réalisée (with the professional's conclusion), annulée or non
 * présenté. The conclusion of a medical visit is health data (written by a health professional,
 * timeline entry of category medical); a rendez-vous de liaison takes only an administrative
 * code — no free text, no medical information (C. trav. L1226-1-3).
 */
import * as visits from '../../../db/repositories/visit.repository';
import { can, ensure } from '../../../domain/access';
import { forbidden, invalid, notFound } from '../../../domain/errors';
import { checkVisitOutcome, isVisitKind, isVisitStatus, outcomeCategory, outcomeLabel, VISIT_KIND_LABELS, VISIT_STATUS_LABELS, type VisitOutcomeInput } from '../../../domain/parcours/visits';
import type { Ctx, TimelineNote } from '../../context';
import { relationWithWorker } from '../../dossier/dossier-access';
import { loadRulesConfig } from '../../intake/arret-rules-applier';
import { formatVisit } from './visit-format';

export const visitNotFound = () => notFound('VISITE_INTROUVABLE', "Cette visite n'existe pas ou vous n'y avez pas accès.");

export async function recordVisitOutcome(ctx: Ctx, visitId: string, props: VisitOutcomeInput) {
  const p = ctx.principal;
  ensure(p, 'visit.manage', 'Votre rôle ne permet pas de modifier une visite.');
  const v = await visits.findVisitForUpdate(ctx.trx, p.tenantId, visitId);
  if (!v || !isVisitKind(v.kind) || !isVisitStatus(v.status)) throw visitNotFound();
  const relation = await relationWithWorker(ctx, v.worker_id);
  if (relation !== 'service') throw visitNotFound();
  const c = checkVisitOutcome(v.kind, v.status, props);
  if (!c.ok) throw invalid(c.code, c.message, c.field);
  const category = outcomeCategory(v.kind);
  if (c.value.outcome !== null && !can(p, 'write', category, relation)) {
    throw forbidden("Seul un professionnel de santé du service enregistre la conclusion d'une visite (donnée de santé).");
  }
  await visits.updateVisitOutcome(ctx.trx, p.tenantId, v.id, { status: c.value.status, outcome: c.value.outcome, updated_at: ctx.now });
  // What happened is shared with the worker; a medical conclusion is a second entry, for health professionals.
  const happened: TimelineNote = {
    dossierId: v.dossier_id,
    kind: 'visit',
    category: 'administrative',
    title: `${VISIT_KIND_LABELS[v.kind]} : ${VISIT_STATUS_LABELS[c.value.status].toLowerCase()}`,
    body: v.kind === 'liaison' && c.value.outcome ? `Suite : ${outcomeLabel('liaison', c.value.outcome)}.` : `${VISIT_KIND_LABELS[v.kind]} ${VISIT_STATUS_LABELS[c.value.status].toLowerCase()}.`,
    sharedWithWorker: true,
  };
  const conclusion: TimelineNote | null =
    c.value.outcome !== null && category === 'medical'
      ? { dossierId: v.dossier_id, kind: 'visit', category: 'medical', title: `Conclusion — ${VISIT_KIND_LABELS[v.kind].toLowerCase()}`, body: c.value.outcome }
      : null;
  await ctx.record({
    action: 'visit.outcome', subjectType: 'visit', subjectId: v.id, category, details: { status: c.value.status, dossierId: v.dossier_id },
    timeline: conclusion ? [happened, conclusion] : happened,
  });
  const config = await loadRulesConfig(ctx.trx, p.tenantId);
  const row = await visits.findVisit(ctx.trx, p.tenantId, v.id);
  return formatVisit(row!, { showOutcome: can(p, 'read', category, relation), deadlineDays: config.repriseDeadlineDays });
}
