/**
 * The machine outbox of the Assurance maladie (API token scope `retours`): messages not yet
 * acknowledged after a cursor, in order. Serving a message marks it « transmis » (channel api);
 * a message stays in the outbox until acknowledged, so a client that lost an answer rewinds its
 * cursor and gets it again (at-least-once delivery; acknowledgements are idempotent).
 */
import * as returns from '../../db/repositories/am-return.repository';
import { ensure } from '../../domain/access';
import { invalid } from '../../domain/errors';
import { DEFAULT_AM_RETURN_LIMITS } from '../../domain/intake/am-return';
import type { Ctx } from '../context';
import { renderMessages } from './am-return-format';

export interface OutboxProps {
  after?: number;
  limit?: number;
  recipient?: string;
}

export async function readAmReturnOutbox(ctx: Ctx, props: OutboxProps) {
  const p = ctx.principal;
  ensure(p, 'amreturn.fetch');
  const max = DEFAULT_AM_RETURN_LIMITS.outboxMaxLimit;
  const after = props.after ?? 0;
  const limit = props.limit ?? 100;
  if (!Number.isInteger(after) || after < 0) throw invalid('CURSEUR_INVALIDE', 'Le curseur doit être un entier positif ou nul.', 'after');
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw invalid('LIMITE_INVALIDE', `La limite doit être comprise entre 1 et ${max}.`, 'limit');
  const recipient = props.recipient?.trim() || undefined;
  const rows = await returns.findOutbox(ctx.trx, p.tenantId, after, recipient, limit);
  const rendered = await renderMessages(ctx, rows);
  await returns.markTransmitted(ctx.trx, p.tenantId, rendered.map((r) => ({ id: r.row.id, jobIncluded: r.jobIncluded })), 'api', ctx.now);
  if (rendered.length > 0) {
    await ctx.record({
      action: 'am_return.fetch',
      subjectType: 'am_return',
      subjectId: null,
      category: 'administrative',
      details: { count: rendered.length, after, messageIds: rendered.map((r) => r.row.message_id), withJobInfo: rendered.filter((r) => r.jobIncluded).length },
    });
  }
  const nextCursor = rows.length > 0 ? Number(rows[rows.length - 1].seq) : after;
  return {
    items: rendered.map((r) => ({ cursor: Number(r.row.seq), message: r.message })),
    nextCursor,
    hasMore: rows.length === limit,
  };
}
