/**
 * The cell confirms that an export file was sent: its messages become « transmis » (channel
 * fichier). Confirming again changes nothing; unknown ids are reported, not fatal.
 */
import * as returns from '../../db/repositories/am-return.repository';
import { ensure } from '../../domain/access';
import { invalid } from '../../domain/errors';
import type { Ctx } from '../context';
import { renderMessages } from './am-return-format';
import { AM_RETURN_EXPORT_MAX } from './am-return-exporter';

export async function confirmAmReturnExport(ctx: Ctx, props: { messageIds: string[] }) {
  const p = ctx.principal;
  ensure(p, 'amreturn.manage');
  const ids = [...new Set(props.messageIds.map((s) => s.trim()).filter(Boolean))];
  if (ids.length === 0) throw invalid('MESSAGES_REQUIS', 'Indiquez les messages transmis.', 'messageIds');
  if (ids.length > AM_RETURN_EXPORT_MAX) throw invalid('TROP_DE_MESSAGES', `Au plus ${AM_RETURN_EXPORT_MAX} messages par confirmation.`, 'messageIds');
  const rows = await returns.findByMessageIds(ctx.trx, p.tenantId, ids);
  const known = new Set(rows.map((r) => r.message_id));
  const pending = rows.filter((r) => r.status === 'a_transmettre');
  const rendered = await renderMessages(ctx, pending);
  await returns.markTransmitted(ctx.trx, p.tenantId, rendered.map((r) => ({ id: r.row.id, jobIncluded: r.jobIncluded })), 'fichier', ctx.now);
  for (const r of rendered) {
    await ctx.record({ action: 'am_return.transmit', subjectType: 'am_return', subjectId: r.row.id, category: 'administrative', details: { messageId: r.row.message_id, channel: 'fichier', jobInfo: r.jobIncluded } });
  }
  return {
    confirmed: rendered.length,
    unchanged: rows.filter((r) => r.status !== 'a_transmettre').map((r) => r.message_id),
    unknown: ids.filter((id) => !known.has(id)),
  };
}
