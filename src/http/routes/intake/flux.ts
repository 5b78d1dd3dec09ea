/**
 * The AM « arrêts de travail » flux over HTTP, for machine clients holding an API token with
 * the `flux` scope (docs/formats/flux-arrets.md). The body is never held in memory: it is
 * streamed to a temporary file (hashed on the way, so that a re-sent file whose import was
 * interrupted resumes its batch), then ingested chunk by chunk like the command line does.
 */
import { Type } from '@sinclair/typebox';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { civilDate } from '../../../domain/calendar/dates';
import { ensure } from '../../../domain/access';
import { invalid, MaintienError } from '../../../domain/errors';
import { detectFormat } from '../../../ingest/arrets/parse';
import { ingestArrets } from '../../../services/intake/flux-ingester';
import type { App, Deps } from '../../deps';
import { Errors, IsoDate, Nullable, Uuid } from '../../schemas';

const tags = ['Flux Assurance maladie'];

/** Content types accepted for the upload, and the format each one implies. */
export const FLUX_CONTENT_TYPES: Readonly<Record<string, 'csv' | 'jsonl'>> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
};

/** Largest accepted upload (the file is streamed to disk, never held in memory). */
export const FLUX_BODY_LIMIT = 2 * 1024 * 1024 * 1024;
/** Rejections / quarantined lines listed in the HTTP answer (the counts are always complete). */
export const FLUX_REPORT_LIMIT = 1000;

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

const Rejection = Type.Object({
  line: Type.Integer({ description: 'Numéro de ligne de données (1 = première ligne après l’en-tête)' }),
  id_message: Nullable(Type.String()),
  code: Type.String(),
  field: Nullable(Type.String()),
  message: Type.String(),
});

export const IngestReportSchema = Type.Object({
  batchId: Uuid,
  lines: Type.Integer(),
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  quarantined: Type.Integer(),
  rejections: Type.Array(Rejection),
  quarantine: Type.Array(Type.Object({ line: Type.Integer(), id_message: Type.String(), code: Type.String() })),
  warnings: Type.Array(Type.String()),
  truncated: Type.Boolean({ description: `Vrai si les listes ont été limitées à ${FLUX_REPORT_LIMIT} éléments (les compteurs sont complets)` }),
  resumed: Type.Boolean({ description: 'Vrai si ce dépôt a repris un import interrompu du même fichier' }),
});

/** Routes of the flux intake channel. */
export function fluxRoutes(app: App, { database }: Deps): void {
  // Encapsulated: the raw-stream content-type parsers apply to this route only.
  void app.register(async (scope: FastifyInstance) => {
    const sub = scope as unknown as App;
    for (const type of Object.keys(FLUX_CONTENT_TYPES)) {
      sub.addContentTypeParser(type, (_request, payload, done) => done(null, new StreamedBody(payload as unknown as Readable)));
    }
    sub.post(
      '/api/v1/flux/arrets',
      {
        bodyLimit: FLUX_BODY_LIMIT,
        schema: {
          tags,
          summary: 'Déposer un fichier du flux « arrêts de travail » (CSV ou JSON Lines, jeton de portée « flux »)',
          description:
            "Corps : le fichier tel quel, en `text/csv` ou `application/x-ndjson` (envoyé en flux, jusqu'à 2 Go). Réponse : le rapport d'import ; les listes sont limitées aux 1 000 premiers éléments (`truncated`), les compteurs sont complets. Le rapport complet est téléchargeable depuis l'historique des imports.",
          querystring: Type.Object({
            fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'Nom du fichier (historique des imports)' })),
            format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('jsonl')])),
            fileDate: Type.Optional(IsoDate),
          }),
          response: { 200: IngestReportSchema, ...Errors(400, 401, 403, 409, 413, 415) },
        },
      },
      async (request, reply) => {
        if (!request.principal) throw new MaintienError('unauthenticated', 'NON_AUTHENTIFIE', 'Connectez-vous pour accéder à cette ressource.');
        ensure(request.principal, 'flux.ingest');
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
          let size = 0;
          try {
            await pipeline(
              body.stream,
              async function* (source: AsyncIterable<Buffer>) {
                for await (const chunk of source) {
                  size += chunk.length;
                  if (size > FLUX_BODY_LIMIT) throw invalid('FICHIER_TROP_VOLUMINEUX', 'Le fichier dépasse 2 Go : découpez-le en plusieurs dépôts.');
                  hash.update(chunk);
                  yield chunk;
                }
              },
              createWriteStream(path),
            );
          } catch (err) {
            if (err instanceof MaintienError) throw err;
            throw invalid('DEPOT_INTERROMPU', 'Le fichier n’a pas été reçu en entier : renvoyez-le.');
          }
          const report = await ingestArrets(
            database,
            request.principal,
            { stream: createReadStream(path, { highWaterMark: 1 << 20 }), fileName, format, fileDate: q.fileDate, sha256: hash.digest('hex') },
            { reportLimit: FLUX_REPORT_LIMIT },
          );
          reply.header('location', `/api/v1/flux/batches/${report.batchId}`);
          return { ...report, truncated: report.truncated ?? false, resumed: report.resumed ?? false };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    );
  });
}
