import { Type } from '@sinclair/typebox';
import { currentDefinition, QUESTIONNAIRE_IDS, type QuestionnaireId } from '../../../domain/risk/questionnaires';
import { LINK_DEFAULT_DAYS, LINK_MAX_DAYS, LINK_MIN_DAYS } from '../../../domain/risk/questionnaires/links';
import { withCtx } from '../../../services/context';
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
import { Errors, IdParams, Nullable, Timestamp, Uuid } from '../../schemas';

const tags = ['Questionnaires'];

const Value = Type.Union([Type.Number(), Type.String(), Type.Array(Type.String())]);
const AnswersIn = Type.Record(Type.String({ maxLength: 60 }), Type.Union([Value, Type.Null()]), {
  description: 'Réponses { question: valeur } ; null efface une réponse. Les réponses invalides sont refusées question par question (400 REPONSES_INVALIDES, détail dans error.details).',
  maxProperties: 80,
});
const AnswersOut = Type.Record(Type.String(), Type.Unknown());
const SaveBody = Type.Object({
  answers: AnswersIn,
  complete: Type.Optional(Type.Boolean({ description: 'true : terminer et calculer le score ; false (défaut) : enregistrer en cours' })),
});

const Option = Type.Object({ value: Type.Union([Type.String(), Type.Number()]), label: Type.String(), points: Type.Optional(Type.Number()) });
const Definition = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  intro: Type.String(),
  respondents: Type.Array(Type.String()),
  scoreLabel: Type.String(),
  scoreMin: Type.Number(),
  scoreMax: Type.Number(),
  categories: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), from: Type.Number(), to: Type.Number(), explanation: Type.String() })),
  sources: Type.Array(Type.String()),
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      label: Type.String(),
      section: Type.Optional(Type.String()),
      help: Type.Optional(Type.String()),
      type: Type.String(),
      required: Type.Boolean(),
      min: Type.Optional(Type.Number()),
      max: Type.Optional(Type.Number()),
      minLabel: Type.Optional(Type.String()),
      maxLabel: Type.Optional(Type.String()),
      unit: Type.Optional(Type.String()),
      options: Type.Optional(Type.Array(Option)),
      weight: Type.Optional(Type.Number()),
      rationale: Type.Optional(Type.String()),
    }),
  ),
});

const ResponseOut = Type.Object({
  id: Uuid,
  questionnaire: Type.String(),
  title: Type.String(),
  version: Type.Integer(),
  workerId: Nullable(Uuid),
  companyId: Nullable(Uuid),
  dossierId: Nullable(Uuid),
  respondent: Type.String(),
  respondentLabel: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  score: Nullable(Type.Number()),
  scoreMin: Nullable(Type.Number()),
  scoreMax: Nullable(Type.Number()),
  scoreLabel: Nullable(Type.String()),
  category: Nullable(Type.String()),
  categoryLabel: Nullable(Type.String()),
  explanation: Nullable(Type.String()),
  parts: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), points: Type.Number(), max: Type.Number() })),
  alerts: Type.Array(Type.String()),
  answeredCount: Type.Integer(),
  itemCount: Type.Integer(),
  startedAt: Timestamp,
  completedAt: Nullable(Timestamp),
  updatedAt: Timestamp,
  enteredByName: Nullable(Type.String()),
  answers: Type.Optional(AnswersOut),
});

const LinkOut = Type.Object({
  id: Uuid,
  questionnaire: Type.String(),
  title: Type.String(),
  state: Type.String({ description: 'ouvert | complete | expire | revoque' }),
  stateLabel: Type.String(),
  createdAt: Timestamp,
  createdByName: Type.String(),
  expiresAt: Timestamp,
  completedAt: Nullable(Timestamp),
  responseId: Nullable(Uuid),
});

const WorkerQuestionnaires = Type.Object({ workerId: Uuid, mayEnter: Type.Boolean(), responses: Type.Array(ResponseOut), links: Type.Array(LinkOut) });

const LinkPage = Type.Object({
  id: Uuid,
  state: Type.String(),
  expiresAt: Timestamp,
  organisationName: Nullable(Type.String()),
  definition: Definition,
  answers: AnswersOut,
});
const LinkSaved = Type.Object({ id: Uuid, status: Type.String(), state: Type.String() });
const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) });
const WorkerQuestionnaireId = Type.String({ description: 'wai | wai_court' });

/** risk / questionnaires: definitions, answers (professional, worker, employer), personal links. */
export function riskQuestionnairesRoutes(app: App, { database }: Deps): void {
  // ---- Definitions -----------------------------------------------------------------------
  app.get(
    '/api/v1/questionnaires',
    { schema: { tags, summary: 'Questionnaires disponibles (définitions versionnées)', response: { 200: Type.Object({ items: Type.Array(Definition) }), ...Errors(401) } } },
    async () => ({ items: QUESTIONNAIRE_IDS.map((id) => presentDefinition(currentDefinition(id))) }),
  );

  // ---- Health professionals: worker page, case page --------------------------------------
  app.get(
    '/api/v1/workers/:id/questionnaires',
    {
      schema: {
        tags,
        summary: 'Questionnaires d’un salarié : réponses, scores et liens envoyés (professionnels de santé ; lecture tracée)',
        params: IdParams,
        response: { 200: WorkerQuestionnaires, ...Errors(401, 403, 404) },
      },
    },
    async (request) => run(database, request, (ctx) => listWorkerQuestionnaires(ctx, request.params.id)),
  );

  app.get(
    '/api/v1/dossiers/:id/questionnaires',
    {
      schema: { tags, summary: 'Questionnaires du salarié d’un dossier (professionnels de santé ; lecture tracée)', params: IdParams, response: { 200: WorkerQuestionnaires, ...Errors(401, 403, 404) } },
    },
    async (request) => run(database, request, (ctx) => listDossierQuestionnaires(ctx, request.params.id)),
  );

  app.post(
    '/api/v1/workers/:id/questionnaires',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Saisir les réponses d’un salarié pendant une visite (questionnaire.manage)',
        params: IdParams,
        body: Type.Object({ questionnaire: WorkerQuestionnaireId, dossierId: Type.Optional(Nullable(Uuid)), ...SaveBody.properties }),
        response: { 201: ResponseOut, ...Errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await run(database, request, (ctx) =>
          recordWorkerResponse(ctx, { workerId: request.params.id, questionnaire: request.body.questionnaire, dossierId: request.body.dossierId, answers: request.body.answers, complete: request.body.complete ?? false }),
        ),
      ),
  );

  app.get(
    '/api/v1/questionnaire-responses/:id',
    { schema: { tags, summary: 'Une réponse avec ses réponses détaillées (lecture tracée)', params: IdParams, response: { 200: ResponseOut, ...Errors(401, 403, 404) } } },
    async (request) => run(database, request, (ctx) => readResponse(ctx, request.params.id)),
  );

  app.put(
    '/api/v1/questionnaire-responses/:id',
    {
      config: { auth: 'session' },
      schema: { tags, summary: 'Reprendre une saisie en cours (questionnaire.manage)', params: IdParams, body: SaveBody, response: { 200: ResponseOut, ...Errors(400, 401, 403, 404, 409) } },
    },
    async (request) => run(database, request, (ctx) => updateWorkerResponse(ctx, { responseId: request.params.id, answers: request.body.answers, complete: request.body.complete ?? false })),
  );

  app.post(
    '/api/v1/workers/:id/questionnaire-links',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Créer un lien personnel pour que le salarié réponde sur son téléphone (questionnaire.manage)',
        description: 'Le jeton n’est renvoyé qu’une fois ; seule son empreinte SHA-256 est conservée.',
        params: IdParams,
        body: Type.Object({
          questionnaire: WorkerQuestionnaireId,
          dossierId: Type.Optional(Nullable(Uuid)),
          expiresInDays: Type.Optional(Type.Integer({ description: `Durée de validité en jours (${LINK_MIN_DAYS} à ${LINK_MAX_DAYS}, ${LINK_DEFAULT_DAYS} par défaut)` })),
        }),
        response: { 201: Type.Object({ id: Uuid, token: Type.String(), path: Type.String(), questionnaire: Type.String(), expiresAt: Timestamp }), ...Errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => createQuestionnaireLink(ctx, { workerId: request.params.id, ...request.body }))),
  );

  app.post(
    '/api/v1/questionnaire-links/:id/revoke',
    {
      config: { auth: 'session' },
      schema: { tags, summary: 'Annuler un lien pas encore utilisé (questionnaire.manage)', params: IdParams, response: { 200: Type.Object({ id: Uuid, state: Type.String() }), ...Errors(401, 403, 404, 409) } },
    },
    async (request) => run(database, request, (ctx) => revokeQuestionnaireLink(ctx, request.params.id)),
  );

  // ---- The worker: his space -------------------------------------------------------------
  app.get(
    '/api/v1/me/questionnaires',
    {
      config: { auth: 'session' },
      schema: { tags, summary: 'Mes questionnaires : à remplir, et mes résultats expliqués (salarié)', response: { 200: Type.Object({ toAnswer: Type.Array(LinkOut), results: Type.Array(ResponseOut) }), ...Errors(401, 403) } },
    },
    async (request) => run(database, request, (ctx) => listMyQuestionnaires(ctx)),
  );

  app.get(
    '/api/v1/me/questionnaire-links/:id',
    { config: { auth: 'session' }, schema: { tags, summary: 'Un questionnaire à remplir (salarié connecté)', params: IdParams, response: { 200: LinkPage, ...Errors(401, 403, 404) } } },
    async (request) => run(database, request, (ctx) => readLink(ctx, request.params.id)),
  );

  app.put(
    '/api/v1/me/questionnaire-links/:id',
    {
      config: { auth: 'session' },
      schema: { tags, summary: 'Enregistrer ou terminer mes réponses (salarié connecté)', params: IdParams, body: SaveBody, response: { 200: LinkSaved, ...Errors(400, 401, 403, 404, 409) } },
    },
    async (request) => run(database, request, (ctx) => answerLink(ctx, request.params.id, { answers: request.body.answers, complete: request.body.complete ?? false })),
  );

  // ---- The worker: personal link, without an account -------------------------------------
  const publicLimit = { rateLimit: { max: 120, timeWindow: '1 minute' } };
  app.get(
    '/api/v1/public/questionnaire-links/:token',
    {
      config: { auth: 'public', ...publicLimit },
      schema: { tags, summary: 'Questionnaire ouvert par un lien personnel (sans connexion)', params: TokenParams, response: { 200: LinkPage, ...Errors(400, 404, 429) } },
    },
    async (request) => withLinkToken(database, request.params.token, (ctx, linkId) => readLink(ctx, linkId)),
  );

  app.put(
    '/api/v1/public/questionnaire-links/:token',
    {
      config: { auth: 'public', ...publicLimit },
      schema: { tags, summary: 'Enregistrer ou terminer les réponses d’un lien personnel (sans connexion)', params: TokenParams, body: SaveBody, response: { 200: LinkSaved, ...Errors(400, 404, 409, 429) } },
    },
    async (request) => withLinkToken(database, request.params.token, (ctx, linkId) => answerLink(ctx, linkId, { answers: request.body.answers, complete: request.body.complete ?? false })),
  );

  // ---- The employer: his company -----------------------------------------------------------
  const EmployerPage = Type.Object({
    company: Type.Object({ id: Uuid, name: Type.String() }),
    definition: Definition,
    draft: Nullable(Type.Object({ id: Uuid, answers: AnswersOut, updatedAt: Timestamp })),
    results: Type.Array(ResponseOut),
  });
  app.get(
    '/api/v1/employer/questionnaire',
    { config: { auth: 'session' }, schema: { tags, summary: 'Questionnaire employeur de mon entreprise : brouillon et résultats (employer.questionnaire)', response: { 200: EmployerPage, ...Errors(401, 403, 404) } } },
    async (request) => run(database, request, (ctx) => readEmployerQuestionnaire(ctx)),
  );

  app.put(
    '/api/v1/employer/questionnaire',
    {
      config: { auth: 'session' },
      schema: { tags, summary: 'Enregistrer ou terminer le questionnaire employeur (employer.questionnaire)', body: SaveBody, response: { 200: ResponseOut, ...Errors(400, 401, 403, 404, 409) } },
    },
    async (request) => run(database, request, (ctx) => answerEmployerQuestionnaire(ctx, { answers: request.body.answers, complete: request.body.complete ?? false })),
  );

  app.get(
    '/api/v1/companies/:id/questionnaires',
    {
      schema: {
        tags,
        summary: 'Questionnaires employeur complétés d’une entreprise (équipe de la cellule)',
        params: IdParams,
        response: { 200: Type.Object({ company: Type.Object({ id: Uuid, name: Type.String() }), results: Type.Array(ResponseOut) }), ...Errors(401, 403, 404) },
      },
    },
    async (request) => run(database, request, (ctx) => listCompanyQuestionnaires(ctx, request.params.id)),
  );
}

export type { QuestionnaireId };
