/**
 * risk / assessment (docs/risk-index.md): the index of a worker for health professionals, its
 * signature, the health-record profile, the level shared with the cell and consented partners
 * (contract C2), the worker's own level, and the orientation support of a case.
 */
import { Type } from '@sinclair/typebox';
import { signAssessment } from '../../../services/risk/assessment/assessment-signer';
import { readOwnRisk } from '../../../services/risk/assessment/carnet-risk-reader';
import { readDossierRisk } from '../../../services/risk/assessment/dossier-risk-reader';
import { updateHealthProfile } from '../../../services/risk/assessment/health-profile-updater';
import { decideOrientation } from '../../../services/risk/assessment/orientation-decider';
import { readOrientationSettings, updateOrientationSettings } from '../../../services/risk/assessment/orientation-settings';
import { readWorkerRisk } from '../../../services/risk/assessment/risk-reader';
import { readSharedLevel } from '../../../services/risk/assessment/shared-level-reader';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { Errors, IdParams, Nullable, Timestamp, Uuid } from '../../schemas';

const Open = <T extends Parameters<typeof Type.Object>[0]>(props: T) => Type.Object(props, { additionalProperties: true });
const Level = Type.Integer({ minimum: 0, maximum: 3 });

const Assessment = Open({
  id: Uuid,
  finalLevel: Level,
  finalLevelLabel: Type.String(),
  suggestedLevel: Level,
  inaptitudeRiskLevel: Level,
  signedAt: Timestamp,
  authorName: Type.String(),
});

const WorkerRisk = Open({
  workerId: Uuid,
  suggestion: Open({ algorithmId: Type.String(), algorithmVersion: Type.String(), suggestedLevel: Level, suggestedLevelLabel: Type.String() }),
  profile: Nullable(Open({})),
  current: Nullable(Assessment),
  history: Type.Array(Assessment),
  options: Open({}),
});

const DossierRisk = Open({
  dossierId: Uuid,
  fragilityLevel: Nullable(Type.String()),
  current: Nullable(Open({ id: Uuid, finalLevel: Level, finalLevelLabel: Type.String() })),
  suggestions: Type.Array(Open({ kind: Type.String(), value: Type.String(), label: Type.String() })),
  decisions: Type.Array(Open({ id: Uuid, kind: Type.String(), value: Type.String(), decision: Type.String() })),
  mayDecide: Type.Boolean(),
  mayAssess: Type.Boolean(),
});

const Settings = Open({ config: Open({}), isDefault: Type.Boolean(), updatedAt: Nullable(Timestamp), defaults: Open({}), labels: Open({}) });

export function riskAssessmentRoutes(app: App, { database }: Deps): void {
  app.get(
    '/api/v1/workers/:id/risque',
    {
      schema: {
        tags: ['Indice de risque'],
        summary: "Indice de risque d'un salarié : suggestion, composantes, profil de santé, historique signé (médecin, infirmier ; lecture médicale tracée)",
        params: IdParams,
        response: { 200: WorkerRisk, ...Errors(400, 401, 403, 404) },
      },
    },
    async (request) => run(database, request, (ctx) => readWorkerRisk(ctx, request.params.id)),
  );

  app.put(
    '/api/v1/workers/:id/profil-sante',
    {
      schema: {
        tags: ['Indice de risque'],
        summary: "Profil de santé du salarié lu par l'indice (CSP, chapitres CIM, expositions, ALD)",
        params: IdParams,
        body: Type.Object({
          csp: Nullable(Type.String({ maxLength: 40 })),
          cimChapters: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 10 }),
          exposures: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }),
          ald: Type.Boolean(),
        }),
        response: { 200: Type.Object({ workerId: Uuid, updatedAt: Timestamp }), ...Errors(400, 401, 403, 404) },
      },
    },
    async (request) => run(database, request, (ctx) => updateHealthProfile(ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/workers/:id/risque/evaluations',
    {
      schema: {
        tags: ['Indice de risque'],
        summary: "Signer le niveau retenu et le niveau de risque d'inaptitude (justification si différent de la suggestion)",
        params: IdParams,
        body: Type.Object({
          dossierId: Type.Optional(Nullable(Uuid)),
          finalLevel: Type.Integer(),
          inaptitudeRiskLevel: Type.Integer(),
          rationale: Type.Optional(Nullable(Type.String({ maxLength: 8000 }))),
          seenSuggestedLevel: Type.Optional(Nullable(Type.Integer())),
        }),
        response: { 201: Assessment, ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => signAssessment(ctx, request.params.id, request.body))),
  );

  app.get(
    '/api/v1/dossiers/:id/risque',
    {
      schema: {
        tags: ['Indice de risque'],
        summary: "Niveau retenu du salarié d'un dossier, suggestions d'orientation et décisions (cellule)",
        params: IdParams,
        response: { 200: DossierRisk, ...Errors(400, 401, 403, 404) },
      },
    },
    async (request) => run(database, request, (ctx) => readDossierRisk(ctx, request.params.id)),
  );

  app.get(
    '/api/v1/dossiers/:id/risque/niveau-partage',
    {
      schema: {
        tags: ['Indice de risque'],
        summary: 'Dernier niveau signé (contrat C2) : cellule, ou partenaire avec le consentement du salarié ; jamais l’employeur',
        params: IdParams,
        response: {
          200: Type.Object({ finalLevel: Nullable(Level), levelLabel: Nullable(Type.String()), signedAt: Nullable(Timestamp) }),
          ...Errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => run(database, request, (ctx) => readSharedLevel(ctx, request.params.id)),
  );

  app.post(
    '/api/v1/dossiers/:id/orientation/decisions',
    {
      schema: {
        tags: ['Indice de risque'],
        summary: "Accepter ou refuser une suggestion d'orientation (intervenant, pyramide des fragilités, chef de file)",
        params: IdParams,
        body: Type.Object({
          kind: Type.Union([Type.Literal('intervenant'), Type.Literal('pyramide'), Type.Literal('chef_de_file')]),
          value: Type.String({ minLength: 1, maxLength: 60 }),
          decision: Type.Union([Type.Literal('acceptee'), Type.Literal('refusee')]),
          reason: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
        }),
        response: { 200: DossierRisk, ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => run(database, request, (ctx) => decideOrientation(ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/me/risque',
    {
      schema: {
        tags: ['Indice de risque'],
        summary: 'Mon niveau de risque retenu, expliqué simplement (espace salarié)',
        response: {
          200: Type.Object({
            finalLevel: Nullable(Level),
            levelLabel: Nullable(Type.String()),
            explanation: Nullable(Type.String()),
            signedAt: Nullable(Timestamp),
            authorName: Nullable(Type.String()),
          }),
          ...Errors(401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => readOwnRisk(ctx)),
  );

  app.get(
    '/api/v1/settings/risk-orientation',
    { schema: { tags: ['Indice de risque'], summary: "Configuration de l'aide à l'orientation du service", response: { 200: Settings, ...Errors(401, 403) } } },
    async (request) => run(database, request, (ctx) => readOrientationSettings(ctx)),
  );

  app.put(
    '/api/v1/settings/risk-orientation',
    {
      schema: {
        tags: ['Indice de risque'],
        summary: "Modifier la configuration de l'aide à l'orientation (null : revenir aux valeurs par défaut)",
        body: Type.Object({ config: Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]) }),
        response: { 200: Settings, ...Errors(400, 401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => updateOrientationSettings(ctx, request.body.config)),
  );
}
