/**
 * The cell accepts or declines an orientation suggestion (orientation.manage), with a reason when
 * declining. Accepting a pyramide level sets dossier.fragility_level. Accepting a chef de file is
 * recorded only: the lead changes through a transfer (referral, parcours-partners).
 */
import * as repo from '../../../db/repositories/risk-assessment.repository';
import { ensure, type Audience } from '../../../domain/access';
import { conflict, forbidden, invalid } from '../../../domain/errors';
import { suggestOrientation } from '../../../domain/risk/orientation';
import type { Ctx } from '../../context';
import { entriesWithCopiedText } from '../../copied-text';
import { loadDossier } from '../../dossier/dossier-access';
import { orientationFacts, readDossierRisk, valueLabel } from './dossier-risk-reader';
import { loadOrientationConfig } from './orientation-settings';

export const REASON_MAX_LENGTH = 2000;

/**
 * The suggestions and their decisions are read in the case's risk block, by the cell's staff who
 * read sensitive data (readDossierRisk): the suggested value and the motif are sensitive.
 */
export const ORIENTATION_AUDIENCE: Audience = { category: 'sensitive' };

export interface DecisionProps {
  kind: 'intervenant' | 'pyramide' | 'chef_de_file';
  value: string;
  decision: 'acceptee' | 'refusee';
  reason?: string | null;
}

export async function decideOrientation(ctx: Ctx, dossierId: string, props: DecisionProps) {
  const p = ctx.principal;
  ensure(p, 'orientation.manage');
  const { dossier: d, relation } = await loadDossier(ctx, dossierId, { forUpdate: true });
  if (relation !== 'service') throw forbidden();
  const reason = props.reason?.trim() || null;
  if (props.decision === 'refusee' && !reason) throw invalid('MOTIF_REQUIS', 'Indiquez le motif du refus de la suggestion.', 'reason');
  if (reason && reason.length > REASON_MAX_LENGTH) throw invalid('MOTIF_TROP_LONG', `Le motif dépasse ${REASON_MAX_LENGTH} caractères.`, 'reason');
  const a = await repo.findLatestAssessment(ctx.trx, p.tenantId, d.worker_id);
  if (!a) throw conflict('AUCUN_INDICE_SIGNE', "Aucun indice de risque n'est signé pour ce salarié : pas de suggestion d'orientation.");
  const config = await loadOrientationConfig(ctx);
  const s = suggestOrientation(config, orientationFacts(a)).find((x) => x.kind === props.kind && x.value === props.value);
  if (!s) throw conflict('SUGGESTION_INCONNUE', "Cette suggestion ne correspond plus à l'indice signé : rechargez la page.");
  const existing = (await repo.findOrientationDecisions(ctx.trx, p.tenantId, d.id)).find((x) => x.assessment_id === a.id && x.kind === s.kind && x.value === s.value);
  if (existing) throw conflict('DEJA_DECIDEE', 'Cette suggestion a déjà fait l’objet d’une décision.');
  await repo.insertOrientationDecision(ctx.trx, {
    tenant_id: p.tenantId,
    dossier_id: d.id,
    worker_id: d.worker_id,
    kind: s.kind,
    value: s.value,
    rule_id: s.ruleIds.join(','),
    assessment_id: a.id,
    decision: props.decision,
    reason,
    decided_by: p.userId,
    decided_by_name: p.label,
    decided_at: ctx.now,
  });
  if (props.decision === 'acceptee' && s.kind === 'pyramide') await repo.setFragilityLevel(ctx.trx, p.tenantId, d.id, s.value, ctx.now);
  const title = props.decision === 'acceptee' ? 'Suggestion d’orientation acceptée' : 'Suggestion d’orientation refusée';
  await ctx.record({
    action: 'orientation.decide', subjectType: 'dossier', subjectId: d.id, category: 'administrative', details: { kind: s.kind, value: s.value, decision: props.decision },
    // The suggestion and the motif come from the risk block (sensitive, the cell): the
    // administrative entry only says a suggestion was decided; the detail goes to a sensitive entry.
    timeline: entriesWithCopiedText(
      { dossierId: d.id, kind: 'orientation', category: 'administrative' },
      {
        source: ORIENTATION_AUDIENCE,
        neutral: { title, body: 'Le détail de la suggestion et de la décision est réservé aux professionnels de la cellule.' },
        detailed: { title, body: `${valueLabel(s.kind, s.value)}${reason ? ` — motif : ${reason}` : ''}` },
      },
    ),
  });
  return readDossierRisk(ctx, d.id);
}
