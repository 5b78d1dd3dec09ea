/**
 * The outbound file of the messages « à transmettre » (docs/formats/retours-am.md). Producing
 * it changes no status: a file may be downloaded and never sent. The cell confirms what it
 * actually sent with the export confirmer.
 */
import * as returns from '../../db/repositories/am-return.repository';
import { ensure } from '../../domain/access';
import { invalid } from '../../domain/errors';
import { toCsv, toJsonl } from '../../domain/intake/am-return';
import type { Ctx } from '../context';
import { renderMessages } from './am-return-format';

/** Largest export file (messages); the remainder comes in the next file. */
import { AM_RETURN_EXPORT_MAX } from '../../domain/intake/channels';
export { AM_RETURN_EXPORT_MAX };

export interface ExportAmReturnsProps {
  /** Only the messages to this recipient (the flux issuer's code). */
  recipient?: string;
  format?: string;
}

export async function exportAmReturns(ctx: Ctx, props: ExportAmReturnsProps) {
  const p = ctx.principal;
  ensure(p, 'amreturn.manage');
  const format = props.format ?? 'csv';
  if (format !== 'csv' && format !== 'jsonl') throw invalid('FORMAT_INCONNU', 'Format inconnu : choisissez csv ou jsonl.', 'format');
  const recipient = props.recipient?.trim() || undefined;
  if (recipient !== undefined && !/^[A-Z0-9-]{1,32}$/.test(recipient)) {
    throw invalid('EMETTEUR_INVALIDE', 'Code de destinataire invalide (lettres majuscules, chiffres et tirets, 32 caractères au plus).', 'recipient');
  }
  const rows = await returns.findPending(ctx.trx, p.tenantId, recipient, AM_RETURN_EXPORT_MAX);
  const rendered = await renderMessages(ctx, rows);
  const messages = rendered.map((r) => r.message);
  const stamp = ctx.now.toISOString().slice(0, 19).replace(/[-:T]/g, '');
  await ctx.record({ action: 'am_return.export', subjectType: 'am_return', subjectId: null, category: 'administrative', details: { count: messages.length, destinataire: recipient ?? null, format } });
  return {
    fileName: `retours-am-${recipient ?? 'tous'}-${stamp}.${format}`,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    body: format === 'csv' ? toCsv(messages) : toJsonl(messages),
    messageIds: messages.map((m) => m.id_message),
  };
}
