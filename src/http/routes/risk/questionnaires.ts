import { questionnaireLinks, questionnaires } from '../../../contract/risk/questionnaires';
import { currentDefinition, QUESTIONNAIRE_IDS } from '../../../domain/risk/questionnaires';
import { listMyQuestionnaires } from '../../../services/risk/questionnaires/carnet-questionnaires';
import { answerEmployerQuestionnaire, listCompanyQuestionnaires, readEmployerQuestionnaire } from '../../../services/risk/questionnaires/employer-questionnaire';
import { answerLink, readLink, withLinkToken } from '../../../services/risk/questionnaires/link-answerer';
import { createQuestionnaireLink } from '../../../services/risk/questionnaires/link-creator';
import { revokeQuestionnaireLink } from '../../../services/risk/questionnaires/link-revoker';
import { presentDefinition } from '../../../services/risk/questionnaires/questionnaire-format';
import { listDossierQuestionnaires, listWorkerQuestionnaires, readResponse } from '../../../services/risk/questionnaires/response-reader';
import { recordWorkerResponse } from '../../../services/risk/questionnaires/response-recorder';
import { updateWorkerResponse } from '../../../services/risk/questionnaires/response-updater';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { route } from '../../route';

/** risk / questionnaires: definitions, answers (professional, worker, employer), personal links. */
export function riskQuestionnairesRoutes(app: App, { database }: Deps): void {
  // ---- Definitions -----------------------------------------------------------------------
  route(app, questionnaires.definitions, async () => ({ items: QUESTIONNAIRE_IDS.map((id) => presentDefinition(currentDefinition(id))) }));

  // ---- Health professionals: worker page, case page --------------------------------------
  route(app, questionnaires.listForWorker, async (request) => run(database, request, (ctx) => listWorkerQuestionnaires(ctx, request.params.id)));

  route(app, questionnaires.listForDossier, async (request) => run(database, request, (ctx) => listDossierQuestionnaires(ctx, request.params.id)));

  route(app, questionnaires.record, async (request, reply) =>
    reply.status(201).send(
      await run(database, request, (ctx) =>
        recordWorkerResponse(ctx, { workerId: request.params.id, questionnaire: request.body.questionnaire, dossierId: request.body.dossierId, answers: request.body.answers, complete: request.body.complete ?? false }),
      ),
    ),
  );

  route(app, questionnaires.readResponse, async (request) => run(database, request, (ctx) => readResponse(ctx, request.params.id)));

  route(app, questionnaires.updateResponse, async (request) =>
    run(database, request, (ctx) => updateWorkerResponse(ctx, { responseId: request.params.id, answers: request.body.answers, complete: request.body.complete ?? false })),
  );

  route(app, questionnaireLinks.create, async (request, reply) =>
    reply.status(201).send(await run(database, request, (ctx) => createQuestionnaireLink(ctx, { workerId: request.params.id, ...request.body }))),
  );

  route(app, questionnaireLinks.revoke, async (request) => run(database, request, (ctx) => revokeQuestionnaireLink(ctx, request.params.id)));

  // ---- The worker: his space -------------------------------------------------------------
  route(app, questionnaires.listMine, async (request) => run(database, request, (ctx) => listMyQuestionnaires(ctx)));

  route(app, questionnaireLinks.readMine, async (request) => run(database, request, (ctx) => readLink(ctx, request.params.id)));

  route(app, questionnaireLinks.answerMine, async (request) =>
    run(database, request, (ctx) => answerLink(ctx, request.params.id, { answers: request.body.answers, complete: request.body.complete ?? false })),
  );

  // ---- The worker: personal link, without an account (rate-limited per address) ----------
  route(app, questionnaireLinks.readPublic, async (request) => withLinkToken(database, request.params.token, (ctx, linkId) => readLink(ctx, linkId)), {
    config: { rateLimit: questionnaireLinks.readPublic.rateLimit },
  });

  route(
    app,
    questionnaireLinks.answerPublic,
    async (request) => withLinkToken(database, request.params.token, (ctx, linkId) => answerLink(ctx, linkId, { answers: request.body.answers, complete: request.body.complete ?? false })),
    { config: { rateLimit: questionnaireLinks.answerPublic.rateLimit } },
  );

  // ---- The employer: his company -----------------------------------------------------------
  route(app, questionnaires.readEmployer, async (request) => run(database, request, (ctx) => readEmployerQuestionnaire(ctx)));

  route(app, questionnaires.answerEmployer, async (request) =>
    run(database, request, (ctx) => answerEmployerQuestionnaire(ctx, { answers: request.body.answers, complete: request.body.complete ?? false })),
  );

  route(app, questionnaires.listForCompany, async (request) => run(database, request, (ctx) => listCompanyQuestionnaires(ctx, request.params.id)));
}
