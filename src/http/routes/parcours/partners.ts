/**
 * parcours / partners: the consent registry (worker space and cell), referrals and the chef de
 * file, the partner's case page and the secure messages between the cell and a partner. The
 * operations (paths, schemas, permissions) are in src/contract/parcours/partners.ts;
 * docs/parcours-partners.md lists every endpoint with its capability and errors.
 */
import { consents, messages, partnerDossiers, referrals } from '../../../contract/parcours/partners';
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
import { route } from '../../route';

export function parcoursPartnersRoutes(app: App, { database }: Deps): void {
  // ---- Consent registry: the worker himself -------------------------------------------------
  route(app, consents.mine, async (request) => run(database, request, (ctx) => listConsents(ctx, null)));
  route(app, consents.grantMine, async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => grantConsent(ctx, null, request.body))));
  route(app, consents.withdrawMine, async (request) => run(database, request, (ctx) => withdrawConsent(ctx, null, request.params.id)));

  // ---- Consent registry: the cell (consent.manage to record) --------------------------------
  route(app, consents.ofWorker, async (request) => run(database, request, (ctx) => listConsents(ctx, request.params.id)));
  route(app, consents.record, async (request, reply) =>
    reply.status(201).send(await run(database, request, (ctx) => grantConsent(ctx, request.params.id, request.body))),
  );
  route(app, consents.recordWithdrawal, async (request) =>
    run(database, request, (ctx) => withdrawConsent(ctx, request.params.id, request.params.consentId, request.body)),
  );

  // ---- Referrals and chef de file -----------------------------------------------------------
  route(app, referrals.listOfDossier, async (request) => run(database, request, (ctx) => listDossierReferrals(ctx, request.params.id)));
  route(app, referrals.create, async (request, reply) =>
    reply.status(201).send(await run(database, request, (ctx) => createReferral(ctx, request.params.id, request.body))),
  );
  route(app, referrals.respond, async (request) => run(database, request, (ctx) => respondToReferral(ctx, request.params.id, request.body)));
  route(app, referrals.giveFeedback, async (request) => run(database, request, (ctx) => giveReferralFeedback(ctx, request.params.id, request.body)));
  route(app, referrals.changeStatus, async (request) => run(database, request, (ctx) => changeReferralStatus(ctx, request.params.id, request.body)));

  // ---- Secure messages ----------------------------------------------------------------------
  route(app, messages.threads, async (request) => run(database, request, (ctx) => listDossierThreads(ctx, request.params.id)));
  route(app, messages.read, async (request) => run(database, request, (ctx) => readThread(ctx, request.params.id, request.query.organisationId)));
  route(app, messages.send, async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => sendMessage(ctx, request.params.id, request.body))));

  // ---- Partner case page --------------------------------------------------------------------
  route(app, partnerDossiers.read, async (request) => run(database, request, (ctx) => readPartnerCase(ctx, request.params.id)));
  route(app, partnerDossiers.addNote, async (request, reply) =>
    reply.status(201).send(await run(database, request, (ctx) => addPartnerNote(ctx, request.params.id, request.body))),
  );
}
