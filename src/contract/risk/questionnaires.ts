/**
 * risk / questionnaires (docs/risk-questionnaires.md): definitions, answers (professional, worker,
 * employer), personal links to answer from a phone.
 */
import { Type } from '@sinclair/typebox';
import { LINK_DEFAULT_DAYS, LINK_MAX_DAYS, LINK_MIN_DAYS, LINK_STATE_LABELS, type LinkState } from '../../domain/risk/questionnaires/links';
import { QUESTIONNAIRE_IDS, QUESTIONNAIRE_TITLES, RESPONDENT_LABELS, RESPONSE_STATUS_LABELS, WORKER_QUESTIONNAIRES } from '../../domain/risk/questionnaires';
import { Errors, IdParams, Nullable, OneOf, Timestamp, Uuid } from '../common';
import { authenticated, capability, dataAccess, defineOperation, publicAccess } from '../operation';

export { LINK_DEFAULT_DAYS, LINK_MAX_DAYS, LINK_MIN_DAYS, LINK_STATE_LABELS, QUESTIONNAIRE_IDS, QUESTIONNAIRE_TITLES, RESPONDENT_LABELS, RESPONSE_STATUS_LABELS, WORKER_QUESTIONNAIRES };
export type { Answers, AnswerValue, QuestionnaireId } from '../../domain/risk/questionnaires';

const tags = ['Questionnaires'];

export const LINK_STATES = ['ouvert', 'complete', 'expire', 'revoque'] as const satisfies readonly LinkState[];

const Value = Type.Union([Type.Number(), Type.String(), Type.Array(Type.String())]);
const AnswersIn = Type.Record(Type.String({ maxLength: 60 }), Type.Union([Value, Type.Null()]), {
  description: 'Réponses { question: valeur } ; null efface une réponse. Les réponses invalides sont refusées question par question (400 REPONSES_INVALIDES, détail dans error.details).',
  maxProperties: 80,
});
/** Saved answers, as stored (each value was validated when saved): `{ question: valeur }`. */
export const AnswersOut = Type.Record(Type.String(), Type.Unknown());
const SaveBody = Type.Object({
  answers: AnswersIn,
  complete: Type.Optional(Type.Boolean({ description: 'true : terminer et calculer le score ; false (défaut) : enregistrer en cours' })),
});

export const ItemOption = Type.Object({ value: Type.Union([Type.String(), Type.Number()]), label: Type.String(), points: Type.Optional(Type.Number()) });
export const QuestionnaireItem = Type.Object({
  id: Type.String(),
  label: Type.String(),
  section: Type.Optional(Type.String()),
  help: Type.Optional(Type.String()),
  type: OneOf(['scale', 'choice', 'number', 'multi'] as const),
  required: Type.Boolean(),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  minLabel: Type.Optional(Type.String()),
  maxLabel: Type.Optional(Type.String()),
  unit: Type.Optional(Type.String()),
  options: Type.Optional(Type.Array(ItemOption)),
  weight: Type.Optional(Type.Number()),
  rationale: Type.Optional(Type.String()),
});
export const QuestionnaireDefinition = Type.Object({
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
  items: Type.Array(QuestionnaireItem),
});

export const QuestionnaireResponse = Type.Object({
  id: Uuid,
  questionnaire: Type.String(),
  title: Type.String(),
  version: Type.Integer(),
  workerId: Nullable(Uuid),
  companyId: Nullable(Uuid),
  dossierId: Nullable(Uuid),
  respondent: Type.String(),
  respondentLabel: Type.String(),
  status: Type.String({ description: 'en_cours | complete' }),
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

export const QuestionnaireLink = Type.Object({
  id: Uuid,
  questionnaire: Type.String(),
  title: Type.String(),
  state: OneOf(LINK_STATES),
  stateLabel: Type.String(),
  createdAt: Timestamp,
  createdByName: Type.String(),
  expiresAt: Timestamp,
  completedAt: Nullable(Timestamp),
  responseId: Nullable(Uuid),
});

export const WorkerQuestionnaires = Type.Object({ workerId: Uuid, mayEnter: Type.Boolean(), responses: Type.Array(QuestionnaireResponse), links: Type.Array(QuestionnaireLink) });

/** A questionnaire to answer through a link (public page or the worker's space). */
export const LinkPage = Type.Object({
  id: Uuid,
  state: OneOf(LINK_STATES),
  expiresAt: Timestamp,
  organisationName: Nullable(Type.String()),
  definition: QuestionnaireDefinition,
  answers: AnswersOut,
});
export const LinkSaved = Type.Object({ id: Uuid, status: Type.String(), state: Type.String() });
const TokenParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 100 }) });
const WorkerQuestionnaireId = Type.String({ description: 'wai | wai_court' });
const Company = Type.Object({ id: Uuid, name: Type.String() });

export const EmployerQuestionnairePage = Type.Object({
  company: Company,
  definition: QuestionnaireDefinition,
  draft: Nullable(Type.Object({ id: Uuid, answers: AnswersOut, updatedAt: Timestamp })),
  results: Type.Array(QuestionnaireResponse),
});

/** Entering answers or sending a link: a health professional of the service (questionnaire.manage), with a session. */
const manage = capability('questionnaire.manage', { session: true });
/** The worker in his space, with a session. */
const ownSpace = capability('worker.space', { session: true });
/** The service's refusal of a link or of answers the caller may not read. */
const NO_ACCESS = "Vous n'avez pas accès à cette ressource.";
/** Answers are medical data: the service then checks the caller's relation with the worker (404 for an unrelated one). */
const readMedical = dataAccess('read', 'medical', { refusal: NO_ACCESS });

export const questionnaires = {
  definitions: defineOperation({
    method: 'GET',
    path: '/api/v1/questionnaires',
    permission: authenticated,
    tags,
    summary: 'Questionnaires disponibles (définitions versionnées)',
    response: { 200: Type.Object({ items: Type.Array(QuestionnaireDefinition) }), ...Errors(401) },
  }),
  listForWorker: defineOperation({
    method: 'GET',
    path: '/api/v1/workers/:id/questionnaires',
    permission: readMedical,
    tags,
    summary: 'Questionnaires d’un salarié : réponses, scores et liens envoyés (professionnels de santé ; lecture tracée)',
    params: IdParams,
    response: { 200: WorkerQuestionnaires, ...Errors(401, 403, 404) },
  }),
  listForDossier: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/questionnaires',
    permission: readMedical,
    tags,
    summary: 'Questionnaires du salarié d’un dossier (professionnels de santé ; lecture tracée)',
    params: IdParams,
    response: { 200: WorkerQuestionnaires, ...Errors(401, 403, 404) },
  }),
  record: defineOperation({
    method: 'POST',
    path: '/api/v1/workers/:id/questionnaires',
    permission: manage,
    tags,
    summary: 'Saisir les réponses d’un salarié pendant une visite (questionnaire.manage)',
    params: IdParams,
    body: Type.Object({ questionnaire: WorkerQuestionnaireId, dossierId: Type.Optional(Nullable(Uuid)), ...SaveBody.properties }),
    response: { 201: QuestionnaireResponse, ...Errors(400, 401, 403, 404) },
  }),
  readResponse: defineOperation({
    method: 'GET',
    path: '/api/v1/questionnaire-responses/:id',
    permission: readMedical,
    tags,
    summary: 'Une réponse avec ses réponses détaillées (lecture tracée)',
    params: IdParams,
    response: { 200: QuestionnaireResponse, ...Errors(401, 403, 404) },
  }),
  updateResponse: defineOperation({
    method: 'PUT',
    path: '/api/v1/questionnaire-responses/:id',
    permission: manage,
    tags,
    summary: 'Reprendre une saisie en cours (questionnaire.manage)',
    params: IdParams,
    body: SaveBody,
    response: { 200: QuestionnaireResponse, ...Errors(400, 401, 403, 404, 409) },
  }),
  listMine: defineOperation({
    method: 'GET',
    path: '/api/v1/me/questionnaires',
    permission: ownSpace,
    tags,
    summary: 'Mes questionnaires : à remplir, et mes résultats expliqués (salarié)',
    response: { 200: Type.Object({ toAnswer: Type.Array(QuestionnaireLink), results: Type.Array(QuestionnaireResponse) }), ...Errors(401, 403) },
  }),
  readEmployer: defineOperation({
    method: 'GET',
    path: '/api/v1/employer/questionnaire',
    permission: capability('employer.questionnaire', { session: true }),
    tags,
    summary: 'Questionnaire employeur de mon entreprise : brouillon et résultats (employer.questionnaire)',
    response: { 200: EmployerQuestionnairePage, ...Errors(401, 403, 404) },
  }),
  answerEmployer: defineOperation({
    method: 'PUT',
    path: '/api/v1/employer/questionnaire',
    permission: capability('employer.questionnaire', { session: true }),
    tags,
    summary: 'Enregistrer ou terminer le questionnaire employeur (employer.questionnaire)',
    body: SaveBody,
    response: { 200: QuestionnaireResponse, ...Errors(400, 401, 403, 404, 409) },
  }),
  listForCompany: defineOperation({
    method: 'GET',
    path: '/api/v1/companies/:id/questionnaires',
    permission: capability('company.search'),
    tags,
    summary: 'Questionnaires employeur complétés d’une entreprise (équipe de la cellule)',
    params: IdParams,
    response: { 200: Type.Object({ company: Company, results: Type.Array(QuestionnaireResponse) }), ...Errors(401, 403, 404) },
  }),
};

/** The public pages are rate-limited per address. */
const publicLimit = { max: 120, timeWindow: '1 minute' };

export const questionnaireLinks = {
  create: defineOperation({
    method: 'POST',
    path: '/api/v1/workers/:id/questionnaire-links',
    permission: manage,
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
  }),
  revoke: defineOperation({
    method: 'POST',
    path: '/api/v1/questionnaire-links/:id/revoke',
    permission: manage,
    tags,
    summary: 'Annuler un lien pas encore utilisé (questionnaire.manage)',
    params: IdParams,
    response: { 200: Type.Object({ id: Uuid, state: Type.String() }), ...Errors(401, 403, 404, 409) },
  }),
  readMine: defineOperation({
    method: 'GET',
    path: '/api/v1/me/questionnaire-links/:id',
    permission: capability('worker.space', { session: true, refusal: NO_ACCESS }),
    tags,
    summary: 'Un questionnaire à remplir (salarié connecté)',
    params: IdParams,
    response: { 200: LinkPage, ...Errors(401, 403, 404) },
  }),
  answerMine: defineOperation({
    method: 'PUT',
    path: '/api/v1/me/questionnaire-links/:id',
    permission: capability('worker.space', { session: true, refusal: NO_ACCESS }),
    tags,
    summary: 'Enregistrer ou terminer mes réponses (salarié connecté)',
    params: IdParams,
    body: SaveBody,
    response: { 200: LinkSaved, ...Errors(400, 401, 403, 404, 409) },
  }),
  readPublic: defineOperation({
    method: 'GET',
    path: '/api/v1/public/questionnaire-links/:token',
    permission: publicAccess,
    tags,
    summary: 'Questionnaire ouvert par un lien personnel (sans connexion)',
    params: TokenParams,
    rateLimit: publicLimit,
    response: { 200: LinkPage, ...Errors(400, 404, 429) },
  }),
  answerPublic: defineOperation({
    method: 'PUT',
    path: '/api/v1/public/questionnaire-links/:token',
    permission: publicAccess,
    tags,
    summary: 'Enregistrer ou terminer les réponses d’un lien personnel (sans connexion)',
    params: TokenParams,
    body: SaveBody,
    rateLimit: publicLimit,
    response: { 200: LinkSaved, ...Errors(400, 404, 409, 429) },
  }),
};

/** `details` of a 400 REPONSES_INVALIDES: the French message of each refused item, by item id. */
export const AnswerErrors = Type.Record(Type.String(), Type.String());
