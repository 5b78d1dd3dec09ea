/**
 * Puts a message « en erreur » back in the outbox (after the cell fixed what the AM refused).
 * It takes a new outbox position, so a client past its old cursor still receives it.
 */
import * as returns from '../../db/repositories/am-return.repository';
import { ensure } from '../../domain/access';
import { invalid, notFound } from '../../domain/errors';
import type { Ctx } from '../context';
import { toAmReturnDto, workersWithJobConsent } from './am-return-format';

export async function requeueAmReturn(ctx: Ctx, id: string) {
  const p = ctx.principal;
  ensure(p, 'amreturn.manage');
  const row = await returns.findById(ctx.trx, p.tenantId, id, { forUpdate: true });
  if (!row) throw notFound('RETOUR_INTROUVABLE', "Ce message de retour n'existe pas.");
  if (row.status !== 'en_erreur') throw invalid('RELANCE_IMPOSSIBLE', 'Seul un message « En erreur » peut être remis à transmettre.', 'id');
  const seq = await returns.nextSeq(ctx.trx, p.tenantId);
  await returns.setStatus(ctx.trx, p.tenantId, row.id, { status: 'a_transmettre', error: null, acknowledged_at: null, seq }, ctx.now);
  await ctx.record({ action: 'am_return.requeue', subjectType: 'am_return', subjectId: row.id, category: 'administrative', details: { messageId: row.message_id } });
  const updated = await returns.findById(ctx.trx, p.tenantId, row.id);
  const consented = await workersWithJobConsent(ctx, [row.worker_id]);
  return toAmReturnDto(updated!, consented.has(row.worker_id));
}
