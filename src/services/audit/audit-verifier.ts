/** Verifies the tenant's audit chain, and searches it. */
import { readAuditChain, readAuditHead, searchAuditEvents } from '../../db/repositories/audit.repository';
import { ensure, } from '../../domain/access';
import { verifyChain } from '../../domain/audit/chain';
import type { Ctx } from '../context';

export async function verifyAudit(ctx: Ctx) {
  ensure(ctx.principal, 'audit.verify');
  const tenantId = ctx.principal.tenantId;
  const events = await collect(readAuditChain(ctx.trx, tenantId));
  const head = await readAuditHead(ctx.trx, tenantId);
  const result = verifyChain(events, head);
  await ctx.record({ action: 'audit.verify', subjectType: 'audit', subjectId: null, details: { checked: result.checked, problems: result.problems.length } });
  return { ok: result.problems.length === 0, checked: result.checked, problems: result.problems };
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export async function searchAudit(ctx: Ctx, q: { subjectType?: string; subjectId?: string; action?: string; actorUserId?: string; beforeSeq?: number; limit?: number }) {
  ensure(ctx.principal, 'audit.read');
  const rows = await searchAuditEvents(ctx.trx, ctx.principal.tenantId, { ...q, limit: Math.min(200, Math.max(1, q.limit ?? 50)) });
  return {
    items: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actorLabel: r.actorLabel,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      category: r.category,
      purpose: r.purpose,
    })),
  };
}
