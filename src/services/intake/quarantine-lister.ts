/**
 * « Identités à rapprocher »: lines of the AM flux kept in quarantine because their NIR is known
 * with another birth date or sex. The list shows the names of the lines (to recognise them):
 * identity data, so the read is audited.
 */
import * as fluxAdmin from '../../db/repositories/flux-admin.repository';
import { ensure } from '../../domain/access';
import type { Ctx } from '../context';
import { QUARANTINE_STATUS_LABELS, readQuarantinePayload, type QuarantineStatus } from './quarantine-payload';

export const QUARANTINE_PAGE_SIZE = 25;

export interface ListQuarantineProps {
  status?: QuarantineStatus;
  page?: number;
}

export async function listQuarantine(ctx: Ctx, props: ListQuarantineProps) {
  ensure(ctx.principal, 'quarantine.resolve');
  const status = props.status ?? 'a_traiter';
  const page = Math.max(1, props.page ?? 1);
  const tenantId = ctx.principal.tenantId;
  const { rows, counts } = await fluxAdmin.listQuarantine(ctx.trx, tenantId, status, QUARANTINE_PAGE_SIZE, (page - 1) * QUARANTINE_PAGE_SIZE);
  if (rows.length) {
    await ctx.record({ action: 'flux.quarantine.list', subjectType: 'flux_quarantine', subjectId: null, category: 'sensitive', details: { status, page, shown: rows.length } });
  }
  return {
    status,
    items: rows.map((r) => {
      const line = readQuarantinePayload(r.payload);
      return {
        id: r.id,
        batchId: r.batch_id,
        fileName: r.file_name ?? null,
        line: r.line,
        issuer: r.emetteur,
        messageId: r.id_message,
        code: r.code,
        status: r.status,
        statusLabel: QUARANTINE_STATUS_LABELS[r.status as QuarantineStatus] ?? r.status,
        displayName: [line.birthName, line.firstNames].filter(Boolean).join(' '),
        receivedAt: r.created_at,
        resolvedAt: r.resolved_at,
        resolvedByName: r.resolved_by_name ?? null,
        resolutionNote: r.resolution_note,
      };
    }),
    total: counts[status] ?? 0,
    page,
    pageSize: QUARANTINE_PAGE_SIZE,
    counts: { a_traiter: counts.a_traiter ?? 0, rattachee: counts.rattachee ?? 0, rejetee: counts.rejetee ?? 0 },
  };
}
