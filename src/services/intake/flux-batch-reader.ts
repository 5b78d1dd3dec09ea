/** One import batch: its counts, warnings, rejections by code and a page of its rejections. */
import * as fluxAdmin from '../../db/repositories/flux-admin.repository';
import { ensure } from '../../domain/access';
import { notFound } from '../../domain/errors';
import type { Ctx } from '../context';
import { batchSummary } from './flux-batch-format';

export const REJECTION_PAGE_SIZE = 50;

export interface ReadFluxBatchProps {
  id: string;
  page?: number;
  /** Only the rejections of this code. */
  code?: string;
}

export const batchNotFound = () => notFound('IMPORT_INTROUVABLE', "Cet import du flux n'existe pas.");

function warningsOf(raw: unknown): string[] {
  const value = typeof raw === 'string' ? safeParse(raw) : raw;
  if (!Array.isArray(value)) return [];
  return value.map((w) => (typeof w === 'string' ? w : typeof w === 'object' && w && 'message' in w ? String((w as { message: unknown }).message) : JSON.stringify(w)));
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return [];
  }
}

export async function readFluxBatch(ctx: Ctx, props: ReadFluxBatchProps) {
  ensure(ctx.principal, 'flux.history');
  const tenantId = ctx.principal.tenantId;
  const b = await fluxAdmin.findBatch(ctx.trx, tenantId, props.id);
  if (!b) throw batchNotFound();
  const page = Math.max(1, props.page ?? 1);
  const [byCode, rejections, total] = await Promise.all([
    fluxAdmin.countRejectionsByCode(ctx.trx, tenantId, b.id),
    fluxAdmin.listRejections(ctx.trx, tenantId, b.id, { limit: REJECTION_PAGE_SIZE, offset: (page - 1) * REJECTION_PAGE_SIZE, code: props.code }),
    fluxAdmin.countRejections(ctx.trx, tenantId, b.id, props.code),
  ]);
  return {
    ...batchSummary(b),
    warnings: warningsOf(b.warnings),
    rejectionsByCode: byCode,
    rejections: {
      items: rejections.map((r) => ({ line: r.line, issuer: r.emetteur, messageId: r.id_message, code: r.code, field: r.field, message: r.message })),
      total,
      page,
      pageSize: REJECTION_PAGE_SIZE,
    },
  };
}
