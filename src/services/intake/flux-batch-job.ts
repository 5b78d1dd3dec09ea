/**
 * The flux import as a job of kind `flux.import` (docs/jobs.md, docs/flux-operations.md).
 *
 * - The file is received first (`receiveFluxFile`): streamed to the upload directory, hashed,
 *   its lines counted, its UTF-8 and size checked, then its header (CSV) or first line (JSON
 *   Lines) read — a file that is not a flux is refused here, before any job or batch exists.
 * - The job's params name the stored file (path, name, format, SHA-256, size, line estimate; no
 *   content of the file). The kind runs `ingestArrets` on it; each chunk commits with the job's
 *   resume point `{ batchId, line }` and its progress (lines done of total, counts).
 * - Resumed after a crash: the batch of the same file (its SHA-256) is reopened and continues
 *   after its own checkpoint — the one the job's cursor repeats.
 * - A stored upload is deleted when its job ends (« Terminé » or « En échec »); a file named by
 *   the command line is the operator's and stays.
 */
import { formatBytes } from '../../domain/bytes';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { Database } from '../../db/connection';
import * as flux from '../../db/repositories/flux.repository';
import * as jobs from '../../db/repositories/job.repository';
import { inTenant } from '../../db/tenant-tx';
import type { Principal } from '../../domain/access/policy';
import { conflict, invalid, MaintienError } from '../../domain/errors';
import { detectFormat, parseFlux, type FluxFormat } from '../../ingest/arrets/parse';
import { Utf8Checker } from '../../ingest/csv/utf8';
import { withCtx } from '../context';
import { JobInterrupted, type JobKindRunner } from '../jobs/job-kind';
import type { JobDto } from '../jobs/job-format';
import { startJob } from '../jobs/job-starter';
import { DEFAULT_CHUNK_MS, ingestArrets, type IngestReport } from './flux-ingester';

export const FLUX_IMPORT_JOB = 'flux.import' as const;

/** Largest accepted flux file, in bytes: MAINTIEN_FLUX_MAX_BYTES, default 2 GiB. */
export const DEFAULT_FLUX_MAX_BYTES = 2 * 1024 * 1024 * 1024;
export function fluxMaxBytes(): number {
  const n = Number(process.env.MAINTIEN_FLUX_MAX_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_FLUX_MAX_BYTES;
}

export { formatBytes };

/** The file is larger than MAINTIEN_FLUX_MAX_BYTES (the HTTP routes answer 413). */
export const FILE_TOO_LARGE = 'FICHIER_TROP_VOLUMINEUX';
export const fileTooLarge = (max: number) =>
  invalid(FILE_TOO_LARGE, `Le fichier dépasse la taille maximale acceptée (${formatBytes(max)}) : découpez-le en plusieurs fichiers.`);

/**
 * Where uploaded flux files wait for their job: MAINTIEN_UPLOAD_DIR, else `uploads` in the
 * embedded engine's data directory (MAINTIEN_DATA_DIR, default ./data), or in the system's
 * temporary directory when the data is in memory. With several server processes on several
 * machines, MAINTIEN_UPLOAD_DIR must be a directory they share (the job may run in any of them).
 */
export function fluxUploadDir(): string {
  if (process.env.MAINTIEN_UPLOAD_DIR) return resolve(process.env.MAINTIEN_UPLOAD_DIR);
  const dataDir = process.env.MAINTIEN_DATA_DIR || './data';
  if (dataDir.startsWith('memory://')) return join(tmpdir(), 'maintien-uploads');
  return resolve(dataDir, 'uploads');
}

/** What a job of kind `flux.import` is given: the file, never its content. */
export interface FluxImportParams {
  /** Absolute path of the file the job reads. */
  path: string;
  /** True for an upload stored by Maintien (deleted when the job ends); false for the command line's own file. */
  stored: boolean;
  fileName: string;
  format: FluxFormat;
  fileDate?: string;
  sha256: string;
  bytes: number;
  /** Data lines, as counted from the line ends while the file was received (an estimate: a quoted field may span lines). */
  estimatedLines: number;
  /** At most this many rejections / quarantined lines in the job's report (the counts are complete). */
  reportLimit?: number;
}

export interface FluxImportCursor {
  batchId: string;
  /** Data lines committed (the batch's own resume point, repeated here). */
  line: number;
}

/** The job's report: the import report, lists cut at `reportLimit`, messageId as the API names it. */
export function reportDto(r: IngestReport) {
  return {
    ...r,
    rejections: r.rejections.map(({ id_message, ...x }) => ({ ...x, messageId: id_message })),
    quarantine: r.quarantine.map(({ id_message, ...x }) => ({ ...x, messageId: id_message })),
    truncated: r.truncated ?? false,
    resumed: r.resumed ?? false,
  };
}

const fr = (n: number) => n.toLocaleString('fr-FR');

/** One French sentence for the jobs' list. */
export function importSummary(r: IngestReport, fileName: string): string {
  if (r.lines === 0) return `« ${fileName} » : aucune ligne de données, rien n'a été importé.`;
  const parts = [`${fr(r.accepted)} acceptée${r.accepted > 1 ? 's' : ''}`, `${fr(r.duplicates)} doublon${r.duplicates > 1 ? 's' : ''}`, `${fr(r.rejected)} rejetée${r.rejected > 1 ? 's' : ''}`, `${fr(r.quarantined)} en quarantaine`];
  parts.push(`${fr(r.outOfScope)} hors périmètre`);
  return `${fr(r.lines)} ligne${r.lines > 1 ? 's' : ''} importée${r.lines > 1 ? 's' : ''} : ${parts.join(', ')}.`;
}

// ---------------------------------------------------------------------------------------
// Receiving the file

export interface ReceivedFlux {
  path: string;
  sha256: string;
  bytes: number;
  /** Physical lines (line ends, and a last line without one). */
  physicalLines: number;
}

/**
 * Streams a file to `path`: counts its bytes (refused past `maxBytes`), checks it is UTF-8,
 * hashes it and counts its lines. Removes what it wrote when it refuses the file.
 */
export async function receiveFluxFile(stream: AsyncIterable<Buffer> | Readable, path: string, maxBytes = fluxMaxBytes(), sink?: NodeJS.WritableStream): Promise<ReceivedFlux> {
  if (!sink) await mkdir(join(path, '..'), { recursive: true });
  const hash = createHash('sha256');
  const utf8 = new Utf8Checker();
  let bytes = 0;
  let lineEnds = 0;
  let pendingCr = false;
  let last = -1;
  const out = sink ?? createWriteStream(path);
  try {
    await pipeline(
      stream,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          bytes += chunk.length;
          if (bytes > maxBytes) throw fileTooLarge(maxBytes);
          utf8.push(chunk);
          hash.update(chunk);
          if (chunk.length === 0) continue;
          // Line ends: LF, and CR not followed by LF (a file may end its lines with CR alone).
          if (pendingCr && chunk[0] !== 10) lineEnds++;
          for (let p = chunk.indexOf(10); p !== -1; p = chunk.indexOf(10, p + 1)) lineEnds++;
          for (let p = chunk.indexOf(13); p !== -1 && p < chunk.length - 1; p = chunk.indexOf(13, p + 1)) if (chunk[p + 1] !== 10) lineEnds++;
          last = chunk[chunk.length - 1];
          pendingCr = last === 13;
          yield chunk;
        }
        utf8.end();
      },
      out,
    );
  } catch (err) {
    if (!sink) {
      // The file may still be opening: removed only once the stream is closed (else it reappears).
      await finished(out).catch(() => undefined);
      await rm(path, { force: true });
    }
    if (err instanceof MaintienError) throw err;
    throw invalid('DEPOT_INTERROMPU', 'Le fichier n’a pas été reçu en entier : renvoyez-le.');
  }
  if (pendingCr) lineEnds++;
  const physicalLines = lineEnds + (bytes > 0 && last !== 10 && last !== 13 ? 1 : 0);
  return { path, sha256: hash.digest('hex'), bytes, physicalLines };
}

/** A file of the command line, read in place (no copy, no size limit): hashed, UTF-8 checked, lines counted. */
export async function scanFluxFile(path: string): Promise<ReceivedFlux> {
  const sink = new Writable({ write: (_c, _e, cb) => cb() });
  const scanned = await receiveFluxFile(createReadStream(path, { highWaterMark: 1 << 20 }), path, Number.MAX_SAFE_INTEGER, sink);
  return scanned;
}

const NOT_A_FLUX_JSONL =
  "Ce fichier n'est pas un flux « arrêts de travail » en JSON Lines : sa première ligne n'est pas un objet JSON ({ … }). Vérifiez le fichier et son format (docs/formats/flux-arrets.md).";

/**
 * Is this file a flux? The CSV header is read and checked (ENTETE_ABSENTE, COLONNES_MANQUANTES…,
 * the parser's own French messages); a JSON Lines file must start with an object. Throws the
 * French refusal; nothing is written.
 */
export async function checkFluxFile(path: string, format: FluxFormat): Promise<void> {
  if (format === 'jsonl') {
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 })) {
      const text = (chunk as string).replace(/^\uFEFF/, '').trimStart();
      if (text === '') continue;
      if (!text.startsWith('{')) throw invalid('FLUX_NON_RECONNU', NOT_A_FLUX_JSONL);
      return;
    }
    return; // empty: the import reports « aucune ligne de données »
  }
  const stream = createReadStream(path, { highWaterMark: 64 * 1024 });
  const records = parseFlux(stream, format)[Symbol.asyncIterator]();
  try {
    await records.next(); // the header is read and checked before the first record
  } finally {
    await records.return?.(undefined);
    stream.destroy();
  }
}

/** Params of the job for a received file. */
export function fluxParams(r: ReceivedFlux, o: { stored: boolean; fileName: string; format: FluxFormat; fileDate?: string; reportLimit?: number }): FluxImportParams {
  const dataLines = o.format === 'csv' ? Math.max(0, r.physicalLines - 1) : r.physicalLines;
  return {
    path: r.path,
    stored: o.stored,
    fileName: o.fileName.slice(0, 255),
    format: o.format,
    ...(o.fileDate ? { fileDate: o.fileDate } : {}),
    sha256: r.sha256,
    bytes: r.bytes,
    estimatedLines: dataLines,
    ...(o.reportLimit !== undefined ? { reportLimit: o.reportLimit } : {}),
  };
}

export interface UploadInput {
  /** The service: its uploads have a directory of their own. */
  tenantId: string;
  stream: AsyncIterable<Buffer> | Readable;
  fileName?: string;
  format?: string;
  fileDate?: string;
  /** The announced length (Content-Length): over the maximum, refused before reading. */
  declaredBytes?: number;
  reportLimit?: number;
}

/**
 * An uploaded flux file, received and checked, stored in the upload directory: the job's params.
 * Refused (nothing stored, no job): over the maximum size, not UTF-8, not a flux.
 */
export async function receiveUpload(input: UploadInput): Promise<FluxImportParams> {
  const format = detectFormat(input.fileName ?? '', input.format);
  const fileName = input.fileName ?? `flux-arrets-${new Date().toISOString().slice(0, 10)}.${format === 'jsonl' ? 'jsonl' : 'csv'}`;
  const max = fluxMaxBytes();
  if (input.declaredBytes !== undefined && input.declaredBytes > max) throw fileTooLarge(max);
  const path = join(fluxUploadDir(), input.tenantId, `${randomUUID()}.${format}`);
  const received = await receiveFluxFile(input.stream, path, max);
  try {
    await checkFluxFile(path, format);
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  return fluxParams(received, { stored: true, fileName, format, fileDate: input.fileDate, reportLimit: input.reportLimit });
}

// ---------------------------------------------------------------------------------------
// The kind

/**
 * Chunks of the imports this process runs, on the embedded engine: their target duration. Unset
 * in a server (short chunks: API requests wait for the one connection meanwhile); the command
 * line, alone with the data directory, sets a long one (faster). MAINTIEN_FLUX_CHUNK_MS overrides.
 */
export const fluxImportTuning: { chunkMs?: number } = {};
/** The command line's chunks: about a second each. */
export const CLI_CHUNK_MS = 1000;

/** After each committed chunk, in this process (the command line prints it). */
export interface FluxImportProgress {
  jobId: string;
  linesDone: number;
  total: number;
  bytesRead: number;
  bytes: number;
}
const progressListeners = new Set<(p: FluxImportProgress) => void>();
export function onFluxImportProgress(listener: (p: FluxImportProgress) => void): () => void {
  progressListeners.add(listener);
  return () => progressListeners.delete(listener);
}

export async function discard(params: FluxImportParams): Promise<void> {
  if (params.stored) await rm(params.path, { force: true }).catch(() => undefined);
}

export const fluxImportJob: JobKindRunner<FluxImportParams, FluxImportCursor> = {
  kind: FLUX_IMPORT_JOB,
  async run(job) {
    const p = job.params;
    if (!existsSync(p.path)) {
      throw conflict(
        'FICHIER_INDISPONIBLE',
        `Le fichier « ${p.fileName} » n'est plus disponible pour l'import (dossier des dépôts vidé, ou serveur sans accès à ce dossier) : déposez-le à nouveau ; l'import reprendra où il s'était arrêté.`,
      );
    }
    let total = Math.max(p.estimatedLines, job.cursor?.line ?? 0);
    let interrupted = false;
    try {
      const report = await ingestArrets(
        job.database,
        job.principal,
        { stream: createReadStream(p.path, { highWaterMark: 1 << 20 }), fileName: p.fileName, format: p.format, fileDate: p.fileDate, sha256: p.sha256 },
        {
          reportLimit: p.reportLimit,
          chunkMs: fluxImportTuning.chunkMs ?? DEFAULT_CHUNK_MS,
          signal: job.signal,
          onProgress: (linesDone, bytesRead) => {
            for (const l of progressListeners) l({ jobId: job.id, linesDone, total, bytesRead, bytes: p.bytes });
          },
          onBatch: ({ batchId, linesDone }) => job.report({ done: linesDone, total, counts: {} }),
          onChunk: async (trx, c) => {
            total = Math.max(total, c.linesDone);
            const { lines: _lines, ...counts } = c.counts;
            await job.checkpoint({ done: c.linesDone, total, counts, cursor: { batchId: c.batchId, line: c.linesDone } satisfies FluxImportCursor }, trx);
          },
        },
      );
      const counts = { accepted: report.accepted, duplicates: report.duplicates, rejected: report.rejected, quarantined: report.quarantined, outOfScope: report.outOfScope };
      return {
        done: report.lines,
        total: report.lines,
        counts,
        result: { ...reportDto(report), fileName: p.fileName, bytes: p.bytes },
        summary: importSummary(report, p.fileName),
      };
    } catch (err) {
      interrupted = err instanceof JobInterrupted || job.signal.aborted;
      throw err;
    } finally {
      // Ended (done or failed): the stored upload goes. Interrupted: kept for the resume.
      if (!interrupted) await discard(p);
    }
  },
};

/** Every rejection and quarantined line of a batch (the command line's `--report`; the job's report keeps the first ones). */
export async function batchLists(database: Database, tenantId: string, batchId: string) {
  return inTenant(database.db, tenantId, async (trx) => {
    const [rejections, quarantine] = await Promise.all([flux.findRejections(trx, tenantId, batchId, 2_000_000_000), flux.findQuarantined(trx, tenantId, batchId, 2_000_000_000)]);
    return { rejections, quarantine };
  });
}

// ---------------------------------------------------------------------------------------
// Starting

export const sameFileImporting = (fileName: string) =>
  conflict('IMPORT_DEJA_EN_COURS', `Ce fichier (« ${fileName} ») est déjà en cours d'import : suivez son avancement dans « Imports du flux ». Le déposer à nouveau ne sert à rien.`);

/**
 * Starts the import of a received file as a job « En attente » (202): refused with 409 when the
 * same file is already importing (IMPORT_DEJA_EN_COURS) or another import waits or runs for the
 * service (IMPORT_FLUX_EN_COURS). Refused, the stored upload is deleted.
 */
export async function startFluxImport(database: Database, principal: Principal, params: FluxImportParams): Promise<JobDto> {
  try {
    await refuseSameFile(database, principal, params);
    await sweepOrphanUploads(database, principal, params.path);
    return await startJob(database, principal, FLUX_IMPORT_JOB, params as unknown as Record<string, unknown>);
  } catch (err) {
    await discard(params);
    throw err;
  }
}

/** Files older than this in a service's upload directory, named by no active job, are left-overs. */
const ORPHAN_UPLOAD_MS = 24 * 3600 * 1000;

/**
 * Removes the service's uploads no job will read: a job that ended without running (interrupted
 * too often: REPRISES_EPUISEES) or a process that died while receiving. Kept: the active job's file,
 * the one just received, and anything under a day old (another upload may be arriving).
 */
export async function sweepOrphanUploads(database: Database, principal: Principal, keep: string): Promise<number> {
  const dir = join(fluxUploadDir(), principal.tenantId);
  const active = await withCtx(database, principal, (ctx) => jobs.findActiveJob(ctx.trx, principal.tenantId, FLUX_IMPORT_JOB));
  const activePath = (active?.params as { path?: string } | null)?.path;
  let removed = 0;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const path = join(dir, name);
    if (path === keep || path === activePath) continue;
    const st = await stat(path).catch(() => null);
    if (st?.isFile() && Date.now() - st.mtimeMs > ORPHAN_UPLOAD_MS) {
      await rm(path, { force: true });
      removed++;
    }
  }
  return removed;
}

async function refuseSameFile(database: Database, principal: Principal, params: FluxImportParams) {
  const active = await withCtx(database, principal, (ctx) => jobs.findActiveJob(ctx.trx, principal.tenantId, FLUX_IMPORT_JOB));
  if (active && (active.params as { sha256?: string } | null)?.sha256 === params.sha256) throw sameFileImporting(params.fileName);
}
