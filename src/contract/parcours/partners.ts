/**
 * Parcours / partners: the consent registry (the worker's space and the cell), referrals and the
 * chef de file, the secure messages between the cell and a partner, and the partner's case page.
 * docs/parcours-partners.md lists the rules behind each answer.
 */
import { Type } from '@sinclair/typebox';
import { Errors, IdParams, Labelled, Nullable, Timestamp, Uuid } from '../common';
import { Entry } from '../dossiers';
import { authenticated, capability, defineOperation, sessionOnly } from '../operation';

export { CONSENT_PURPOSES, CONSENT_PURPOSE_LABELS, PARTNER_SHARING_PURPOSE, CONSENT_SOURCES, CONSENT_SOURCE_LABELS } from '../../domain/consent/purposes';
export type { ConsentPurpose, ConsentSource } from '../../domain/consent/purposes';
export { CELL_CONSENT_SOURCES } from '../../domain/consent/rules';
export { REFERRAL_KINDS, REFERRAL_KIND_LABELS, REFERRAL_STAGES, REFERRAL_STAGE_LABELS, REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, MESSAGE_MAX_LENGTH } from '../../domain/parcours/referrals';
export type { ReferralKind, ReferralStage, ReferralStatus } from '../../domain/parcours/referrals';

const Text = (max: number) => Type.String({ maxLength: max });

/** An organisation that may receive a consent, a referral or a message. */
export const PartnerOrganisation = Type.Object({ id: Uuid, name: Type.String(), kind: Type.String(), kindLabel: Type.String() });

export const Consent = Type.Object({
  id: Uuid,
  purpose: Type.String(),
  purposeLabel: Type.String(),
  organisation: PartnerOrganisation,
  grantedAt: Timestamp,
  withdrawnAt: Nullable(Timestamp),
  current: Type.Boolean(),
  source: Type.String(),
  sourceLabel: Type.String(),
  recordedByName: Nullable(Type.String()),
  withdrawalSourceLabel: Nullable(Type.String()),
});

export const ConsentRegistry = Type.Object({
  workerId: Uuid,
  canManage: Type.Boolean(),
  purposes: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), description: Type.String(), recipientKinds: Type.Array(Type.String()) })),
  organisations: Type.Array(PartnerOrganisation),
  consents: Type.Array(Consent),
});

const GrantBody = Type.Object({ purpose: Text(60), organisationId: Uuid, source: Type.Optional(Text(40)) });
const Granted = Type.Object({ created: Type.Boolean(), consent: Consent });

export const Referral = Type.Object({
  id: Uuid,
  dossierId: Uuid,
  organisation: PartnerOrganisation,
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

export const DossierReferrals = Type.Object({
  workerId: Uuid,
  lead: Nullable(PartnerOrganisation),
  canManage: Type.Boolean(),
  organisations: Type.Array(Type.Object({ id: Uuid, name: Type.String(), kind: Type.String(), kindLabel: Type.String(), consent: Type.Boolean() })),
  kinds: Type.Array(Labelled),
  stages: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), late: Type.Boolean() })),
  items: Type.Array(Referral),
});

export const Message = Type.Object({ id: Uuid, senderSide: Type.String(), senderName: Type.String(), body: Type.String(), createdAt: Timestamp, readAt: Nullable(Timestamp) });

export const MessageThreads = Type.Object({
  items: Type.Array(Type.Object({ organisation: PartnerOrganisation, consent: Type.Boolean(), messages: Type.Integer(), unread: Type.Integer(), lastAt: Nullable(Timestamp) })),
  unread: Type.Integer(),
});

export const MessageThread = Type.Object({ organisationId: Uuid, side: Type.String({ description: 'cellule | partenaire' }), items: Type.Array(Message) });

export const PartnerCase = Type.Object({
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
});

const ConsentParams = Type.Object({ id: Uuid, consentId: Uuid });
const ctags = ['Consentements'];
/** The service's own check on the cell's consent routes (a worker reaches his own registry there too). */
const recordConsent = capability(['consent.manage', 'worker.space'], { refusal: "Votre rôle ne permet pas d'enregistrer le consentement d'un salarié." });

export const consents = {
  // ---- The worker himself (a user session; anyone but a worker is told no such worker: 404) ----
  mine: defineOperation({
    method: 'GET',
    path: '/api/v1/me/consents',
    permission: sessionOnly,
    tags: ctags,
    summary: 'Mes consentements (salarié) et les organismes qui peuvent en recevoir',
    response: { 200: ConsentRegistry, ...Errors(401, 403, 404) },
  }),
  grantMine: defineOperation({
    method: 'POST',
    path: '/api/v1/me/consents',
    permission: sessionOnly,
    tags: ctags,
    summary: 'Donner mon consentement à un organisme pour une finalité',
    body: GrantBody,
    response: { 201: Granted, ...Errors(400, 401, 403, 404) },
  }),
  withdrawMine: defineOperation({
    method: 'POST',
    path: '/api/v1/me/consents/:id/withdraw',
    permission: sessionOnly,
    tags: ctags,
    summary: 'Retirer mon consentement (effet immédiat)',
    params: IdParams,
    response: { 200: Consent, ...Errors(400, 401, 403, 404, 409) },
  }),
  // ---- The cell -------------------------------------------------------------------------------
  ofWorker: defineOperation({
    method: 'GET',
    path: '/api/v1/workers/:id/consents',
    // Staff following the worker (or the worker himself); anyone else is told no such worker (404).
    permission: authenticated,
    tags: ctags,
    summary: "Registre des consentements d'un salarié",
    params: IdParams,
    response: { 200: ConsentRegistry, ...Errors(400, 401, 403, 404) },
  }),
  record: defineOperation({
    method: 'POST',
    path: '/api/v1/workers/:id/consents',
    permission: recordConsent,
    tags: ctags,
    summary: 'Enregistrer un consentement recueilli par écrit ou oralement (consent.manage)',
    params: IdParams,
    body: GrantBody,
    response: { 201: Granted, ...Errors(400, 401, 403, 404) },
  }),
  recordWithdrawal: defineOperation({
    method: 'POST',
    path: '/api/v1/workers/:id/consents/:consentId/withdraw',
    permission: recordConsent,
    tags: ctags,
    summary: 'Enregistrer le retrait d’un consentement (consent.manage, effet immédiat)',
    params: ConsentParams,
    body: Type.Object({ source: Type.Optional(Text(40)) }),
    response: { 200: Consent, ...Errors(400, 401, 403, 404, 409) },
  }),
};

const rtags = ['Adressages'];

export const referrals = {
  listOfDossier: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/referrals',
    // The cell following the worker; anyone else sees no such dossier (404).
    permission: authenticated,
    tags: rtags,
    summary: 'Adressages du dossier, chef de file et organismes (avec consentement en cours ou non)',
    params: IdParams,
    response: { 200: DossierReferrals, ...Errors(400, 401, 403, 404) },
  }),
  create: defineOperation({
    method: 'POST',
    path: '/api/v1/dossiers/:id/referrals',
    permission: capability('referral.manage', { refusal: "Votre rôle ne permet pas d'adresser un salarié à un partenaire." }),
    tags: rtags,
    summary: 'Adresser le salarié à un partenaire, ou proposer le transfert du rôle de chef de file (referral.manage)',
    params: IdParams,
    body: Type.Object({ organisationId: Uuid, kind: Text(40), stage: Text(40), reason: Text(10_000) }),
    response: { 201: Referral, ...Errors(400, 401, 403, 404, 409) },
  }),
  respond: defineOperation({
    method: 'POST',
    path: '/api/v1/referrals/:id/response',
    // The partner the referral names (with a current consent): anyone else is told no such referral (404).
    permission: authenticated,
    tags: rtags,
    summary: 'Réponse du partenaire : accepter ou refuser (un transfert accepté fait du partenaire le chef de file)',
    params: IdParams,
    body: Type.Object({ decision: Text(20), note: Type.Optional(Nullable(Text(10_000))) }),
    response: { 200: Referral, ...Errors(400, 401, 403, 404, 409) },
  }),
  giveFeedback: defineOperation({
    method: 'POST',
    path: '/api/v1/referrals/:id/feedback',
    // As the response: the partner the referral names.
    permission: authenticated,
    tags: rtags,
    summary: 'Retour du partenaire sur un adressage accepté',
    params: IdParams,
    body: Type.Object({ feedback: Text(10_000) }),
    response: { 200: Referral, ...Errors(400, 401, 403, 404, 409) },
  }),
  changeStatus: defineOperation({
    method: 'POST',
    path: '/api/v1/referrals/:id/status',
    // referral.manage is checked by the service once the referral is found (an unknown one is 404
    // for everyone): « Votre rôle ne permet pas de gérer les adressages. »
    permission: authenticated,
    tags: rtags,
    summary: 'Clore ou annuler un adressage (cellule, referral.manage)',
    params: IdParams,
    body: Type.Object({ status: Text(20) }),
    response: { 200: Referral, ...Errors(400, 401, 403, 404, 409) },
  }),
};

const mtags = ['Messagerie'];

export const messages = {
  threads: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/threads',
    // The cell following the worker; anyone else sees no such dossier (404).
    permission: authenticated,
    tags: mtags,
    summary: 'Fils de messages du dossier avec les partenaires (cellule), avec les non-lus',
    params: IdParams,
    response: { 200: MessageThreads, ...Errors(400, 401, 403, 404) },
  }),
  read: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/messages',
    // The cell, or a partner whose organisation holds a current consent (both sides of the thread).
    permission: authenticated,
    tags: mtags,
    summary: "Fil de messages entre la cellule et un partenaire (marque lus les messages de l'autre partie)",
    params: IdParams,
    querystring: Type.Object({ organisationId: Type.Optional(Uuid) }),
    response: { 200: MessageThread, ...Errors(400, 401, 403, 404) },
  }),
  send: defineOperation({
    method: 'POST',
    path: '/api/v1/dossiers/:id/messages',
    permission: authenticated,
    tags: mtags,
    summary: 'Envoyer un message sécurisé (vérifie le consentement du salarié au moment de l’envoi)',
    params: IdParams,
    body: Type.Object({ organisationId: Type.Optional(Nullable(Uuid)), body: Text(10_000) }),
    response: { 201: Message, ...Errors(400, 401, 403, 404) },
  }),
};

const ptags = ['Espaces'];

export const partnerDossiers = {
  read: defineOperation({
    method: 'GET',
    path: '/api/v1/partner/dossiers/:id',
    permission: capability('partner.space', { session: true }),
    tags: ptags,
    summary: 'Dossier partagé (partenaire) : parcours non médical, adressages reçus, chef de file',
    params: IdParams,
    response: { 200: PartnerCase, ...Errors(400, 401, 403, 404) },
  }),
  addNote: defineOperation({
    method: 'POST',
    path: '/api/v1/partner/dossiers/:id/notes',
    permission: capability('partner.space', { session: true }),
    tags: ptags,
    summary: 'Ajouter une note du partenaire au parcours partagé',
    params: IdParams,
    body: Type.Object({ title: Type.Optional(Nullable(Text(1000))), body: Text(40_000) }),
    response: { 201: Entry, ...Errors(400, 401, 403, 404) },
  }),
};
