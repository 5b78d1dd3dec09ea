/**
 * Administrative timeline entries of this part (referrals, the lead, consents), shared with the
 * worker: the cell, the worker and consented partners read them.
 */
import * as dossiers from '../../../db/repositories/dossier.repository';
import * as timeline from '../../../db/repositories/timeline.repository';
import type { TimelineKind } from '../../../db/repositories/timeline.repository';
import type { Ctx } from '../../context';

export async function recordInTimeline(ctx: Ctx, dossierId: string, kind: Extract<TimelineKind, 'referral' | 'lead' | 'consent'>, title: string, body: string): Promise<void> {
  const p = ctx.principal;
  await timeline.insertEntry(ctx.trx, {
    tenant_id: p.tenantId,
    dossier_id: dossierId,
    kind,
    category: 'administrative',
    title,
    body,
    shared_with_worker: true,
    author_user_id: p.userId,
    author_name: p.label,
    created_at: ctx.now,
  });
  await dossiers.touchDossier(ctx.trx, p.tenantId, dossierId, ctx.now);
}
