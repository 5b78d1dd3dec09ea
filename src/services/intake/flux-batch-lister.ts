/** « Imports du flux »: the history of AM flux batches, newest first. */
import * as fluxAdmin from '../../db/repositories/flux-admin.repository';
import { ensure } from '../../domain/access';
import type { Ctx } from '../context';
import { batchSummary } from './flux-batch-format';

export const BATCH_PAGE_SIZE = 25;

export interface ListFluxBatchesProps {
  page?: number;
}

export async function listFluxBatches(ctx: Ctx, props: ListFluxBatchesProps) {
  ensure(ctx.principal, 'flux.history');
  const page = Math.max(1, props.page ?? 1);
  const { rows, total } = await fluxAdmin.listBatches(ctx.trx, ctx.principal.tenantId, BATCH_PAGE_SIZE, (page - 1) * BATCH_PAGE_SIZE);
  return { items: rows.map(batchSummary), total, page, pageSize: BATCH_PAGE_SIZE };
}
