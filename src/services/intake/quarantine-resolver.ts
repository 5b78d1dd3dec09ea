/**
 * The decision on a quarantined line (« Identités à rapprocher »), never silent:
 * - `rattacher` (« Rattacher au salarié connu »): the person checked that the line is about the
 *   known worker despite the differing birth date or sex. The line is applied to that worker
 *   exactly as the pipeline applies an accepted line: the arrêt is created or updated
 *   (prolongation, fin, annulation; an unknown episode is created and flagged for review), a
 *   signal attaches it to the worker's open dossier, and the intake rules run. The worker's
 *   identity is left as it is.
 * - `rejeter`: the line stays, status « Rejetée », with the mandatory note.
 * Either way who and when are recorded on the line and in the audit log (no identity there).
 */
import { createHash } from 'node:crypto';
import * as fluxAdmin from '../../db/repositories/flux-admin.repository';
import * as signals from '../../db/repositories/signal.repository';
import { ensure } from '../../domain/access';
import { conflict, invalid } from '../../domain/errors';
import { MESSAGE_TYPE_LABELS, type MessageType } from '../../domain/intake/flux-line';
import type { Ctx } from '../context';
import { applyArretRules } from './arret-rules-applier';
import { motifLabel, readQuarantinePayload, type QuarantinedLine } from './quarantine-payload';
import { quarantineNotFound } from './quarantine-reader';
import { recordSignal } from './signal-recorder';

import { MAX_NOTE_LENGTH, QUARANTINE_ACTIONS, type QuarantineAction } from '../../domain/intake/channels';
export { MAX_NOTE_LENGTH, QUARANTINE_ACTIONS, type QuarantineAction };

export interface ResolveQuarantineProps {
  action: QuarantineAction;
  note?: string | null;
}

const alreadyResolved = () => conflict('QUARANTAINE_DEJA_TRAITEE', 'Cette ligne a déjà été traitée : rechargez la page.');

export async function resolveQuarantine(ctx: Ctx, id: string, props: ResolveQuarantineProps) {
  const p = ctx.principal;
  ensure(p, 'quarantine.resolve');
  if (!(QUARANTINE_ACTIONS as readonly string[]).includes(props.action)) {
    throw invalid('ACTION_INCONNUE', 'Action inconnue : « rattacher » ou « rejeter » attendu.', 'action');
  }
  const note = props.note?.trim() || null;
  if (note && note.length > MAX_NOTE_LENGTH) throw invalid('NOTE_TROP_LONGUE', `La note ne peut pas dépasser ${MAX_NOTE_LENGTH} caractères.`, 'note');
  if (props.action === 'rejeter' && !note) throw invalid('NOTE_REQUISE', 'Indiquez pourquoi la ligne est rejetée.', 'note');

  const tenantId = p.tenantId;
  const q = await fluxAdmin.findQuarantine(ctx.trx, tenantId, id);
  if (!q) throw quarantineNotFound();
  if (q.status !== 'a_traiter') throw alreadyResolved();
  const line = readQuarantinePayload(q.payload);

  if (props.action === 'rejeter') {
    const done = await fluxAdmin.resolveQuarantine(ctx.trx, tenantId, id, { status: 'rejetee', note, userId: p.userId, at: ctx.now, workerId: q.worker_id });
    if (!done) throw alreadyResolved();
    await ctx.record({ action: 'flux.quarantine.reject', subjectType: 'flux_quarantine', subjectId: id, category: 'administrative', details: { batchId: q.batch_id, line: q.line } });
    return { id, status: 'rejetee' as const, workerId: q.worker_id, arretId: null, dossierId: null, dossierReference: null };
  }

  const workerId = q.worker_id ?? (line.nir ? await fluxAdmin.findWorkerIdByNir(ctx.trx, tenantId, line.nir) : null);
  if (!workerId) throw conflict('SALARIE_INTROUVABLE', "Aucun salarié connu ne porte ce NIR : la ligne ne peut pas lui être rattachée.");
  if (!line.startDate || !line.idArret) throw conflict('LIGNE_INCOMPLETE', "La ligne conservée est incomplète : elle ne peut pas être appliquée. Rejetez-la.");

  // Claim the line first: of two people deciding at once, only one applies it.
  const done = await fluxAdmin.resolveQuarantine(ctx.trx, tenantId, id, { status: 'rattachee', note, userId: p.userId, at: ctx.now, workerId });
  if (!done) throw alreadyResolved();
  const arretId = await applyLine(ctx, q.emetteur, workerId, line);
  await fluxAdmin.markMessageAccepted(ctx.trx, tenantId, q.emetteur, q.id_message, arretId, workerId);
  const s = await recordSignal(ctx, {
    workerId,
    source: 'flux_am',
    kind: 'arret',
    // Same reason and origin as the pipeline gives an accepted line (flux.repository.ts).
    reason: `${motifLabel(line.motif)} (${MESSAGE_TYPE_LABELS[line.type as MessageType] ?? line.type})`,
    consentGiven: true,
    consentDate: line.consentDate,
    arretId,
    originTable: 'flux_message',
    originId: messageOriginId(q.emetteur, q.id_message),
  });
  await applyArretRules(ctx.trx, tenantId, [arretId], ctx.now);
  await ctx.record({ action: 'flux.quarantine.attach', subjectType: 'flux_quarantine', subjectId: id, category: 'administrative', details: { batchId: q.batch_id, line: q.line, workerId, arretId } });
  return { id, status: 'rattachee' as const, workerId, arretId, dossierId: s.dossierId, dossierReference: s.dossierReference };
}

/** The message's stable id, as the pipeline computes it: md5(emetteur ‖ U+001F ‖ id_message) as a uuid. */
export function messageOriginId(emetteur: string, idMessage: string): string {
  const h = createHash('md5').update(`${emetteur}\u001f${idMessage}`, 'utf8').digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Creates or updates the issuer's episode as the pipeline does for an accepted line. */
async function applyLine(ctx: Ctx, emetteur: string, workerId: string, line: QuarantinedLine): Promise<string> {
  const tenantId = ctx.principal.tenantId;
  const existing = await fluxAdmin.findArretByExternalId(ctx.trx, tenantId, emetteur, line.idArret);
  const nature = ['maladie', 'accident_travail', 'maladie_professionnelle'].includes(line.nature) ? line.nature : 'maladie';
  if (existing) {
    const set: Parameters<typeof fluxAdmin.updateArret>[3] = { updated_at: ctx.now, ald: line.ald, temps_partiel_therapeutique: line.tpt };
    if (line.type === 'initial' || line.type === 'prolongation') set.expected_end_date = line.expectedEndDate;
    if (line.type === 'fin') set.actual_end_date = line.actualEndDate;
    if (line.type === 'annulation') set.cancelled_at = ctx.now;
    await fluxAdmin.updateArret(ctx.trx, tenantId, existing.id, set);
    return existing.id;
  }
  const companyId = line.siret ? await fluxAdmin.findCompanyIdBySiret(ctx.trx, tenantId, line.siret) : null;
  const created = await signals.insertArret(ctx.trx, {
    tenant_id: tenantId,
    worker_id: workerId,
    source: 'flux_am',
    emetteur,
    external_id: line.idArret,
    nature,
    start_date: line.startDate!,
    expected_end_date: line.type === 'fin' || line.type === 'annulation' ? null : line.expectedEndDate,
    actual_end_date: line.type === 'fin' ? line.actualEndDate : null,
    ald: line.ald,
    temps_partiel_therapeutique: line.tpt,
    company_id: companyId,
    cancelled_at: line.type === 'annulation' ? ctx.now : null,
    // A prolongation, end or cancellation of an episode never seen: created, and flagged.
    needs_review: line.type !== 'initial',
    created_at: ctx.now,
    updated_at: ctx.now,
  });
  return created.id;
}
