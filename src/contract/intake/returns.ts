/**
 * Returns to the Assurance maladie (docs/am-returns.md, format docs/formats/retours-am.md): the
 * cell records accompaniments on a dossier and follows their delivery; the AM fetches them as a
 * file or through its machine outbox (API token of scope `retours`) and acknowledges them.
 */
import { Type } from '@sinclair/typebox';
import { AM_RETURN_EXPORT_MAX, AM_RETURN_PAGE_MAX } from '../../domain/intake/channels';
import { AM_RETURN_FIELDS, AM_RETURN_STATUSES, AM_RETURN_STATUS_LABELS, AM_RETURN_TYPES, DEFAULT_AM_RETURN_LIMITS } from '../../domain/intake/am-return';
import { Errors, IdParams, IsoDate, Labelled, Nullable, OneOf, Timestamp, Uuid } from '../common';
import { capability, defineOperation } from '../operation';
import { PageParam } from './shared';

export { AM_RETURN_STATUSES, AM_RETURN_STATUS_LABELS };
export type { AmReturnStatus } from '../../domain/intake/am-return';

const tags = ["Retours à l'Assurance maladie"];
const L = DEFAULT_AM_RETURN_LIMITS;

export const AM_RETURN_FILE_FORMATS = ['csv', 'jsonl'] as const;
const TypeCode = OneOf(AM_RETURN_TYPES.map((t) => t.code) as unknown as readonly [(typeof AM_RETURN_TYPES)[number]['code']]);
const Recipient = Type.String({ maxLength: 32, description: 'Code émetteur du flux, destinataire du retour (par exemple CPAM-593)' });

export const AmReturnJob = Type.Object({
  jobTitle: Nullable(Type.String()),
  pcs: Nullable(Type.String()),
  rome: Nullable(Type.String()),
  workingConditions: Nullable(Type.String()),
});

export const AmReturn = Type.Object({
  id: Uuid,
  messageId: Type.String(),
  dossierId: Uuid,
  recipient: Type.String({ description: 'Destinataire : le code émetteur du flux qui a transmis l’arrêt' }),
  amArretId: Type.String({ description: "Identifiant de l'arrêt pour l'Assurance maladie (id_arret du flux)" }),
  type: Type.String(),
  typeLabel: Type.String(),
  date: IsoDate,
  comment: Type.String(),
  job: Nullable(AmReturnJob),
  jobIncluded: Type.Boolean({ description: 'À transmettre : partira avec les informations sur le poste ; transmis : la dernière transmission les portait' }),
  status: OneOf(AM_RETURN_STATUSES),
  statusLabel: Type.String(),
  channel: Nullable(Type.String()),
  transmissions: Type.Integer(),
  transmittedAt: Nullable(Timestamp),
  acknowledgedAt: Nullable(Timestamp),
  error: Nullable(Type.String()),
  createdAt: Timestamp,
});

export const DossierAmReturns = Type.Object({
  dossierId: Uuid,
  bornFromFlux: Type.Boolean(),
  arrets: Type.Array(Type.Object({ id: Uuid, recipient: Type.String(), amArretId: Type.String(), startDate: IsoDate, endDate: Nullable(IsoDate), cancelled: Type.Boolean() })),
  jobConsent: Type.Object({ given: Type.Boolean(), grantedAt: Nullable(Timestamp), organisationName: Nullable(Type.String()) }),
  recipients: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  types: Type.Array(Labelled),
  messages: Type.Array(AmReturn),
});

/** A message as the Assurance maladie receives it (the fields of docs/formats/retours-am.md). */
export const OutboundMessage = Type.Object(
  Object.fromEntries(AM_RETURN_FIELDS.map((f) => [f, Type.String()])) as Record<(typeof AM_RETURN_FIELDS)[number], ReturnType<typeof Type.String>>,
);

export const amReturns = {
  ofDossier: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/am-returns',
    permission: capability('amreturn.manage'),
    tags,
    summary: "Retour à l'Assurance maladie d'un dossier : arrêts du flux, accord du salarié, messages",
    params: IdParams,
    response: { 200: DossierAmReturns, ...Errors(400, 401, 403, 404) },
  }),
  record: defineOperation({
    method: 'POST',
    path: '/api/v1/dossiers/:id/am-returns',
    permission: capability('amreturn.manage'),
    tags,
    summary: "Enregistrer l'accompagnement mis en place (crée le message de retour ; idempotent)",
    params: IdParams,
    body: Type.Object({
      arretId: Uuid,
      type: TypeCode,
      date: IsoDate,
      comment: Type.Optional(Type.String({ maxLength: L.commentMaxLength + 100 })),
      jobTitle: Type.Optional(Nullable(Type.String({ maxLength: L.jobTitleMaxLength + 100 }))),
      pcs: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
      rome: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
      workingConditions: Type.Optional(Nullable(Type.String({ maxLength: L.workingConditionsMaxLength + 100 }))),
      recordJobConsent: Type.Optional(Type.Boolean({ description: "« Le salarié accepte la transmission d'informations sur son poste » : enregistre son accord" })),
      recipientOrganisationId: Type.Optional(Uuid),
    }),
    response: {
      201: Type.Object({ created: Type.Literal(true), message: AmReturn }),
      200: Type.Object({ created: Type.Literal(false), message: AmReturn }),
      ...Errors(400, 401, 403, 404, 409),
    },
  }),
  withdrawJobConsent: defineOperation({
    method: 'POST',
    path: '/api/v1/dossiers/:id/am-returns/consent/withdraw',
    permission: capability('amreturn.manage'),
    tags,
    summary: "Retrait de l'accord du salarié à la transmission d'informations sur son poste",
    params: IdParams,
    response: { 200: Type.Object({ withdrawn: Type.Integer() }), ...Errors(400, 401, 403, 404) },
  }),
  list: defineOperation({
    method: 'GET',
    path: '/api/v1/am-returns',
    permission: capability('amreturn.manage'),
    tags,
    summary: "« Retours à l'Assurance maladie » : messages et état de transmission",
    querystring: Type.Object({
      status: Type.Optional(Type.String({ maxLength: 100, description: `Statuts séparés par des virgules : ${AM_RETURN_STATUSES.join(', ')}` })),
      recipient: Type.Optional(Recipient),
      page: PageParam,
      pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: AM_RETURN_PAGE_MAX })),
    }),
    response: {
      200: Type.Object({
        items: Type.Array(Type.Composite([AmReturn, Type.Object({ dossierReference: Type.String(), workerName: Type.String() })])),
        total: Type.Integer(),
        page: Type.Integer(),
        pageSize: Type.Integer(),
        counts: Type.Record(Type.String(), Type.Integer()),
        recipients: Type.Array(Type.String({ description: 'Codes des destinataires présents' })),
      }),
      ...Errors(400, 401, 403),
    },
  }),
  export: defineOperation({
    method: 'GET',
    path: '/api/v1/am-returns/export',
    permission: capability('amreturn.manage'),
    tags,
    summary: 'Fichier des messages à transmettre (CSV ou JSON Lines) ; ne change aucun statut',
    querystring: Type.Object({ recipient: Type.Optional(Recipient), format: Type.Optional(OneOf(AM_RETURN_FILE_FORMATS)) }),
    produces: ['text/csv', 'application/x-ndjson'],
    response: { 200: Type.String({ description: `Fichier au format docs/formats/retours-am.md (au plus ${AM_RETURN_EXPORT_MAX} messages)` }), ...Errors(400, 401, 403) },
  }),
  confirmExport: defineOperation({
    method: 'POST',
    path: '/api/v1/am-returns/export/confirm',
    permission: capability('amreturn.manage'),
    tags,
    summary: "Confirmer l'envoi d'un fichier : ses messages passent « Transmis »",
    body: Type.Object({ messageIds: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: AM_RETURN_EXPORT_MAX }) }),
    response: { 200: Type.Object({ confirmed: Type.Integer(), unchanged: Type.Array(Type.String()), unknown: Type.Array(Type.String()) }), ...Errors(400, 401, 403) },
  }),
  requeue: defineOperation({
    method: 'POST',
    path: '/api/v1/am-returns/:id/requeue',
    permission: capability('amreturn.manage'),
    tags,
    summary: 'Remettre à transmettre un message en erreur',
    params: IdParams,
    response: { 200: AmReturn, ...Errors(400, 401, 403, 404) },
  }),
  // Machine API of the Assurance maladie (API token, scope `retours`).
  outbox: defineOperation({
    method: 'GET',
    path: '/api/v1/am-returns/outbox',
    permission: capability('amreturn.fetch'),
    security: [{ token: [] }],
    tags,
    summary: 'Messages non encore acquittés après le curseur (jeton de portée « retours ») ; les marque « Transmis »',
    querystring: Type.Object({
      after: Type.Optional(Type.Integer({ minimum: 0, description: 'Curseur : nextCursor de la réponse précédente (0 au départ)' })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: L.outboxMaxLimit })),
      recipient: Type.Optional(Recipient),
    }),
    response: {
      200: Type.Object({ items: Type.Array(Type.Object({ cursor: Type.Integer(), message: OutboundMessage })), nextCursor: Type.Integer(), hasMore: Type.Boolean() }),
      ...Errors(400, 401, 403),
    },
  }),
  acknowledge: defineOperation({
    method: 'POST',
    path: '/api/v1/am-returns/ack',
    permission: capability('amreturn.fetch'),
    security: [{ token: [] }],
    tags,
    summary: 'Accusés de réception (idempotent) : accuse ou en_erreur par message',
    body: Type.Object({
      acknowledgements: Type.Array(
        Type.Object({
          messageId: Type.String({ minLength: 1, maxLength: 64 }),
          status: Type.String({ maxLength: 20, description: 'accuse | en_erreur' }),
          error: Type.Optional(Nullable(Type.String({ maxLength: L.ackErrorMaxLength + 100 }))),
        }),
        { minItems: 1, maxItems: L.ackMaxItems },
      ),
    }),
    response: {
      200: Type.Object({
        results: Type.Array(
          Type.Object({
            messageId: Type.String(),
            outcome: Type.String({ description: 'accuse | en_erreur | inchange | inconnu | refuse' }),
            code: Type.Optional(Type.String()),
            message: Type.Optional(Type.String()),
          }),
        ),
        counts: Type.Object({ accuse: Type.Integer(), en_erreur: Type.Integer(), inchange: Type.Integer(), inconnu: Type.Integer(), refuse: Type.Integer() }),
      }),
      ...Errors(400, 401, 403),
    },
  }),
};
