/** Edits what a measure says and who sees it: details, employer note, shared with the worker / employer. */
import * as measures from '../../../db/repositories/measure.repository';
import { invalid } from '../../../domain/errors';
import { catalogueMeasure, measureLabel } from '../../../domain/parcours/catalogue';
import type { Ctx } from '../../context';
import { loadMeasure, measureCode, measureEntry, presentMeasure } from './measure-format';
import { checkMeasureInput } from './measure-proposer';

export interface UpdateMeasureProps {
  details?: string | null;
  employerNote?: string | null;
  sharedWithWorker?: boolean;
  employerVisible?: boolean;
}

export async function updateMeasure(ctx: Ctx, measureId: string, props: UpdateMeasureProps) {
  const p = ctx.principal;
  const m = await loadMeasure(ctx, measureId, 'write');
  checkMeasureInput(props);
  const code = measureCode(m);
  if (props.employerVisible && (!code || !catalogueMeasure(code).employerVisibleAllowed)) {
    throw invalid('MESURE_NON_VISIBLE_EMPLOYEUR', `« ${measureLabel(m.catalogue_code)} » révèle une information de santé : elle ne peut pas être montrée à l'employeur.`, 'employerVisible');
  }
  const updated = await measures.updateMeasure(ctx.trx, p.tenantId, m.id, {
    ...(props.details !== undefined ? { details: props.details?.trim() || null } : {}),
    ...(props.employerNote !== undefined ? { employer_note: props.employerNote?.trim() || null } : {}),
    ...(props.sharedWithWorker !== undefined ? { shared_with_worker: props.sharedWithWorker } : {}),
    ...(props.employerVisible !== undefined ? { employer_visible: props.employerVisible } : {}),
    updated_at: ctx.now,
  });
  await ctx.record({
    action: 'measure.update',
    subjectType: 'measure',
    subjectId: m.id,
    category: 'sensitive',
    details: { fields: Object.keys(props).filter((k) => props[k as keyof UpdateMeasureProps] !== undefined) },
    // Sharing a measure with the worker shows on his timeline.
    timeline: props.sharedWithWorker === true && !m.shared_with_worker ? measureEntry(updated, 'Mesure partagée avec le salarié', `${measureLabel(m.catalogue_code)}.`) : undefined,
  });
  return presentMeasure(updated, await measures.findApprovals(ctx.trx, p.tenantId, [m.id]), true);
}
