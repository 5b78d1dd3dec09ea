/**
 * The AM « arrêts de travail » flux deposited over HTTP by a machine client holding an API token
 * of scope `flux` (docs/formats/flux-arrets.md). The body is the raw file, streamed.
 */
import { Type } from '@sinclair/typebox';
import { Errors, IsoDate, Nullable, OneOf, Uuid } from '../common';
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

/** Largest accepted upload (the file is streamed to disk, never held in memory). */
export const FLUX_BODY_LIMIT = 2 * 1024 * 1024 * 1024;
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

export const flux = {
  ingest: defineOperation({
    method: 'POST',
    path: '/api/v1/flux/arrets',
    permission: capability('flux.ingest'),
    tags,
    summary: 'Déposer un fichier du flux « arrêts de travail » (CSV ou JSON Lines, jeton de portée « flux »)',
    description:
      "Corps : le fichier tel quel, en `text/csv` ou `application/x-ndjson` (envoyé en flux, jusqu'à 2 Go). Réponse : le rapport d'import ; les listes sont limitées aux 1 000 premiers éléments (`truncated`), les compteurs sont complets. Le rapport complet est téléchargeable depuis l'historique des imports.",
    consumes: Object.keys(FLUX_CONTENT_TYPES),
    querystring: Type.Object({
      fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'Nom du fichier (historique des imports)' })),
      format: Type.Optional(OneOf(FLUX_FORMATS)),
      fileDate: Type.Optional(IsoDate),
    }),
    response: { 200: IngestReport, ...Errors(400, 401, 403, 409, 413, 415) },
  }),
};
