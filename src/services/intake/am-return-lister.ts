/** The page « Retours à l'Assurance maladie »: every message with its delivery status and counts. */
import * as returns from '../../db/repositories/am-return.repository';
import { ensure } from '../../domain/access';
import { invalid } from '../../domain/errors';
import { AM_RETURN_STATUSES, isAmReturnStatus } from '../../domain/intake/am-return';
import type { Ctx } from '../context';
import { workerDisplayName } from '../worker/worker-format';
import { toAmReturnDto, workersWithJobConsent } from './am-return-format';

export interface ListAmReturnsProps {
  statuses?: string[];
  recipient?: string;
  page?: number;
  pageSize?: number;
}

import { AM_RETURN_PAGE_MAX } from '../../domain/intake/channels';
export { AM_RETURN_PAGE_MAX };

export async function listAmReturns(ctx: Ctx, props: ListAmReturnsProps) {
  const p = ctx.principal;
  ensure(p, 'amreturn.manage');
  for (const s of props.statuses ?? []) {
    if (!isAmReturnStatus(s)) throw invalid('STATUT_INCONNU', `Statut inconnu : « ${s} ».`, 'status');
  }
  const page = Math.max(1, props.page ?? 1);
  const pageSize = Math.min(AM_RETURN_PAGE_MAX, Math.max(1, props.pageSize ?? 25));
  const recipient = props.recipient?.trim() || undefined;
  const [rows, counts, recipients] = await Promise.all([
    returns.listPage(ctx.trx, { tenantId: p.tenantId, statuses: props.statuses, destinataire: recipient, limit: pageSize, offset: (page - 1) * pageSize }),
    returns.countByStatus(ctx.trx, p.tenantId, recipient),
    returns.listDestinataires(ctx.trx, p.tenantId),
  ]);
  const consented = await workersWithJobConsent(ctx, rows.map((r) => r.worker_id));
  const allCounts = Object.fromEntries(AM_RETURN_STATUSES.map((s) => [s, counts[s] ?? 0])) as Record<string, number>;
  const total = (props.statuses?.length ? props.statuses : AM_RETURN_STATUSES).reduce((n, s) => n + (allCounts[s] ?? 0), 0);
  return {
    items: rows.map((r) => ({
      ...toAmReturnDto(r, consented.has(r.worker_id)),
      dossierReference: r.reference,
      workerName: workerDisplayName(r),
    })),
    total,
    page,
    pageSize,
    counts: allCounts,
    recipients,
  };
}
