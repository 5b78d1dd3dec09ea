/**
 * parcours / partners: the consent registry (worker space and cell), referrals and the chef de
 * file, the partner's case page and the secure messages between the cell and a partner.
 * docs/parcours-partners.md lists every endpoint with its capability and errors.
 */
import { Type } from '@sinclair/typebox';
import { grantConsent } from '../../../services/consent/consent-granter';
import { listConsents } from '../../../services/consent/consent-lister';
import { withdrawConsent } from '../../../services/consent/consent-withdrawer';
import { readThread, sendMessage } from '../../../services/parcours/messages/message-thread';
import { listDossierThreads } from '../../../services/parcours/messages/message-threads-lister';
import { readPartnerCase } from '../../../services/parcours/partner/partner-case-reader';
import { addPartnerNote } from '../../../services/parcours/partner/partner-note-adder';
import { createReferral } from '../../../services/parcours/referrals/referral-creator';
import { listDossierReferrals } from '../../../services/parcours/referrals/referral-lister';
import { changeReferralStatus, giveReferralFeedback, respondToReferral } from '../../../services/parcours/referrals/referral-responder';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { Entry, Errors, IdParams, Nullable, Timestamp, Uuid } from '../../schemas';

const Org = Type.Object({ id: Uuid, name: Type.String(), kind: Type.String(), kindLabel: Type.String() });
const Text = (max: number) => Type.String({ maxLength: max });

const Consent = Type.Object({
  id: Uuid,
  purpose: Type.String(),
  purposeLabel: Type.String(),
  organisation: Org,
  grantedAt: Timestamp,
  withdrawnAt: Nullable(Timestamp),
  current: Type.Boolean(),
  source: Type.String(),
  sourceLabel: Type.String(),
  recordedByName: Nullable(Type.String()),
  withdrawalSourceLabel: Nullable(Type.String()),
});

const Registry = Type.Object({
  workerId: Uuid,
  canManage: Type.Boolean(),
  purposes: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), description: Type.String(), recipientKinds: Type.Array(Type.String()) })),
  organisations: Type.Array(Org),
  consents: Type.Array(Consent),
});

const GrantBody = Type.Object({
  purpose: Text(60),
  organisationId: Uuid,
  source: Type.Optional(Text(40)),
});
const WithdrawBody = Type.Object({ source: Type.Optional(Text(40)) });
const Granted = Type.Object({ created: Type.Boolean(), consent: Consent });

const Referral = Type.Object({
  id: Uuid,
  dossierId: Uuid,
  organisation: Org,
  kind: Type.String(),
  kindLabel: Type.String(),
  stage: Type.String(),
  stageLabel: Type.String(),
  late: Type.Boolean({ description: 'Adressage tardif (au stade du licenciement)' }),
  status: Type.String(),
  statusLabel: Type.String(),
  reason: Type.String(),
  responseNote: Nullable(Type.String()),
  respondedByName: Nullable(Type.String()),
  respondedAt: Nullable(Timestamp),
  feedback: Nullable(Type.String()),
  feedbackByName: Nullable(Type.String()),
  feedbackAt: Nullable(Timestamp),
  createdByName: Nullable(Type.String()),
  createdAt: Timestamp,
});

const Message = Type.Object({ id: Uuid, senderSide: Type.String(), senderName: Type.String(), body: Type.String(), createdAt: Timestamp, readAt: Nullable(Timestamp) });

const ConsentParams = Type.Object({ id: Uuid, consentId: Uuid });

export function parcoursPartnersRoutes(app: App, { database }: Deps): void {
  // ---- Consent registry: the worker himself -------------------------------------------------
  const tags = ['Consentements'];
  app.get(
    '/api/v1/me/consents',
    { config: { auth: 'session' }, schema: { tags, summary: 'Mes consentements (salarié) et les organismes qui peuvent en recevoir', response: { 200: Registry, ...Errors(401, 403, 404) } } },
    async (request) => run(database, request, (ctx) => listConsents(ctx, null)),
  );
  app.post(
    '/api/v1/me/consents',
    { config: { auth: 'session' }, schema: { tags, summary: 'Donner mon consentement à un organisme pour une finalité', body: GrantBody, response: { 201: Granted, ...Errors(400, 401, 403, 404) } } },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => grantConsent(ctx, null, request.body))),
  );
  app.post(
    '/api/v1/me/consents/:id/withdraw',
    { config: { auth: 'session' }, schema: { tags, summary: 'Retirer mon consentement (effet immédiat)', params: IdParams, response: { 200: Consent, ...Errors(400, 401, 403, 404, 409) } } },
    async (request) => run(database, request, (ctx) => withdrawConsent(ctx, null, request.params.id)),
  );

  // ---- Consent registry: the cell (consent.manage to record) --------------------------------
  app.get(
    '/api/v1/workers/:id/consents',
    { schema: { tags, summary: "Registre des consentements d'un salarié", params: IdParams, response: { 200: Registry, ...Errors(400, 401, 403, 404) } } },
    async (request) => run(database, request, (ctx) => listConsents(ctx, request.params.id)),
  );
  app.post(
    '/api/v1/workers/:id/consents',
    {
      schema: { tags, summary: 'Enregistrer un consentement recueilli par écrit ou oralement (consent.manage)', params: IdParams, body: GrantBody, response: { 201: Granted, ...Errors(400, 401, 403, 404) } },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => grantConsent(ctx, request.params.id, request.body))),
  );
  app.post(
    '/api/v1/workers/:id/consents/:consentId/withdraw',
    { schema: { tags, summary: 'Enregistrer le retrait d’un consentement (consent.manage, effet immédiat)', params: ConsentParams, body: WithdrawBody, response: { 200: Consent, ...Errors(400, 401, 403, 404, 409) } } },
    async (request) => run(database, request, (ctx) => withdrawConsent(ctx, request.params.id, request.params.consentId, request.body)),
  );

  // ---- Referrals and chef de file -----------------------------------------------------------
  const rtags = ['Adressages'];
  app.get(
    '/api/v1/dossiers/:id/referrals',
    {
      schema: {
        tags: rtags,
        summary: 'Adressages du dossier, chef de file et organismes (avec consentement en cours ou non)',
        params: IdParams,
        response: {
          200: Type.Object({
            workerId: Uuid,
            lead: Nullable(Org),
            canManage: Type.Boolean(),
            organisations: Type.Array(Type.Object({ id: Uuid, name: Type.String(), kind: Type.String(), kindLabel: Type.String(), consent: Type.Boolean() })),
            kinds: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
            stages: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), late: Type.Boolean() })),
            items: Type.Array(Referral),
          }),
          ...Errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listDossierReferrals(ctx, request.params.id)),
  );
  app.post(
    '/api/v1/dossiers/:id/referrals',
    {
      schema: {
        tags: rtags,
        summary: 'Adresser le salarié à un partenaire, ou proposer le transfert du rôle de chef de file (referral.manage)',
        params: IdParams,
        body: Type.Object({ organisationId: Uuid, kind: Text(40), stage: Text(40), reason: Text(10_000) }),
        response: { 201: Referral, ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => createReferral(ctx, request.params.id, request.body))),
  );
  app.post(
    '/api/v1/referrals/:id/response',
    {
      schema: {
        tags: rtags,
        summary: 'Réponse du partenaire : accepter ou refuser (un transfert accepté fait du partenaire le chef de file)',
        params: IdParams,
        body: Type.Object({ decision: Text(20), note: Type.Optional(Nullable(Text(10_000))) }),
        response: { 200: Referral, ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => run(database, request, (ctx) => respondToReferral(ctx, request.params.id, request.body)),
  );
  app.post(
    '/api/v1/referrals/:id/feedback',
    {
      schema: { tags: rtags, summary: 'Retour du partenaire sur un adressage accepté', params: IdParams, body: Type.Object({ feedback: Text(10_000) }), response: { 200: Referral, ...Errors(400, 401, 403, 404, 409) } },
    },
    async (request) => run(database, request, (ctx) => giveReferralFeedback(ctx, request.params.id, request.body)),
  );
  app.post(
    '/api/v1/referrals/:id/status',
    {
      schema: { tags: rtags, summary: 'Clore ou annuler un adressage (cellule, referral.manage)', params: IdParams, body: Type.Object({ status: Text(20) }), response: { 200: Referral, ...Errors(400, 401, 403, 404, 409) } },
    },
    async (request) => run(database, request, (ctx) => changeReferralStatus(ctx, request.params.id, request.body)),
  );

  // ---- Secure messages ----------------------------------------------------------------------
  const mtags = ['Messagerie'];
  app.get(
    '/api/v1/dossiers/:id/threads',
    {
      schema: {
        tags: mtags,
        summary: 'Fils de messages du dossier avec les partenaires (cellule), avec les non-lus',
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ organisation: Org, consent: Type.Boolean(), messages: Type.Integer(), unread: Type.Integer(), lastAt: Nullable(Timestamp) })),
            unread: Type.Integer(),
          }),
          ...Errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listDossierThreads(ctx, request.params.id)),
  );
  app.get(
    '/api/v1/dossiers/:id/messages',
    {
      schema: {
        tags: mtags,
        summary: "Fil de messages entre la cellule et un partenaire (marque lus les messages de l'autre partie)",
        params: IdParams,
        querystring: Type.Object({ organisationId: Type.Optional(Uuid) }),
        response: { 200: Type.Object({ organisationId: Uuid, side: Type.String(), items: Type.Array(Message) }), ...Errors(400, 401, 403, 404) },
      },
    },
    async (request) => run(database, request, (ctx) => readThread(ctx, request.params.id, request.query.organisationId)),
  );
  app.post(
    '/api/v1/dossiers/:id/messages',
    {
      schema: {
        tags: mtags,
        summary: 'Envoyer un message sécurisé (vérifie le consentement du salarié au moment de l’envoi)',
        params: IdParams,
        body: Type.Object({ organisationId: Type.Optional(Nullable(Uuid)), body: Text(10_000) }),
        response: { 201: Message, ...Errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => sendMessage(ctx, request.params.id, request.body))),
  );

  // ---- Partner case page --------------------------------------------------------------------
  const ptags = ['Espaces'];
  app.get(
    '/api/v1/partner/dossiers/:id',
    {
      config: { auth: 'session' },
      schema: {
        tags: ptags,
        summary: 'Dossier partagé (partenaire) : parcours non médical, adressages reçus, chef de file',
        params: IdParams,
        response: {
          200: Type.Object({
            id: Uuid,
            reference: Type.String(),
            state: Type.String(),
            stateLabel: Type.String(),
            openedAt: Timestamp,
            workerName: Type.String(),
            lead: Nullable(Type.Object({ id: Uuid, name: Type.String(), kindLabel: Type.String(), isMe: Type.Boolean() })),
            timeline: Type.Array(Entry),
            referrals: Type.Array(Referral),
            unreadMessages: Type.Integer(),
          }),
          ...Errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => run(database, request, (ctx) => readPartnerCase(ctx, request.params.id)),
  );
  app.post(
    '/api/v1/partner/dossiers/:id/notes',
    {
      config: { auth: 'session' },
      schema: {
        tags: ptags,
        summary: 'Ajouter une note du partenaire au parcours partagé',
        params: IdParams,
        body: Type.Object({ title: Type.Optional(Nullable(Text(1000))), body: Text(40_000) }),
        response: { 201: Entry, ...Errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => addPartnerNote(ctx, request.params.id, request.body))),
  );
}
