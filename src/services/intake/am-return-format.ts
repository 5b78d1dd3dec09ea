/**
 * Shared by the returns services: a stored message rendered in the outbound format (job
 * information only while the worker's consent is current) and as the cell sees it.
 */
import { createHash } from 'node:crypto';
import * as returns from '../../db/repositories/am-return.repository';
import type { AmReturnRow } from '../../db/repositories/am-return.repository';
import {
  AM_RETURN_STATUS_LABELS,
  AM_RETURN_TYPE_LABELS,
  carriesJobInfo,
  isAmReturnStatus,
  isAmReturnType,
  JOB_INFO_CONSENT_PURPOSE,
  JOB_INFO_RECIPIENT_KIND,
  toOutboundMessage,
  type AmReturnRecord,
  type JobInfo,
  type OutboundMessage,
} from '../../domain/intake/am-return';
import type { Ctx } from '../context';

/** Stable public id of the accompaniment (arrêt, type, date) of a tenant: RAM-<32 hex>. */
export function amReturnMessageId(tenantId: string, arretId: string, type: string, date: string): string {
  return `RAM-${createHash('sha256').update(`${tenantId}:${arretId}:${type}:${date}`).digest('hex').slice(0, 32).toUpperCase()}`;
}

export function jobOf(row: Pick<AmReturnRow, 'job_title' | 'job_pcs' | 'job_rome' | 'working_conditions'>): JobInfo | null {
  if (row.job_title === null && row.job_pcs === null && row.job_rome === null && row.working_conditions === null) return null;
  return { jobTitle: row.job_title, pcs: row.job_pcs, rome: row.job_rome, workingConditions: row.working_conditions };
}

export function toRecord(row: AmReturnRow, spst: string): AmReturnRecord {
  if (!isAmReturnType(row.type_code)) throw new Error(`am_return ${row.id}: unknown type`);
  return {
    messageId: row.message_id,
    spst,
    recipient: row.destinataire,
    amArretId: row.id_arret,
    type: row.type_code,
    date: row.accompaniment_date,
    comment: row.comment,
    job: jobOf(row),
    createdAt: row.created_at,
  };
}

/** Workers (among those of `rows`) whose job-information consent to the CPAM is current now. */
export async function workersWithJobConsent(ctx: Ctx, workerIds: readonly string[]): Promise<Set<string>> {
  const ids = [...new Set(workerIds)];
  const rows = await returns.findCurrentConsents(ctx.trx, ctx.principal.tenantId, ids, JOB_INFO_CONSENT_PURPOSE, JOB_INFO_RECIPIENT_KIND);
  return new Set(rows.map((r) => r.worker_id));
}

/** Renders messages as they leave now: job information only where the consent is current. */
export async function renderMessages(ctx: Ctx, rows: readonly AmReturnRow[]): Promise<{ row: AmReturnRow; message: OutboundMessage; jobIncluded: boolean }[]> {
  if (rows.length === 0) return [];
  const spst = await returns.findTenantSlug(ctx.trx, ctx.principal.tenantId);
  const consented = await workersWithJobConsent(ctx, rows.filter((r) => jobOf(r) !== null).map((r) => r.worker_id));
  return rows.map((row) => {
    const message = toOutboundMessage(toRecord(row, spst), consented.has(row.worker_id));
    return { row, message, jobIncluded: carriesJobInfo(message) };
  });
}

/** A message as the cell sees it (dossier section, returns page). */
export function toAmReturnDto(row: AmReturnRow, jobConsentNow: boolean) {
  const job = jobOf(row);
  const status = isAmReturnStatus(row.status) ? row.status : 'a_transmettre';
  return {
    id: row.id,
    messageId: row.message_id,
    dossierId: row.dossier_id,
    recipient: row.destinataire,
    amArretId: row.id_arret,
    type: row.type_code,
    typeLabel: isAmReturnType(row.type_code) ? AM_RETURN_TYPE_LABELS[row.type_code] : row.type_code,
    date: row.accompaniment_date,
    comment: row.comment,
    job,
    // Not sent yet: whether it will leave with the job information (consent current now);
    // sent: whether the last transmission carried it.
    jobIncluded: status === 'a_transmettre' ? job !== null && jobConsentNow : row.job_included === true,
    status,
    statusLabel: AM_RETURN_STATUS_LABELS[status],
    channel: row.channel,
    transmissions: row.transmissions,
    transmittedAt: row.transmitted_at,
    acknowledgedAt: row.acknowledged_at,
    error: row.error,
    createdAt: row.created_at,
  };
}
