/**
 * One quarantined line next to the known worker it collides with (NIR, names, birth date, sex),
 * with the differing fields flagged. Identity data on both sides: the read is audited.
 */
import * as fluxAdmin from '../../db/repositories/flux-admin.repository';
import { ensure } from '../../domain/access';
import { notFound } from '../../domain/errors';
import { MESSAGE_TYPE_LABELS, type MessageType } from '../../domain/intake/flux-line';
import type { Ctx } from '../context';
import { motifLabel, QUARANTINE_STATUS_LABELS, readQuarantinePayload, type QuarantineStatus } from './quarantine-payload';

export const quarantineNotFound = () => notFound('LIGNE_INTROUVABLE', "Cette ligne en quarantaine n'existe pas.");

const NATURE_LABELS: Readonly<Record<string, string>> = {
  maladie: 'Maladie',
  accident_travail: 'Accident du travail',
  maladie_professionnelle: 'Maladie professionnelle',
};

/** Names compare without case, accents or extra spaces: « Lefèvre » = « LEFEVRE ». */
const comparable = (s: string | null | undefined) =>
  (s ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s'-]+/g, ' ')
    .trim()
    .toUpperCase();

export async function readQuarantine(ctx: Ctx, id: string) {
  ensure(ctx.principal, 'quarantine.resolve');
  const tenantId = ctx.principal.tenantId;
  const q = await fluxAdmin.findQuarantine(ctx.trx, tenantId, id);
  if (!q) throw quarantineNotFound();
  const line = readQuarantinePayload(q.payload);
  const workerId = q.worker_id ?? (line.nir ? await fluxAdmin.findWorkerIdByNir(ctx.trx, tenantId, line.nir) : null);
  const w = workerId ? await fluxAdmin.findWorkerIdentity(ctx.trx, tenantId, workerId) : undefined;
  await ctx.record({ action: 'flux.quarantine.read', subjectType: 'flux_quarantine', subjectId: q.id, category: 'sensitive', details: { workerId: w?.id ?? null } });

  const row = (field: string, label: string, kind: 'text' | 'date' | 'sex' | 'nir', lineValue: string | number | null, workerValue: string | number | null, compare = true) => ({
    field,
    label,
    kind,
    lineValue: lineValue === null || lineValue === '' ? null : String(lineValue),
    workerValue: workerValue === null || workerValue === '' ? null : String(workerValue),
    differs: compare && w !== undefined && comparable(String(lineValue ?? '')) !== comparable(String(workerValue ?? '')),
  });
  const comparison = [
    row('nir', 'NIR', 'nir', line.nir, w?.nir ?? null),
    row('birthName', 'Nom de naissance', 'text', line.birthName, w?.birth_name ?? null),
    row('usageName', "Nom d'usage", 'text', null, w?.usage_name ?? null, false),
    row('firstNames', 'Prénoms', 'text', line.firstNames, w?.first_names ?? null),
    row('birthDate', 'Date de naissance', 'date', line.birthDate, w?.birth_date ?? null),
    row('sex', 'Sexe', 'sex', line.sex, w?.sex ?? null),
  ];

  return {
    id: q.id,
    batchId: q.batch_id,
    fileName: q.file_name ?? null,
    line: q.line,
    issuer: q.emetteur,
    messageId: q.id_message,
    code: q.code,
    status: q.status,
    statusLabel: QUARANTINE_STATUS_LABELS[q.status as QuarantineStatus] ?? q.status,
    receivedAt: q.created_at,
    resolvedAt: q.resolved_at,
    resolvedByName: q.resolved_by_name ?? null,
    resolutionNote: q.resolution_note,
    arret: {
      amArretId: line.idArret,
      type: line.type,
      typeLabel: MESSAGE_TYPE_LABELS[line.type as MessageType] ?? line.type,
      startDate: line.startDate,
      expectedEndDate: line.expectedEndDate,
      actualEndDate: line.actualEndDate,
      nature: line.nature,
      natureLabel: NATURE_LABELS[line.nature] ?? line.nature,
      reason: line.motif,
      reasonLabel: motifLabel(line.motif),
      consentDate: line.consentDate,
      siret: line.siret,
    },
    worker: w ? { id: w.id, displayName: [w.usage_name || w.birth_name, w.first_names].filter(Boolean).join(' '), identityStatus: w.identity_status } : null,
    comparison,
  };
}
