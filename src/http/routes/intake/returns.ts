/**
 * Returns to the Assurance maladie (docs/am-returns.md, format docs/formats/retours-am.md):
 * the cell records accompaniments on a dossier and follows their delivery; the AM fetches
 * them as a file or through its machine outbox (API token scope `retours`) and acknowledges.
 */
import { Type } from '@sinclair/typebox';
import { AM_RETURN_FIELDS, AM_RETURN_STATUSES, AM_RETURN_TYPES, DEFAULT_AM_RETURN_LIMITS } from '../../../domain/intake/am-return';
import { acknowledgeAmReturns } from '../../../services/intake/am-return-acknowledger';
import { withdrawJobInfoConsent } from '../../../services/intake/am-return-consent-withdrawer';
import { readDossierAmReturns } from '../../../services/intake/am-return-dossier-reader';
import { confirmAmReturnExport } from '../../../services/intake/am-return-export-confirmer';
import { AM_RETURN_EXPORT_MAX, exportAmReturns } from '../../../services/intake/am-return-exporter';
import { AM_RETURN_PAGE_MAX, listAmReturns } from '../../../services/intake/am-return-lister';
import { readAmReturnOutbox } from '../../../services/intake/am-return-outbox-reader';
import { recordAmReturn } from '../../../services/intake/am-return-recorder';
import { requeueAmReturn } from '../../../services/intake/am-return-requeuer';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { Errors, IdParams, IsoDate, Nullable, Timestamp, Uuid } from '../../schemas';

const tags = ["Retours à l'Assurance maladie"];
const L = DEFAULT_AM_RETURN_LIMITS;

const TypeCode = Type.Union(AM_RETURN_TYPES.map((t) => Type.Literal(t.code)));
const Destinataire = Type.String({ maxLength: 32, description: 'Code émetteur du flux (par exemple CPAM-593)' });

const Job = Type.Object({
  jobTitle: Nullable(Type.String()),
  pcs: Nullable(Type.String()),
  rome: Nullable(Type.String()),
  workingConditions: Nullable(Type.String()),
});

const AmReturn = Type.Object({
  id: Uuid,
  messageId: Type.String(),
  dossierId: Uuid,
  destinataire: Type.String(),
  idArret: Type.String(),
  type: Type.String(),
  typeLabel: Type.String(),
  date: IsoDate,
  comment: Type.String(),
  job: Nullable(Job),
  jobIncluded: Type.Boolean({ description: 'À transmettre : partira avec les informations sur le poste ; transmis : la dernière transmission les portait' }),
  status: Type.String(),
  statusLabel: Type.String(),
  channel: Nullable(Type.String()),
  transmissions: Type.Integer(),
  transmittedAt: Nullable(Timestamp),
  acknowledgedAt: Nullable(Timestamp),
  error: Nullable(Type.String()),
  createdAt: Timestamp,
});

const OutboundMessage = Type.Object(Object.fromEntries(AM_RETURN_FIELDS.map((f) => [f, Type.String()])) as Record<(typeof AM_RETURN_FIELDS)[number], ReturnType<typeof Type.String>>);

export function returnsRoutes(app: App, { database }: Deps): void {
  app.get(
    '/api/v1/dossiers/:id/am-returns',
    {
      schema: {
        tags,
        summary: "Retour à l'Assurance maladie d'un dossier : arrêts du flux, accord du salarié, messages",
        params: IdParams,
        response: {
          200: Type.Object({
            dossierId: Uuid,
            bornFromFlux: Type.Boolean(),
            arrets: Type.Array(Type.Object({ id: Uuid, destinataire: Type.String(), idArret: Type.String(), startDate: IsoDate, endDate: Nullable(IsoDate), cancelled: Type.Boolean() })),
            jobConsent: Type.Object({ given: Type.Boolean(), grantedAt: Nullable(Timestamp), organisationName: Nullable(Type.String()) }),
            recipients: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
            types: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
            messages: Type.Array(AmReturn),
          }),
          ...Errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => run(database, request, (ctx) => readDossierAmReturns(ctx, request.params.id)),
  );

  app.post(
    '/api/v1/dossiers/:id/am-returns',
    {
      schema: {
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
        response: { 200: Type.Object({ created: Type.Literal(false), message: AmReturn }), 201: Type.Object({ created: Type.Literal(true), message: AmReturn }), ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const r = await run(database, request, (ctx) => recordAmReturn(ctx, request.params.id, request.body));
      return r.created ? reply.status(201).send({ created: true as const, message: r.message }) : reply.status(200).send({ created: false as const, message: r.message });
    },
  );

  app.post(
    '/api/v1/dossiers/:id/am-returns/consent/withdraw',
    {
      schema: {
        tags,
        summary: "Retrait de l'accord du salarié à la transmission d'informations sur son poste",
        params: IdParams,
        response: { 200: Type.Object({ withdrawn: Type.Integer() }), ...Errors(400, 401, 403, 404) },
      },
    },
    async (request) => run(database, request, (ctx) => withdrawJobInfoConsent(ctx, request.params.id)),
  );

  app.get(
    '/api/v1/am-returns',
    {
      schema: {
        tags,
        summary: "« Retours à l'Assurance maladie » : messages et état de transmission",
        querystring: Type.Object({
          status: Type.Optional(Type.String({ maxLength: 100, description: `Statuts séparés par des virgules : ${AM_RETURN_STATUSES.join(', ')}` })),
          emetteur: Type.Optional(Destinataire),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: AM_RETURN_PAGE_MAX })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Composite([AmReturn, Type.Object({ dossierReference: Type.String(), workerName: Type.String() })])),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            counts: Type.Record(Type.String(), Type.Integer()),
            destinataires: Type.Array(Type.String()),
          }),
          ...Errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const statuses = q.status ? q.status.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      return run(database, request, (ctx) => listAmReturns(ctx, { statuses, destinataire: q.emetteur, page: q.page, pageSize: q.pageSize }));
    },
  );

  app.get(
    '/api/v1/am-returns/export',
    {
      schema: {
        tags,
        summary: 'Fichier des messages à transmettre (CSV ou JSON Lines) ; ne change aucun statut',
        querystring: Type.Object({
          emetteur: Type.Optional(Destinataire),
          format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('jsonl')])),
        }),
        response: { 200: Type.String({ description: `Fichier au format docs/formats/retours-am.md (au plus ${AM_RETURN_EXPORT_MAX} messages)` }), ...Errors(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const file = await run(database, request, (ctx) => exportAmReturns(ctx, { destinataire: request.query.emetteur, format: request.query.format }));
      return reply
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('x-maintien-message-count', String(file.messageIds.length))
        .type(file.contentType)
        .send(file.body);
    },
  );

  app.post(
    '/api/v1/am-returns/export/confirm',
    {
      schema: {
        tags,
        summary: "Confirmer l'envoi d'un fichier : ses messages passent « Transmis »",
        body: Type.Object({ messageIds: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: AM_RETURN_EXPORT_MAX }) }),
        response: { 200: Type.Object({ confirmed: Type.Integer(), unchanged: Type.Array(Type.String()), unknown: Type.Array(Type.String()) }), ...Errors(400, 401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => confirmAmReturnExport(ctx, request.body)),
  );

  app.post(
    '/api/v1/am-returns/:id/requeue',
    {
      schema: {
        tags,
        summary: 'Remettre à transmettre un message en erreur',
        params: IdParams,
        response: { 200: AmReturn, ...Errors(400, 401, 403, 404) },
      },
    },
    async (request) => run(database, request, (ctx) => requeueAmReturn(ctx, request.params.id)),
  );

  // --- Machine API of the Assurance maladie (API token, scope `retours`) ----------------------

  app.get(
    '/api/v1/am-returns/outbox',
    {
      schema: {
        tags,
        summary: 'Messages non encore acquittés après le curseur (jeton de portée « retours ») ; les marque « Transmis »',
        security: [{ token: [] }],
        querystring: Type.Object({
          after: Type.Optional(Type.Integer({ minimum: 0, description: 'Curseur : nextCursor de la réponse précédente (0 au départ)' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: L.outboxMaxLimit })),
          emetteur: Type.Optional(Destinataire),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ cursor: Type.Integer(), message: OutboundMessage })),
            nextCursor: Type.Integer(),
            hasMore: Type.Boolean(),
          }),
          ...Errors(400, 401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => readAmReturnOutbox(ctx, { after: request.query.after, limit: request.query.limit, destinataire: request.query.emetteur })),
  );

  app.post(
    '/api/v1/am-returns/ack',
    {
      schema: {
        tags,
        summary: 'Accusés de réception (idempotent) : accuse ou en_erreur par message',
        security: [{ token: [] }],
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
      },
    },
    async (request) => run(database, request, (ctx) => acknowledgeAmReturns(ctx, request.body)),
  );
}
