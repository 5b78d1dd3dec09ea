/**
 * The AM « arrêts de travail » flux over HTTP, for machine clients holding an API token with
 * the `flux` scope (docs/formats/flux-arrets.md). The body is never held in memory: it is
 * streamed to a temporary file (hashed on the way, so that a re-sent file whose import was
 * interrupted resumes its batch), then ingested chunk by chunk like the command line does.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { FLUX_BODY_LIMIT, FLUX_CONTENT_TYPES, FLUX_REPORT_LIMIT, flux } from '../../../contract/intake/flux';
import { civilDate } from '../../../domain/calendar/dates';
import { invalid, MaintienError } from '../../../domain/errors';
import { detectFormat } from '../../../ingest/arrets/parse';
import { Utf8Checker } from '../../../ingest/csv/utf8';
import { ingestArrets } from '../../../services/intake/flux-ingester';
import type { App, Deps } from '../../deps';
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

/** Routes of the flux intake channel. */
export function fluxRoutes(app: App, { database }: Deps): void {
  // Encapsulated: the raw-stream content-type parsers apply to this route only.
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
        const body = request.body as unknown;
        if (!(body instanceof StreamedBody)) {
          throw new MaintienError('invalid', 'TYPE_DE_CONTENU_NON_PRIS_EN_CHARGE', 'Envoyez le fichier en text/csv ou application/x-ndjson.');
        }
        const q = request.query;
        const mediaType = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
        const format = q.format ?? FLUX_CONTENT_TYPES[mediaType];
        const fileName = q.fileName ?? `flux-arrets-${civilDate(new Date())}.${format === 'jsonl' ? 'jsonl' : 'csv'}`;
        detectFormat(fileName, format); // a bad format is refused before reading the body

        const dir = await mkdtemp(join(tmpdir(), 'maintien-flux-'));
        try {
          const path = join(dir, 'upload');
          const hash = createHash('sha256');
          // A file that is not UTF-8 is refused while it is received, before any batch exists.
          const utf8 = new Utf8Checker();
          let size = 0;
          try {
            await pipeline(
              body.stream,
              async function* (source: AsyncIterable<Buffer>) {
                for await (const chunk of source) {
                  size += chunk.length;
                  if (size > FLUX_BODY_LIMIT) throw invalid('FICHIER_TROP_VOLUMINEUX', 'Le fichier dépasse 2 Go : découpez-le en plusieurs dépôts.');
                  utf8.push(chunk);
                  hash.update(chunk);
                  yield chunk;
                }
                utf8.end();
              },
              createWriteStream(path),
            );
          } catch (err) {
            if (err instanceof MaintienError) throw err;
            throw invalid('DEPOT_INTERROMPU', 'Le fichier n’a pas été reçu en entier : renvoyez-le.');
          }
          const report = await ingestArrets(
            database,
            principal,
            { stream: createReadStream(path, { highWaterMark: 1 << 20 }), fileName, format, fileDate: q.fileDate, sha256: hash.digest('hex') },
            { reportLimit: FLUX_REPORT_LIMIT },
          );
          reply.header('location', `/api/v1/flux/batches/${report.batchId}`);
          return {
            ...report,
            rejections: report.rejections.map(({ id_message, ...r }) => ({ ...r, messageId: id_message })),
            quarantine: report.quarantine.map(({ id_message, ...r }) => ({ ...r, messageId: id_message })),
            truncated: report.truncated ?? false,
            resumed: report.resumed ?? false,
          };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
      { bodyLimit: FLUX_BODY_LIMIT },
    );
  });
}
