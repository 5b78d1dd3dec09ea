import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { listFluxBatches } from '../../../services/intake/flux-batch-lister';
import { readFluxBatch } from '../../../services/intake/flux-batch-reader';
import { rejectionsCsvHeader } from '../../../services/intake/flux-batch-format';
import { openRejectionExport, readRejectionPage } from '../../../services/intake/flux-batch-rejections-exporter';
import { countQuarantine } from '../../../services/intake/quarantine-counter';
import { listQuarantine } from '../../../services/intake/quarantine-lister';
import { QUARANTINE_STATUSES } from '../../../services/intake/quarantine-payload';
import { readQuarantine } from '../../../services/intake/quarantine-reader';
import { MAX_NOTE_LENGTH, QUARANTINE_ACTIONS, resolveQuarantine } from '../../../services/intake/quarantine-resolver';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { Errors, IdParams, IsoDate, Nullable, Timestamp, Uuid } from '../../schemas';

const tags = ['Flux arrêts de travail — exploitation'];

const Counts = Type.Object({
  lines: Type.Integer(),
  linesDone: Type.Integer(),
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  quarantined: Type.Integer(),
});

const BatchSummary = Type.Object({
  id: Uuid,
  fileName: Type.String(),
  format: Type.String(),
  emetteur: Nullable(Type.String()),
  status: Type.String({ description: 'en_cours | termine | echec' }),
  statusLabel: Type.String(),
  fileDate: IsoDate,
  startedAt: Timestamp,
  finishedAt: Nullable(Timestamp),
  actorLabel: Type.String(),
  error: Nullable(Type.String()),
  counts: Counts,
});

const Rejection = Type.Object({
  line: Type.Integer(),
  emetteur: Nullable(Type.String()),
  idMessage: Nullable(Type.String()),
  code: Type.String(),
  field: Nullable(Type.String()),
  message: Type.String(),
});

const QuarantineStatus = Type.Union(QUARANTINE_STATUSES.map((s) => Type.Literal(s)));

const QuarantineItem = Type.Object({
  id: Uuid,
  batchId: Uuid,
  fileName: Nullable(Type.String()),
  line: Type.Integer(),
  emetteur: Type.String(),
  idMessage: Type.String(),
  code: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  displayName: Type.String(),
  receivedAt: Timestamp,
  resolvedAt: Nullable(Timestamp),
  resolvedByName: Nullable(Type.String()),
  resolutionNote: Nullable(Type.String()),
});

const ComparisonRow = Type.Object({
  field: Type.String(),
  label: Type.String(),
  kind: Type.String({ description: 'text | date | sex | nir' }),
  lineValue: Nullable(Type.String()),
  workerValue: Nullable(Type.String()),
  differs: Type.Boolean(),
});

const QuarantineDetail = Type.Object({
  id: Uuid,
  batchId: Uuid,
  fileName: Nullable(Type.String()),
  line: Type.Integer(),
  emetteur: Type.String(),
  idMessage: Type.String(),
  code: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  receivedAt: Timestamp,
  resolvedAt: Nullable(Timestamp),
  resolvedByName: Nullable(Type.String()),
  resolutionNote: Nullable(Type.String()),
  arret: Type.Object({
    idArret: Type.String(),
    type: Type.String(),
    typeLabel: Type.String(),
    startDate: Nullable(IsoDate),
    expectedEndDate: Nullable(IsoDate),
    actualEndDate: Nullable(IsoDate),
    nature: Type.String(),
    natureLabel: Type.String(),
    motif: Type.String(),
    motifLabel: Type.String(),
    consentDate: Nullable(IsoDate),
    siret: Nullable(Type.String()),
  }),
  worker: Nullable(Type.Object({ id: Uuid, displayName: Type.String(), identityStatus: Type.String() })),
  comparison: Type.Array(ComparisonRow),
});

const Page = Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 }));

/** Routes of the flux administration (history, reports, quarantine). */
export function fluxAdminRoutes(app: App, { database }: Deps): void {
  app.get(
    '/api/v1/flux/batches',
    {
      schema: {
        tags,
        summary: 'Historique des imports du flux « arrêts de travail »',
        querystring: Type.Object({ page: Page }),
        response: {
          200: Type.Object({ items: Type.Array(BatchSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }),
          ...Errors(400, 401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listFluxBatches(ctx, { page: request.query.page })),
  );

  app.get(
    '/api/v1/flux/batches/:id',
    {
      schema: {
        tags,
        summary: "Un import : compteurs, avertissements et rapport de rejets (paginé)",
        params: IdParams,
        querystring: Type.Object({ page: Page, code: Type.Optional(Type.String({ pattern: '^[A-Z_]{1,40}$' })) }),
        response: {
          200: Type.Composite([
            BatchSummary,
            Type.Object({
              warnings: Type.Array(Type.String()),
              rejectionsByCode: Type.Array(Type.Object({ code: Type.String(), count: Type.Integer() })),
              rejections: Type.Object({ items: Type.Array(Rejection), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }),
            }),
          ]),
          ...Errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => run(database, request, (ctx) => readFluxBatch(ctx, { id: request.params.id, page: request.query.page, code: request.query.code })),
  );

  app.get(
    '/api/v1/flux/batches/:id/rejections.csv',
    {
      schema: {
        tags,
        summary: 'Rapport de rejets d’un import (CSV UTF-8, séparateur « ; », sans donnée d’identité)',
        params: IdParams,
        produces: ['text/csv'],
        response: {
          // Streamed, so typed as what the handler sends; documented as the CSV text it is.
          200: Type.Unsafe<Readable>({ type: 'string', description: 'CSV : Ligne;Émetteur;Identifiant du message;Code;Champ;Message' }),
          ...Errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const opened = await run(database, request, (ctx) => openRejectionExport(ctx, { batchId: request.params.id }));
      async function* body() {
        // BOM: spreadsheet software then reads the accents as UTF-8.
        yield `\uFEFF${rejectionsCsvHeader()}\r\n`;
        let after = 0;
        for (;;) {
          const page = await run(database, request, (ctx) => readRejectionPage(ctx, { batchId: opened.batchId, afterLine: after }));
          if (page.text) yield page.text;
          if (page.done) return;
          after = page.last;
        }
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${opened.fileName}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(body()));
    },
  );

  app.get(
    '/api/v1/flux/quarantine',
    {
      schema: {
        tags,
        summary: 'Identités à rapprocher : lignes du flux en quarantaine',
        querystring: Type.Object({ status: Type.Optional(QuarantineStatus), page: Page }),
        response: {
          200: Type.Object({
            status: Type.String(),
            items: Type.Array(QuarantineItem),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            counts: Type.Object({ a_traiter: Type.Integer(), rattachee: Type.Integer(), rejetee: Type.Integer() }),
          }),
          ...Errors(400, 401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listQuarantine(ctx, { status: request.query.status, page: request.query.page })),
  );

  app.get(
    '/api/v1/flux/quarantine/count',
    {
      schema: {
        tags,
        summary: 'Nombre de lignes en quarantaine à traiter',
        response: { 200: Type.Object({ aTraiter: Type.Integer() }), ...Errors(401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => countQuarantine(ctx)),
  );

  app.get(
    '/api/v1/flux/quarantine/:id',
    {
      schema: {
        tags,
        summary: 'Une ligne en quarantaine comparée au salarié connu (lecture tracée)',
        params: IdParams,
        response: { 200: QuarantineDetail, ...Errors(400, 401, 403, 404) },
      },
    },
    async (request) => run(database, request, (ctx) => readQuarantine(ctx, request.params.id)),
  );

  app.post(
    '/api/v1/flux/quarantine/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Rattacher la ligne au salarié connu, ou la rejeter (avec une note)',
        params: IdParams,
        body: Type.Object({
          action: Type.Union(QUARANTINE_ACTIONS.map((a) => Type.Literal(a))),
          note: Type.Optional(Nullable(Type.String({ maxLength: MAX_NOTE_LENGTH }))),
        }),
        response: {
          200: Type.Object({
            id: Uuid,
            status: Type.String(),
            workerId: Nullable(Uuid),
            arretId: Nullable(Uuid),
            dossierId: Nullable(Uuid),
            dossierReference: Nullable(Type.String()),
          }),
          ...Errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => run(database, request, (ctx) => resolveQuarantine(ctx, request.params.id, request.body)),
  );
}
