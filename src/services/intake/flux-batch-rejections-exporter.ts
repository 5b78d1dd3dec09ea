/**
 * The rejection report of a batch as a CSV download (`Ligne;Émetteur;Identifiant du message;
 * Code;Champ;Message`). The report holds no identity data (docs/formats/flux-arrets.md), so it
 * may leave the application. It is streamed: `openRejectionExport` checks and records the
 * export, then `readRejectionPage` is called page after page (keyset on the line number), each
 * in its own short transaction, so a report of a million lines never sits in memory.
 */
import * as fluxAdmin from '../../db/repositories/flux-admin.repository';
import { ensure } from '../../domain/access';
import type { Ctx } from '../context';
import { batchNotFound } from './flux-batch-reader';
import { rejectionCsvLine } from './flux-batch-format';

export const EXPORT_PAGE_SIZE = 5000;

export async function openRejectionExport(ctx: Ctx, props: { batchId: string }) {
  ensure(ctx.principal, 'flux.history');
  const b = await fluxAdmin.findBatch(ctx.trx, ctx.principal.tenantId, props.batchId);
  if (!b) throw batchNotFound();
  await ctx.record({ action: 'flux.rejections.export', subjectType: 'import_batch', subjectId: b.id, category: 'administrative', details: { rejected: Number(b.rejected) } });
  const stem = b.file_name.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'flux';
  return { batchId: b.id, fileName: `rejets-${stem}-${b.started_at instanceof Date ? b.started_at.toISOString().slice(0, 10) : String(b.started_at).slice(0, 10)}.csv` };
}

/** CSV lines (each ending with CRLF) of the rejections after `afterLine`; `last` is where to resume. */
export async function readRejectionPage(ctx: Ctx, props: { batchId: string; afterLine: number; limit?: number }) {
  ensure(ctx.principal, 'flux.history');
  const rows = await fluxAdmin.listRejections(ctx.trx, ctx.principal.tenantId, props.batchId, { afterLine: props.afterLine, limit: props.limit ?? EXPORT_PAGE_SIZE });
  return {
    text: rows.map((r) => `${rejectionCsvLine(r)}\r\n`).join(''),
    last: rows.length ? rows[rows.length - 1].line : props.afterLine,
    done: rows.length < (props.limit ?? EXPORT_PAGE_SIZE),
  };
}
