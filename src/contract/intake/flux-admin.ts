/** The AM flux, seen by the cell: import history, rejection reports, quarantined identities. */
import { Type } from '@sinclair/typebox';
import { MAX_NOTE_LENGTH, QUARANTINE_ACTIONS, QUARANTINE_STATUSES, QUARANTINE_STATUS_LABELS } from '../../domain/intake/channels';
import { Errors, IdParams, IsoDate, Nullable, OneOf, Timestamp, Uuid } from '../common';
import { capability, defineOperation } from '../operation';
import { PageParam } from './shared';

export { MAX_NOTE_LENGTH, QUARANTINE_ACTIONS, QUARANTINE_STATUSES, QUARANTINE_STATUS_LABELS };
export type { QuarantineAction, QuarantineStatus } from '../../domain/intake/channels';

const tags = ['Flux arrêts de travail — exploitation'];

export const BATCH_STATUSES = ['en_cours', 'termine', 'echec'] as const;

export const BatchCounts = Type.Object({
  lines: Type.Integer(),
  linesDone: Type.Integer(),
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  quarantined: Type.Integer(),
  outOfScope: Type.Integer({ description: 'Lignes hors périmètre (employeur absent ou non adhérent)' }),
});

export const BatchSummary = Type.Object({
  id: Uuid,
  fileName: Type.String(),
  format: Type.String(),
  issuer: Nullable(Type.String({ description: 'Émetteur du fichier (code de la caisse, par exemple CPAM-593)' })),
  status: Type.String({ description: BATCH_STATUSES.join(' | ') }),
  statusLabel: Type.String(),
  fileDate: IsoDate,
  startedAt: Timestamp,
  finishedAt: Nullable(Timestamp),
  actorLabel: Type.String(),
  error: Nullable(Type.String()),
  counts: BatchCounts,
});

export const BatchRejection = Type.Object({
  line: Type.Integer(),
  issuer: Nullable(Type.String()),
  messageId: Nullable(Type.String()),
  code: Type.String(),
  field: Nullable(Type.String()),
  message: Type.String(),
});

export const BatchDetail = Type.Composite([
  BatchSummary,
  Type.Object({
    warnings: Type.Array(Type.String()),
    rejectionsByCode: Type.Array(Type.Object({ code: Type.String(), count: Type.Integer() })),
    rejections: Type.Object({ items: Type.Array(BatchRejection), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }),
  }),
]);

export const QuarantineStatusSchema = OneOf(QUARANTINE_STATUSES);

/** What identifies a quarantined line in the list and on its page. */
const quarantinedLine = {
  id: Uuid,
  batchId: Uuid,
  fileName: Nullable(Type.String()),
  line: Type.Integer(),
  issuer: Type.String(),
  messageId: Type.String(),
  code: Type.String(),
  status: Type.String({ description: QUARANTINE_STATUSES.join(' | ') }),
  statusLabel: Type.String(),
};

export const QuarantineItem = Type.Object({
  ...quarantinedLine,
  displayName: Type.String(),
  receivedAt: Timestamp,
  resolvedAt: Nullable(Timestamp),
  resolvedByName: Nullable(Type.String()),
  resolutionNote: Nullable(Type.String()),
});

export const ComparisonRow = Type.Object({
  field: Type.String(),
  label: Type.String(),
  kind: OneOf(['text', 'date', 'sex', 'nir'] as const),
  lineValue: Nullable(Type.String()),
  workerValue: Nullable(Type.String()),
  differs: Type.Boolean(),
});

export const QuarantineDetail = Type.Object({
  ...quarantinedLine,
  receivedAt: Timestamp,
  resolvedAt: Nullable(Timestamp),
  resolvedByName: Nullable(Type.String()),
  resolutionNote: Nullable(Type.String()),
  arret: Type.Object({
    amArretId: Type.String({ description: "Identifiant de l'arrêt pour l'Assurance maladie (id_arret du flux)" }),
    type: Type.String(),
    typeLabel: Type.String(),
    startDate: Nullable(IsoDate),
    expectedEndDate: Nullable(IsoDate),
    actualEndDate: Nullable(IsoDate),
    nature: Type.String(),
    natureLabel: Type.String(),
    reason: Type.String({ description: "Motif de l'arrêt (motif du flux)" }),
    reasonLabel: Type.String(),
    consentDate: Nullable(IsoDate),
    siret: Nullable(Type.String()),
  }),
  worker: Nullable(Type.Object({ id: Uuid, displayName: Type.String(), identityStatus: Type.String() })),
  comparison: Type.Array(ComparisonRow),
});

export const fluxBatches = {
  list: defineOperation({
    method: 'GET',
    path: '/api/v1/flux/batches',
    permission: capability('flux.history'),
    tags,
    summary: 'Historique des imports du flux « arrêts de travail »',
    querystring: Type.Object({ page: PageParam }),
    response: {
      200: Type.Object({ items: Type.Array(BatchSummary), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() }),
      ...Errors(400, 401, 403),
    },
  }),
  read: defineOperation({
    method: 'GET',
    path: '/api/v1/flux/batches/:id',
    permission: capability('flux.history'),
    tags,
    summary: 'Un import : compteurs, avertissements et rapport de rejets (paginé)',
    params: IdParams,
    querystring: Type.Object({ page: PageParam, code: Type.Optional(Type.String({ pattern: '^[A-Z_]{1,40}$' })) }),
    response: { 200: BatchDetail, ...Errors(400, 401, 403, 404) },
  }),
  rejectionsCsv: defineOperation({
    method: 'GET',
    path: '/api/v1/flux/batches/:id/rejections.csv',
    permission: capability('flux.history'),
    tags,
    summary: 'Rapport de rejets d’un import (CSV UTF-8, séparateur « ; », sans donnée d’identité)',
    params: IdParams,
    produces: ['text/csv'],
    response: {
      200: Type.String({ description: 'CSV : Ligne;Émetteur;Identifiant du message;Code;Champ;Message' }),
      ...Errors(400, 401, 403, 404),
    },
  }),
};

export const quarantine = {
  list: defineOperation({
    method: 'GET',
    path: '/api/v1/flux/quarantine',
    permission: capability('quarantine.resolve'),
    tags,
    summary: 'Identités à rapprocher : lignes du flux en quarantaine',
    querystring: Type.Object({ status: Type.Optional(QuarantineStatusSchema), page: PageParam }),
    response: {
      200: Type.Object({
        status: QuarantineStatusSchema,
        items: Type.Array(QuarantineItem),
        total: Type.Integer(),
        page: Type.Integer(),
        pageSize: Type.Integer(),
        counts: Type.Object({ a_traiter: Type.Integer(), rattachee: Type.Integer(), rejetee: Type.Integer() }),
      }),
      ...Errors(400, 401, 403),
    },
  }),
  count: defineOperation({
    method: 'GET',
    path: '/api/v1/flux/quarantine/count',
    permission: capability('quarantine.resolve'),
    tags,
    summary: 'Nombre de lignes en quarantaine à traiter',
    response: { 200: Type.Object({ pending: Type.Integer() }), ...Errors(401, 403) },
  }),
  read: defineOperation({
    method: 'GET',
    path: '/api/v1/flux/quarantine/:id',
    permission: capability('quarantine.resolve'),
    tags,
    summary: 'Une ligne en quarantaine comparée au salarié connu (lecture tracée)',
    params: IdParams,
    response: { 200: QuarantineDetail, ...Errors(400, 401, 403, 404) },
  }),
  resolve: defineOperation({
    method: 'POST',
    path: '/api/v1/flux/quarantine/:id/resolve',
    permission: capability('quarantine.resolve'),
    tags,
    summary: 'Rattacher la ligne au salarié connu, ou la rejeter (avec une note)',
    params: IdParams,
    body: Type.Object({
      action: OneOf(QUARANTINE_ACTIONS),
      note: Type.Optional(Nullable(Type.String({ maxLength: MAX_NOTE_LENGTH }))),
    }),
    response: {
      200: Type.Object({
        id: Uuid,
        status: QuarantineStatusSchema,
        workerId: Nullable(Uuid),
        arretId: Nullable(Uuid),
        dossierId: Nullable(Uuid),
        dossierReference: Nullable(Type.String()),
      }),
      ...Errors(400, 401, 403, 404, 409),
    },
  }),
};
