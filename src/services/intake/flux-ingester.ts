/**
 * Ingests an Assurance maladie « arrêts de travail » flux (docs/formats/flux-arrets.md):
 * streams the file through the parser and the per-line validation, and commits it chunk by
 * chunk (src/ingest/arrets/pipeline.ts), then applies the intake rules to the chunk's arrêts,
 * each chunk with its checkpoint in one transaction.
 * A re-run of a file whose batch did not finish resumes after the checkpoint; a re-run of a
 * finished file is a new batch whose lines are duplicates. One audit event per batch.
 *
 * Not a `(ctx, props)` service: it runs many transactions (one per chunk), so it takes the
 * database and the principal and opens them itself.
 */
import { createHash } from 'node:crypto';
import { createReadStream, ReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Database } from '../../db/connection';
import * as flux from '../../db/repositories/flux.repository';
import { inTenant, type Tx } from '../../db/tenant-tx';
import { has, type Principal } from '../../domain/access';
import { forbidden } from '../../domain/errors';
import { JOB_KIND_INFO } from '../../domain/jobs/kinds';
import { civilDate, isIsoDate } from '../../domain/calendar/dates';
import { conflict, invalid, MaintienError } from '../../domain/errors';
import { validateFluxLine } from '../../domain/intake/flux-line';
import { detectFormat, parseFlux, type FluxFormat } from '../../ingest/arrets/parse';
import { layoutNotice, withoutForbiddenCharacters, type CsvLayout } from '../../ingest/csv/reader';
import { Utf8Checker } from '../../ingest/csv/utf8';
import { processChunk } from '../../ingest/arrets/pipeline';
import { step } from '../../shared/timing';
import { withCtx } from '../context';
import { applyArretRules } from './arret-rules-applier';

export interface IngestRejection {
  line: number;
  id_message: string | null;
  code: string;
  field: string | null;
  message: string;
}
export interface IngestQuarantine {
  line: number;
  id_message: string;
  code: string;
}
/** The JSON report of the format (docs/formats/flux-arrets.md), plus the batch and warnings. */
export interface IngestReport {
  batchId: string;
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  quarantined: number;
  /** Lines whose employer is absent or not a member company: « Hors périmètre » (nothing created). */
  outOfScope: number;
  rejections: IngestRejection[];
  quarantine: IngestQuarantine[];
  warnings: string[];
  /** True when the lists were cut at `reportLimit` (the counts are always complete). */
  truncated?: boolean;
  /** True when this run resumed a batch interrupted earlier. */
  resumed?: boolean;
  /** Where every physical line of the file went (header, data lines, blank and continuation lines). */
  layout?: CsvLayout;
}
export interface IngestInput {
  stream: Readable | AsyncIterable<Buffer | string>;
  fileName: string;
  format?: 'csv' | 'jsonl';
  /** YYYY-MM-DD; default: today in Europe/Paris. */
  fileDate?: string;
  /**
   * SHA-256 of the file (hex), when the caller knows it: it identifies the file so that an
   * interrupted batch is resumed. Computed beforehand for a file stream (fs.ReadStream);
   * otherwise computed while reading (the batch then cannot be resumed, only re-run).
   */
  sha256?: string;
}
/** Where the import stands after a committed chunk (given inside that chunk's transaction). */
export interface IngestChunkProgress {
  batchId: string;
  /** Data lines of the file committed so far (the batch's resume point). */
  linesDone: number;
  /** The batch's counts so far (this run and the interrupted runs it resumes). */
  counts: Record<string, number>;
}
export interface IngestOptions {
  /** Lines per transaction, fixed (default MAINTIEN_FLUX_CHUNK, else 10,000 — unless `chunkMs`). */
  chunkSize?: number;
  /**
   * Embedded engine: chunks sized by time, each transaction lasting about this long
   * (MAINTIEN_FLUX_CHUNK_MS overrides it; the import job asks 25 ms in a server, 1 s in the command
   * line). The line count of the next chunk follows the pace of the last ones, so the one
   * connection is never held long and API requests run between chunks. Ignored on a server engine
   * and when the size is fixed (`chunkSize`, MAINTIEN_FLUX_CHUNK).
   */
  chunkMs?: number;
  /** Stops the import between two chunks (its committed chunks stay; a re-run resumes). */
  signal?: AbortSignal;
  /** The batch opened (or resumed), before the first chunk. */
  onBatch?(batch: { batchId: string; resumed: boolean; linesDone: number }): void;
  /** Inside each chunk's transaction, after its work: what commits with it (the job's resume point). */
  onChunk?(trx: Tx, progress: IngestChunkProgress): Promise<void>;
  /** At most this many rejections / quarantined lines in the report (default: all). */
  reportLimit?: number;
  onProgress?(linesDone: number, bytesRead: number): void;
}

export const DEFAULT_CHUNK_SIZE = 10_000;
/**
 * The import job's chunks on the embedded engine, in a server: how long a chunk's transaction
 * should last (MAINTIEN_FLUX_CHUNK_MS overrides). Short: the server answers API requests on the
 * same single connection, and a request arriving during a chunk waits for its end. The command
 * line, alone with the data directory, asks for long ones (faster).
 */
export const DEFAULT_CHUNK_MS = 25;
const FIRST_TIMED_CHUNK = 50;
const MIN_TIMED_CHUNK = 10;

function envInt(name: string): number | undefined {
  const env = Number(process.env[name]);
  return Number.isInteger(env) && env > 0 ? env : undefined;
}

/**
 * How many lines the next chunk takes. Fixed (option, MAINTIEN_FLUX_CHUNK, else 10,000 — always
 * on a server engine); on the embedded engine when a target duration is asked, sized by time: the
 * pace of the last full chunk (lines per ms of transaction) times the target, growing at most
 * twofold from one chunk to the next, within 10–10,000 lines.
 */
export function chunkSizer(o: { fixed?: number; embedded: boolean; targetMs?: number }) {
  const fixed = o.fixed ?? envInt('MAINTIEN_FLUX_CHUNK') ?? (o.embedded && o.targetMs !== undefined ? undefined : DEFAULT_CHUNK_SIZE);
  const target = envInt('MAINTIEN_FLUX_CHUNK_MS') ?? o.targetMs ?? DEFAULT_CHUNK_MS;
  let size = fixed ?? FIRST_TIMED_CHUNK;
  return {
    get size() {
      return size;
    },
    timed: fixed === undefined,
    targetMs: target,
    /** A chunk of `lines` held the transaction `ms`. */
    observe(lines: number, ms: number) {
      if (fixed !== undefined || lines < size) return; // the last, short chunk says nothing of the pace
      const next = Math.round((lines / Math.max(ms, 1)) * target);
      size = Math.min(DEFAULT_CHUNK_SIZE, Math.max(MIN_TIMED_CHUNK, Math.min(next, size * 2)));
    },
  };
}

/**
 * Lets the event loop run what waits between chunks: PGlite runs a statement synchronously, so
 * while a chunk's transaction lasts no request is even read. Through the poll phase (HTTP requests
 * read, their handlers queue for the connection: setImmediate) and the timers phase (setTimeout);
 * the connection's mutex is first come, first served, so they run before the next chunk.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(() => setTimeout(resolve, 0)));

/**
 * SHA-256 of a file, streamed — and its UTF-8 checked on the way: a file that is not UTF-8 is
 * refused (ENCODAGE_INVALIDE, naming its first bad line) before anything is written.
 */
export async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  const utf8 = new Utf8Checker();
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    utf8.push(chunk as Buffer);
    h.update(chunk as Buffer);
  }
  utf8.end();
  return h.digest('hex');
}

/** Messages of the report about the file as a whole (no data line, nothing accepted, layout). */
export const FLUX_NOTICES = {
  noData: "Le fichier ne contient aucune ligne de données (seulement l'en-tête, ou rien) : rien n'a été importé. Vérifiez l'export.",
  nothingAccepted: 'Aucune ligne du fichier n’a été acceptée : toutes sont rejetées (voir les rejets).',
};

const FINISH_FAILED =
  "Le fichier a été lu en entier mais le lot n'a pas pu être clôturé (erreur de la base de données) : relancez le même fichier, l'import reprendra et terminera le lot.";

/**
 * The principal of the command line: a machine client holding the `flux` scope, attributed
 * in the audit log and in the batch as « Ligne de commande ».
 */
export function fluxCliPrincipal(tenantId: string, organisationId: string, label = 'Ligne de commande (flux arrêts)'): Principal {
  return { kind: 'token', tenantId, userId: null, tokenId: null, role: null, scopes: ['flux'], organisationId, organisationKind: 'spsti', companyId: null, workerId: null, label };
}

export async function ingestArrets(database: Database, principal: Principal, input: IngestInput, opts: IngestOptions = {}): Promise<IngestReport> {
  // A flux token, or a role that may start the flux import job (docs/jobs.md: the kind's start capabilities).
  if (!JOB_KIND_INFO['flux.import'].start.some((c) => has(principal, c))) {
    throw principal.kind === 'token'
      ? new MaintienError('forbidden', 'PORTEE_INSUFFISANTE', "La portée de ce jeton d'API ne permet pas cette action.")
      : forbidden(JOB_KIND_INFO['flux.import'].refusal);
  }
  const tenantId = principal.tenantId;
  const format: FluxFormat = detectFormat(input.fileName, input.format);
  if (input.fileDate !== undefined && !isIsoDate(input.fileDate)) {
    throw invalid('DATE_FICHIER_INVALIDE', "La date du fichier n'est pas une date valide (AAAA-MM-JJ).", 'fileDate');
  }
  const sizer = chunkSizer({ fixed: opts.chunkSize, embedded: Boolean(database.pglite), targetMs: opts.chunkMs });
  const reportLimit = opts.reportLimit ?? Number.MAX_SAFE_INTEGER;

  let sha = input.sha256 ?? null;
  const stream = input.stream as Readable;
  if (!sha && stream instanceof ReadStream && typeof stream.path === 'string') sha = await hashFile(stream.path);
  const hasher = sha ? null : createHash('sha256');
  let bytesRead = 0;
  async function* source(): AsyncGenerator<Buffer | string> {
    for await (const chunk of input.stream as AsyncIterable<Buffer | string>) {
      bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      hasher?.update(chunk);
      yield chunk;
    }
  }

  const warnings: string[] = [];
  let layout: CsvLayout | undefined;
  const records = parseFlux(source(), format, { onWarning: (m) => warnings.push(m), onLayout: (l) => (layout = l) })[Symbol.asyncIterator]();
  // The header is read before any batch exists: a file that cannot be processed leaves no trace.
  let next = await records.next();

  const started = new Date();
  const { batch, resumed } = await inTenant(database.db, tenantId, async (trx) => {
    const previous = sha ? await flux.findResumableBatch(trx, tenantId, sha) : undefined;
    if (previous) {
      await flux.reopenBatch(trx, tenantId, previous.id);
      return { batch: previous, resumed: true };
    }
    const b = await flux.insertBatch(trx, {
      tenant_id: tenantId,
      file_name: input.fileName.slice(0, 255),
      file_sha256: sha ?? '',
      format,
      file_date: input.fileDate ?? civilDate(started),
      actor_label: principal.label,
      actor_user_id: principal.userId,
      actor_token_id: principal.tokenId,
      started_at: started,
    });
    return { batch: b, resumed: false };
  });
  const batchId = batch.id;
  const fileDate = batch.file_date;
  const skipUpTo = batch.lines_done;
  let checkpoint = batch.lines_done;
  const COUNTED = ['lines', 'accepted', 'duplicates', 'rejected', 'quarantined', 'outOfScope'] as const;
  const batchRow = batch as unknown as Record<string, unknown>;
  const totals: Record<string, number> = {};
  for (const k of COUNTED) {
    const v = batchRow[k === 'outOfScope' ? 'out_of_scope' : k];
    if (v !== undefined && v !== null) totals[k] = Number(v);
  }
  opts.onBatch?.({ batchId, resumed, linesDone: checkpoint });

  let valid: flux.StagingRow[] = [];
  let rejected: flux.RejectionRow[] = [];
  let lastLine = checkpoint;
  let emetteur: string | null = null;

  const flush = async () => {
    const now = new Date();
    const expected = checkpoint;
    const chunk = { valid, rejected };
    valid = [];
    rejected = [];
    const lines = chunk.valid.length + chunk.rejected.length;
    let t0 = performance.now();
    const chunkTotals = { ...totals };
    await inTenant(database.db, tenantId, async (trx) => {
      t0 = performance.now();
      const cp = await flux.lockBatchCheckpoint(trx, tenantId, batchId);
      if (cp !== expected) {
        throw conflict('IMPORT_DEJA_EN_COURS', 'Ce fichier est déjà en cours d’import par un autre processus : attendez la fin de celui-ci.');
      }
      const r = await processChunk(trx, database.pglite, {
        tenantId,
        batchId,
        now,
        authorUserId: principal.userId,
        authorOrganisationId: principal.organisationId,
        authorName: principal.label,
        valid: chunk.valid,
        rejected: chunk.rejected,
      });
      if (r.arretIds.length > 0) {
        // The chunk may have doubled arret, task or dossier: fresh statistics for the rules' joins.
        await step('refreshGrownTableStats', () => flux.refreshGrownTableStats(trx));
        await step('applyArretRules', () => applyArretRules(trx, tenantId, r.arretIds, now));
      }
      await flux.advanceBatch(trx, tenantId, batchId, lastLine, r, emetteur);
      const counted = r as unknown as Record<string, unknown>;
      for (const k of COUNTED) if (typeof counted[k] === 'number') chunkTotals[k] = (chunkTotals[k] ?? 0) + (counted[k] as number);
      await opts.onChunk?.(trx, { batchId, linesDone: lastLine, counts: chunkTotals });
    });
    Object.assign(totals, chunkTotals);
    sizer.observe(lines, performance.now() - t0);
    checkpoint = lastLine;
    opts.onProgress?.(checkpoint, bytesRead);
    // The connection is free: requests waiting for it run before the next chunk.
    await yieldToEventLoop();
    throwIfAborted();
  };
  const throwIfAborted = () => {
    if (opts.signal?.aborted) throw opts.signal.reason instanceof Error ? opts.signal.reason : new Error('aborted');
  };

  try {
    while (!next.done) {
      for (const rec of next.value) {
        if (rec.line <= skipUpTo) continue; // committed by the interrupted run
        lastLine = rec.line;
        if (rec.error || !rec.raw) {
          const e = rec.error!;
          const message = rec.fileLine !== rec.line + 1 || e.code === 'LIGNE_ILLISIBLE' ? `${e.message} (ligne ${rec.fileLine} du fichier)` : e.message;
          rejected.push({ line: rec.line, emetteur: null, idMessage: null, code: e.code, field: e.field, message });
        } else {
          const r = validateFluxLine(rec.raw, rec.line, fileDate);
          if (r.ok) {
            valid.push(r.value);
            emetteur ??= r.value.emetteur;
          } else rejected.push(r.rejection);
        }
        if (valid.length + rejected.length >= sizer.size) await flush();
      }
      next = await records.next();
    }
    if (valid.length + rejected.length > 0) await flush();
  } catch (err) {
    const message = err instanceof MaintienError ? err.message : 'Import interrompu par une erreur (lecture du fichier ou base de données) : relancez-le, il reprendra où il s’est arrêté.';
    // Stopped on purpose (server stopping, job taken over): the batch stays « en cours », resumed later.
    if (!(err instanceof MaintienError && err.code === 'IMPORT_DEJA_EN_COURS') && !opts.signal?.aborted) {
      await inTenant(database.db, tenantId, (trx) => flux.failBatch(trx, tenantId, batchId, message, new Date())).catch(() => undefined);
    }
    throw err;
  }

  const finalSha = sha ?? hasher!.digest('hex');
  if (layout) {
    const notice = layoutNotice(layout);
    if (notice) warnings.push(notice);
  }
  // Never « terminé » silently on nothing: a file without data line, or without an accepted one, says so.
  if (checkpoint === 0) warnings.push(FLUX_NOTICES.noData);
  // Warnings quote the file (column names, keys): nothing PostgreSQL cannot store goes into them.
  const safeWarnings = warnings.map((w) => withoutForbiddenCharacters(w).slice(0, 2000));
  try {
    return await finish(finalSha, safeWarnings);
  } catch (err) {
    // The closing update failed: the batch must not stay « en cours » (a re-run resumes it and
    // finishes it), and the caller must not be told that no batch exists.
    await inTenant(database.db, tenantId, (trx) => flux.failBatch(trx, tenantId, batchId, FINISH_FAILED, new Date())).catch(() => undefined);
    if (err instanceof MaintienError) throw err;
    throw conflict('IMPORT_NON_TERMINE', `${FINISH_FAILED} (lot ${batchId})`, { batchId });
  }

  function finish(finalSha: string, warnings: string[]) {
    return withCtx(database, principal, async (ctx) => {
      const b = await flux.finishBatch(ctx.trx, tenantId, batchId, { sha256: finalSha, warnings, at: ctx.now });
      if (Number(b.lines) > 0 && Number(b.accepted) + Number(b.duplicates) + Number(b.quarantined) + Number(b.out_of_scope) === 0) {
        warnings.push(FLUX_NOTICES.nothingAccepted);
        await flux.finishBatch(ctx.trx, tenantId, batchId, { sha256: finalSha, warnings, at: ctx.now });
      }
      const [rejections, quarantine] = await Promise.all([
        flux.findRejections(ctx.trx, tenantId, batchId, Math.min(reportLimit, 2_000_000_000)),
        flux.findQuarantined(ctx.trx, tenantId, batchId, Math.min(reportLimit, 2_000_000_000)),
      ]);
      await ctx.record({
        action: 'flux.ingest',
        subjectType: 'import_batch',
        subjectId: batchId,
        category: 'administrative',
        details: { format, lines: b.lines, accepted: b.accepted, duplicates: b.duplicates, rejected: b.rejected, quarantined: b.quarantined, outOfScope: b.out_of_scope, resumed },
      });
      return {
        batchId,
        lines: b.lines,
        accepted: b.accepted,
        duplicates: b.duplicates,
        rejected: b.rejected,
        quarantined: b.quarantined,
        outOfScope: b.out_of_scope,
        rejections,
        quarantine,
        warnings,
        truncated: rejections.length < b.rejected || quarantine.length < b.quarantined,
        resumed,
        layout,
      };
    });
  }
}
