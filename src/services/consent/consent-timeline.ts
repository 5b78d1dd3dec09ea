/**
 * A grant or a withdrawal leaves an administrative entry, shared with the worker, in each of his
 * dossiers that is not closed: the cell and the worker see when sharing started or stopped.
 */
import * as dossiers from '../../db/repositories/dossier.repository';
import * as timeline from '../../db/repositories/timeline.repository';
import type { Ctx } from '../context';

const CLOSED = new Set(['clos', 'non_retenu', 'reoriente']);

export async function recordConsentInTimeline(ctx: Ctx, workerId: string, title: string, body: string): Promise<void> {
  const p = ctx.principal;
  const ds = (await dossiers.findDossiersOfWorker(ctx.trx, p.tenantId, workerId)).filter((d) => !CLOSED.has(d.state));
  for (const d of ds) {
    await timeline.insertEntry(ctx.trx, {
      tenant_id: p.tenantId,
      dossier_id: d.id,
      kind: 'consent',
      category: 'administrative',
      title,
      body,
      shared_with_worker: true,
      author_user_id: p.userId,
      author_name: p.label,
      created_at: ctx.now,
    });
    await dossiers.touchDossier(ctx.trx, p.tenantId, d.id, ctx.now);
  }
}
