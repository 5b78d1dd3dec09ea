/**
 * The AM « arrêts de travail » flux deposited over HTTP (docs/formats/flux-arrets.md), as a job
 * of kind `flux.import` (docs/jobs.md): by a machine client holding an API token of scope `flux`
 * (`flux.ingest`, which by default waits for the report), or from « Imports du flux » by the
 * roles that may start the kind (`flux.upload`, 202 with the job). The body is the raw file,
 * streamed to the upload directory; a file that is not a flux is refused before any job exists.
 */
import { Type } from '@sinclair/typebox';
import { JOB_KIND_INFO } from '../../domain/jobs/kinds';
export { formatBytes } from '../../domain/bytes';
import { Errors, IsoDate, Nullable, OneOf, Uuid } from '../common';
import { Job } from '../jobs';
import { capability, defineOperation } from '../operation';

const tags = ['Flux Assurance maladie'];

/** Content types accepted for the upload, and the format each one implies. */
export const FLUX_CONTENT_TYPES: Readonly<Record<string, 'csv' | 'jsonl'>> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
};
export const FLUX_FORMATS = ['csv', 'jsonl'] as const;

/**
 * Largest upload the routes let through (the file is streamed to disk, never held in memory); the
 * configured maximum (MAINTIEN_FLUX_MAX_BYTES, default 2 GiB) is checked while receiving: 413.
 */
export const FLUX_BODY_LIMIT = Number.MAX_SAFE_INTEGER;
/** Rejections / quarantined lines listed in the HTTP answer (the counts are always complete). */
export const FLUX_REPORT_LIMIT = 1000;

export const IngestRejection = Type.Object({
  line: Type.Integer({ description: 'Numéro de ligne de données (1 = première ligne après l’en-tête)' }),
  messageId: Nullable(Type.String({ description: 'id_message de la ligne' })),
  code: Type.String(),
  field: Nullable(Type.String()),
  message: Type.String(),
});

export const IngestReport = Type.Object({
  batchId: Uuid,
  lines: Type.Integer(),
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  quarantined: Type.Integer(),
  outOfScope: Type.Integer({ description: 'Lignes « hors périmètre » : employeur absent ou non adhérent (rien n’est créé ; réponse à l’émetteur : salarié non suivi par ce service)' }),
  rejections: Type.Array(IngestRejection),
  quarantine: Type.Array(Type.Object({ line: Type.Integer(), messageId: Type.String(), code: Type.String() })),
  warnings: Type.Array(Type.String()),
  truncated: Type.Boolean({ description: `Vrai si les listes ont été limitées à ${FLUX_REPORT_LIMIT} éléments (les compteurs sont complets)` }),
  resumed: Type.Boolean({ description: 'Vrai si ce dépôt a repris un import interrompu du même fichier' }),
});

const UploadQuery = {
  fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'Nom du fichier (historique des imports)' })),
  format: Type.Optional(OneOf(FLUX_FORMATS)),
  fileDate: Type.Optional(IsoDate),
};

/** Who may upload from « Imports du flux » (the kind's start capabilities but the machine scope). */
export const FLUX_UPLOAD_CAPABILITIES = JOB_KIND_INFO['flux.import'].start.filter((c) => c !== 'flux.ingest');

export const flux = {
  ingest: defineOperation({
    method: 'POST',
    path: '/api/v1/flux/arrets',
    permission: capability('flux.ingest'),
    tags,
    summary: 'Déposer un fichier du flux « arrêts de travail » (CSV ou JSON Lines, jeton de portée « flux »)',
    description:
      "Corps : le fichier tel quel, en `text/csv` ou `application/x-ndjson` (envoyé en flux, jusqu'à MAINTIEN_FLUX_MAX_BYTES, 2 Go par défaut : au-delà 413 FICHIER_TROP_VOLUMINEUX). L'import est un traitement (`flux.import`). Par défaut la requête attend sa fin et répond 200 avec le rapport d'import ; les listes sont limitées aux 1 000 premiers éléments (`truncated`), les compteurs sont complets, le rapport complet est téléchargeable depuis l'historique des imports. Avec `wait=false` (ou l'en-tête `Prefer: respond-async`), la réponse est 202 avec le traitement, à suivre par GET /api/v1/jobs/{id}. Un fichier qui n'est pas un flux est refusé (400) avant tout traitement ; le même fichier déjà en cours d'import : 409 IMPORT_DEJA_EN_COURS ; un autre import en cours pour le service : 409 IMPORT_FLUX_EN_COURS.",
    consumes: Object.keys(FLUX_CONTENT_TYPES),
    querystring: Type.Object({
      ...UploadQuery,
      wait: Type.Optional(Type.Boolean({ description: 'false : répondre 202 dès le traitement lancé (par défaut : attendre le rapport)' })),
    }),
    response: { 200: IngestReport, 202: Job, ...Errors(400, 401, 403, 409, 413, 415) },
  }),
  upload: defineOperation({
    method: 'POST',
    path: '/api/v1/flux/imports',
    permission: capability(FLUX_UPLOAD_CAPABILITIES, { refusal: JOB_KIND_INFO['flux.import'].refusal }),
    tags,
    summary: 'Déposer un fichier du flux « arrêts de travail » depuis « Imports du flux » : lance l’import (202, suivi par GET /api/v1/jobs/{id})',
    description:
      "Corps : le fichier tel quel (`text/csv` ou `application/x-ndjson`). Le fichier est vérifié avant que le traitement existe : taille (413 FICHIER_TROP_VOLUMINEUX au-delà de MAINTIEN_FLUX_MAX_BYTES), encodage UTF-8 et en-tête du flux (400, message en français). Un seul import à la fois par service : 409 IMPORT_DEJA_EN_COURS pour le même fichier, IMPORT_FLUX_EN_COURS pour un autre.",
    consumes: Object.keys(FLUX_CONTENT_TYPES),
    querystring: Type.Object(UploadQuery),
    response: { 202: Job, ...Errors(400, 401, 403, 409, 413, 415) },
  }),
};
