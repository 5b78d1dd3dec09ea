/**
 * Records an approval (or a refusal) of a measure: which approval of the catalogue, who gave it
 * (name, role or organisation) and when. A first approval moves a « proposée » measure to
 * « en attente d'accord ».
 */
import * as measures from '../../../db/repositories/measure.repository';
import { isIsoDate } from '../../../domain/calendar/dates';
import { conflict, invalid } from '../../../domain/errors';
import { approvalLabel, catalogueMeasure, frDate, isApprovalKind, measureLabel } from '../../../domain/parcours/catalogue';
import { APPROVAL_STATUSES, MEASURE_STATUS_LABELS } from '../../../domain/parcours/measure-states';
import { civilDate } from '../../../domain/calendar/dates';
import type { Ctx } from '../../context';
import { loadMeasure, measureCode, measureStatus, measureEntry, presentMeasure } from './measure-format';

export const APPROVAL_NAME_MAX_LENGTH = 200;

export interface RecordApprovalProps {
  kind: string;
  decision: 'accord' | 'refus';
  decidedOn: string;
  byName: string;
  byOrganisation: string;
  note?: string | null;
}

export async function recordApproval(ctx: Ctx, measureId: string, props: RecordApprovalProps) {
  const p = ctx.principal;
  const m = await loadMeasure(ctx, measureId, 'write');
  const status = measureStatus(m);
  if (!APPROVAL_STATUSES.includes(status)) {
    throw conflict('MESURE_CLOSE', `La mesure est « ${MEASURE_STATUS_LABELS[status]} » : aucun accord ne peut plus être enregistré.`);
  }
  const code = measureCode(m);
  if (!isApprovalKind(props.kind) || (code && !catalogueMeasure(code).approvals.includes(props.kind))) {
    throw invalid('ACCORD_NON_REQUIS', `« ${approvalLabel(props.kind)} » ne fait pas partie des accords requis pour : ${measureLabel(m.catalogue_code)}.`, 'kind');
  }
  if (!isIsoDate(props.decidedOn)) throw invalid('DATE_INVALIDE', "La date de l'accord est invalide (JJ/MM/AAAA).", 'decidedOn');
  if (props.decidedOn > civilDate(ctx.now)) throw invalid('DATE_FUTURE', "La date de l'accord ne peut pas être dans le futur.", 'decidedOn');
  const byName = props.byName.trim();
  const byOrganisation = props.byOrganisation.trim();
  if (!byName) throw invalid('CHAMP_REQUIS', "Indiquez qui a donné l'accord.", 'byName');
  if (!byOrganisation) throw invalid('CHAMP_REQUIS', 'Indiquez sa fonction ou son organisme.', 'byOrganisation');
  if (byName.length > APPROVAL_NAME_MAX_LENGTH || byOrganisation.length > APPROVAL_NAME_MAX_LENGTH || (props.note?.length ?? 0) > 1000) {
    throw invalid('TEXTE_TROP_LONG', 'Le texte saisi est trop long.', 'byName');
  }
  await measures.insertApproval(ctx.trx, {
    tenant_id: p.tenantId,
    measure_id: m.id,
    kind: props.kind,
    decision: props.decision,
    decided_on: props.decidedOn,
    by_name: byName,
    by_organisation: byOrganisation,
    note: props.note?.trim() || null,
    recorded_by: p.userId,
    recorded_by_name: p.label,
    recorded_at: ctx.now,
  });
  const updated = status === 'proposee' ? await measures.updateMeasure(ctx.trx, p.tenantId, m.id, { status: 'en_attente_accord', updated_at: ctx.now }) : await measures.updateMeasure(ctx.trx, p.tenantId, m.id, { updated_at: ctx.now });
  await ctx.record({
    action: 'measure.approval',
    subjectType: 'measure',
    subjectId: m.id,
    category: 'sensitive',
    details: { kind: props.kind, decision: props.decision },
    timeline: measureEntry(
      m,
      props.decision === 'accord' ? 'Accord enregistré' : 'Refus enregistré',
      `${measureLabel(m.catalogue_code)} — ${approvalLabel(props.kind)} : ${byName} (${byOrganisation}), le ${frDate(props.decidedOn)}.`,
    ),
  });
  return presentMeasure(updated, await measures.findApprovals(ctx.trx, p.tenantId, [m.id]), true);
}
