/**
 * The AM « arrêts de travail » flux over HTTP (docs/flux-operations.md « Uploading a flux »): the
 * body is never held in memory — it is streamed to the upload directory (hashed, its lines
 * counted, its UTF-8 and size checked on the way), its header checked, and only then is the
 * import started as a job of kind `flux.import`.
 *
 * - `POST /api/v1/flux/arrets` (machine clients, `flux` token): by default the request runs the
 *   job in this process and answers the report (200) as it always did; `wait=false` or
 *   `Prefer: respond-async` answers 202 with the job, run by the server's runner loop.
 * - `POST /api/v1/flux/imports` (« Imports du flux »): 202 with the job.
 */
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { FLUX_BODY_LIMIT, FLUX_CONTENT_TYPES, FLUX_REPORT_LIMIT, flux } from '../../../contract/intake/flux';
import { MaintienError } from '../../../domain/errors';
import { FILE_TOO_LARGE, receiveUpload, startFluxImport, type FluxImportParams } from '../../../services/intake/flux-batch-job';
import { runFluxImportHere } from '../../../services/intake/flux-batch-run';
import type { App, Deps } from '../../deps';
import { errorBody } from '../../errors';
import { route } from '../../route';

/**
 * The request stream, wrapped so that no hook walks into it (an object without enumerable
 * properties: the NUL-character check of app.ts sees nothing to inspect).
 */
class StreamedBody {
  readonly #stream: Readable;
  constructor(stream: Readable) {
    this.#stream = stream;
  }
  get stream() {
    return this.#stream;
  }
}

const WRONG_TYPE = new MaintienError('invalid', 'TYPE_DE_CONTENU_NON_PRIS_EN_CHARGE', 'Envoyez le fichier en text/csv ou application/x-ndjson.');

interface UploadRequest {
  principal?: { tenantId: string } | null;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  query: { fileName?: string; format?: 'csv' | 'jsonl'; fileDate?: string };
}

/** Receives and checks the file (nothing stored when refused): the job's params. 413 past the maximum size. */
async function received(request: UploadRequest, reply: FastifyReply): Promise<FluxImportParams | null> {
  const body = request.body;
  if (!(body instanceof StreamedBody)) throw WRONG_TYPE;
  const q = request.query;
  const mediaType = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const declared = Number(request.headers['content-length']);
  try {
    return await receiveUpload({
      tenantId: request.principal!.tenantId,
      stream: body.stream,
      fileName: q.fileName,
      format: q.format ?? FLUX_CONTENT_TYPES[mediaType],
      fileDate: q.fileDate,
      declaredBytes: Number.isFinite(declared) ? declared : undefined,
      reportLimit: FLUX_REPORT_LIMIT,
    });
  } catch (err) {
    if (err instanceof MaintienError && err.code === FILE_TOO_LARGE) {
      // The rest of the body is not read: the connection is closed after the answer.
      body.stream.resume();
      reply.header('connection', 'close');
      void reply.status(413).send(errorBody(err.code, err.message));
      return null;
    }
    throw err;
  }
}

const wantsAsync = (wait: boolean | undefined, prefer: string | string[] | undefined) =>
  wait === false || String(prefer ?? '').toLowerCase().split(/[,;\s]+/).includes('respond-async');

/** Routes of the flux intake channel. */
export function fluxRoutes(app: App, { database }: Deps): void {
  // Encapsulated: the raw-stream content-type parsers apply to these routes only.
  void app.register(async (scope: FastifyInstance) => {
    const sub = scope as unknown as App;
    for (const type of Object.keys(FLUX_CONTENT_TYPES)) {
      sub.addContentTypeParser(type, (_request, payload, done) => done(null, new StreamedBody(payload as unknown as Readable)));
    }
    route(
      sub,
      flux.ingest,
      async (request, reply) => {
        // The permission (flux.ingest) was checked by the hook of http/auth.ts.
        const principal = request.principal!;
        const params = await received(request, reply);
        if (!params) return reply;
        if (wantsAsync(request.query.wait, request.headers.prefer)) {
          const job = await startFluxImport(database, principal, params);
          reply.header('location', `/api/v1/jobs/${job.id}`);
          return reply.status(202).send(job);
        }
        // Waits for the report (the behaviour machine clients have relied on): the job runs here.
        const job = await runFluxImportHere(database, principal, params);
        reply.header('content-location', `/api/v1/jobs/${job.id}`);
        if (job.state !== 'termine') {
          if (job.error?.code === 'ERREUR_INTERNE') return reply.status(500).send(errorBody(job.error.code, job.error.message));
          if (job.error) throw new MaintienError('conflict', job.error.code, job.error.message);
          throw new MaintienError('conflict', 'IMPORT_INTERROMPU', "L'import a été interrompu (arrêt du serveur) : il reprendra au redémarrage, là où il s'est arrêté. Suivez-le dans « Imports du flux ».");
        }
        const report = job.result as { batchId: string } & Record<string, unknown>;
        reply.header('location', `/api/v1/flux/batches/${report.batchId}`);
        const { fileName: _f, bytes: _b, ...rest } = report;
        return rest as never;
      },
      { bodyLimit: FLUX_BODY_LIMIT },
    );
    route(
      sub,
      flux.upload,
      async (request, reply) => {
        const params = await received(request, reply);
        if (!params) return reply;
        const job = await startFluxImport(database, request.principal!, params);
        reply.header('location', `/api/v1/jobs/${job.id}`);
        return reply.status(202).send(job);
      },
      { bodyLimit: FLUX_BODY_LIMIT },
    );
  });
}
