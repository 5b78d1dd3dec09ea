/**
 * One chunk of the flux, inside one tenant transaction: the valid lines are bulk-loaded into
 * flux_staging, then a fixed sequence of set-based statements decides every line's outcome
 * and writes the business rows (workers, quarantine, out-of-scope lines, arrêts, triage items,
 * messages, signals, timeline of open dossiers). Never one statement per line. A line whose
 * employer is not a member company ends « hors périmètre » and creates nothing but its record; a
 * line of a worker without an open dossier joins his triage item « À qualifier » — the flux never
 * opens a dossier (issue 14: the cell decides). The chunk returns the arrêts it created or changed:
 * the ingest service (services/intake/flux-ingester.ts) applies the intake rules to them in the
 * same transaction.
 */
import type { PGlite } from '@electric-sql/pglite';
import * as flux from '../../db/repositories/flux.repository';
import type { Tx } from '../../db/tenant-tx';
import { ORIGIN_LABELS } from '../../domain/dossier/origins';
import { OPEN_STATES } from '../../domain/dossier/states';
import { SIGNAL_KIND_LABELS } from '../../domain/intake/channels';
import { step } from '../../shared/timing';

export const MESSAGES = {
  conflict: "Ce message (même émetteur et même id_message) a déjà été reçu avec un contenu différent : il n'est pas pris en compte.",
  prolongation: "La nouvelle date de fin prévue est antérieure au début de l'arrêt connu.",
  fin: "La date de fin effective est antérieure au début de l'arrêt connu.",
  initial: "Le début de l'arrêt est postérieur à la fin effective déjà reçue pour cet arrêt.",
};

export interface ChunkInput {
  tenantId: string;
  batchId: string;
  now: Date;
  authorUserId: string | null;
  authorOrganisationId: string;
  authorName: string;
  valid: readonly flux.StagingRow[];
  rejected: readonly flux.RejectionRow[];
}

export interface ChunkResult extends flux.ChunkCounts {
  arretIds: string[];
}

/** MAINTIEN_FLUX_FK_CHECKS=1 keeps the foreign-key checks on the embedded engine too (comparison aid). */
const KEEP_FK_CHECKS = process.env.MAINTIEN_FLUX_FK_CHECKS === '1';

export async function processChunk(trx: Tx, pglite: PGlite | undefined, input: ChunkInput): Promise<ChunkResult> {
  const { tenantId, batchId, now } = input;
  const lines = input.valid.length + input.rejected.length;
  if (input.valid.length === 0) {
    await flux.insertRejections(trx, tenantId, batchId, input.rejected, false);
    return { lines, accepted: 0, duplicates: 0, rejected: input.rejected.length, quarantined: 0, outOfScope: 0, arretIds: [] };
  }
  await step('lockStaging', () => flux.lockStaging(trx));
  await flux.preferIndexLookups(trx);
  await step('refreshGrownTableStats', () => flux.refreshGrownTableStats(trx));
  if (pglite && !KEEP_FK_CHECKS) await step('skipForeignKeyChecks', () => flux.skipPipelineForeignKeyChecks(trx));
  await step('loadStaging', () => flux.loadStaging(trx, pglite, tenantId, batchId, input.valid));
  await step('markDuplicatesAndConflicts', () => flux.markDuplicatesAndConflicts(trx, tenantId, MESSAGES.conflict));
  await step('markOutOfScope', () => flux.markOutOfScope(trx, tenantId));
  await step('insertOutOfScope', () => flux.insertOutOfScope(trx, tenantId, batchId, now));
  await step('matchWorkers', () => flux.matchWorkers(trx, tenantId));
  await step('createWorkers', () => flux.createWorkers(trx, tenantId, now));
  await step('insertQuarantine', () => flux.insertQuarantine(trx, tenantId, batchId, now));
  await step('rejectIncoherentEpisodes', () => flux.rejectIncoherentEpisodes(trx, tenantId, MESSAGES));
  await step('upsertArrets', () => flux.upsertArrets(trx, tenantId, now));
  // Most lines changed outcome: fresh statistics keep the next joins on hash plans.
  await step('analyzeStaging', () => flux.analyzeStaging(trx));
  await step('attachOpenDossiers', () => flux.attachOpenDossiers(trx, tenantId, OPEN_STATES, now));
  // Workers without an open dossier: their lines join their triage item « À qualifier ».
  await step('triageWithoutDossier', () => flux.triageWithoutDossier(trx, tenantId, now));
  await step('recordMessagesAndSignals', () => flux.recordMessagesAndSignals(trx, tenantId, batchId, {
    now,
    authorUserId: input.authorUserId,
    authorOrganisationId: input.authorOrganisationId,
    authorName: input.authorName,
    signalTitle: SIGNAL_KIND_LABELS.arret,
    originLabel: ORIGIN_LABELS.flux_am,
  }));
  await step('resolveRepeats', () => flux.resolveRepeats(trx));
  await step('insertRejections', () => flux.insertRejections(trx, tenantId, batchId, input.rejected, true));
  const o = await step('stagingOutcome', () => flux.stagingOutcome(trx));
  // Every line ends in exactly one outcome: a line left undecided is a bug, never a silent loss.
  if (o.pending !== 0) throw new Error(`flux pipeline: ${o.pending} line(s) without outcome`);
  const arretIds = o.arret_ids ?? [];
  await step('clearStaging', () => flux.clearStaging(trx));
  return {
    lines,
    accepted: o.accepted,
    duplicates: o.duplicates,
    rejected: o.rejected + input.rejected.length,
    quarantined: o.quarantined,
    outOfScope: o.out_of_scope,
    arretIds,
  };
}
