/**
 * risk / assessment (docs/risk-index.md): the index of a worker for health professionals, its
 * signature, the health-record profile, the level shared with the cell and consented partners
 * (contract C2), the worker's own level, and the orientation support of a dossier.
 */
import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { CHEF_DE_FILE_LABELS, CHEFS_DE_FILE, INTERVENANT_LABELS, INTERVENANTS, PYRAMIDE_LABELS, PYRAMIDE_LEVELS } from '../../domain/risk/orientation';
import { RISK_LEVEL_LABELS, RISK_LEVELS } from '../../domain/risk/levels';
import { Errors, IdParams, Nullable, OneOf, Timestamp, Uuid } from '../common';
import { authenticated, capability, dataAccess, defineOperation } from '../operation';

export { CHEF_DE_FILE_LABELS, CHEFS_DE_FILE, INTERVENANT_LABELS, INTERVENANTS, PYRAMIDE_LABELS, PYRAMIDE_LEVELS, RISK_LEVEL_LABELS, RISK_LEVELS };

const tags = ['Indice de risque'];

/** The answers of this group keep whatever else the service adds (no field is dropped on the wire). */
const Open = <T extends TProperties>(props: T) => Type.Object(props, { additionalProperties: true });

/** A level of the index (IRDP) or of the inaptitude risk: 0 to 3. */
export const Level = Type.Integer({ minimum: 0, maximum: 3 });
export const Option = Type.Object({ value: Type.String(), label: Type.String() });
export const LevelOption = Type.Object({ value: Level, label: Type.String() });

/** A component of the index (health record, self-questionnaire, employer), as signed. */
export const SignedComponent = Type.Object({ key: Type.String(), label: Type.String(), present: Type.Boolean(), level: Nullable(Level), summary: Type.String() });
/** A component of the suggestion computed now. */
export const Component = Type.Object({
  key: Type.String(),
  label: Type.String(),
  present: Type.Boolean(),
  level: Nullable(Level),
  levelLabel: Nullable(Type.String()),
  weight: Type.Number(),
  summary: Type.String(),
  alarm: Type.Boolean(),
});

/** A signed assessment, in full (health professionals only). */
export const Assessment = Open({
  id: Uuid,
  dossierId: Nullable(Uuid),
  algorithmId: Type.String(),
  algorithmVersion: Type.String(),
  suggestedLevel: Level,
  finalLevel: Level,
  finalLevelLabel: Type.String(),
  inaptitudeRiskLevel: Level,
  inaptitudeRiskLevelLabel: Type.String(),
  rationale: Nullable(Type.String()),
  authorName: Type.String(),
  signedAt: Timestamp,
  components: Type.Array(SignedComponent),
});

export const Suggestion = Open({
  algorithmId: Type.String(),
  algorithmVersion: Type.String(),
  model: Type.Object({ id: Type.String(), version: Type.String(), label: Type.String(), validated: Type.Boolean(), warning: Nullable(Type.String()) }),
  suggestedLevel: Level,
  suggestedLevelLabel: Type.String(),
  combined: Type.Number(),
  components: Type.Array(Component),
  contributions: Type.Array(Type.Object({ component: Type.String(), text: Type.String() })),
  missing: Type.Array(Type.String()),
  notes: Type.Array(Type.String()),
});

export const HealthProfile = Type.Object({ csp: Nullable(Type.String()), cimChapters: Type.Array(Type.String()), exposures: Type.Array(Type.String()), ald: Type.Boolean(), updatedAt: Timestamp });

export const WorkerRisk = Open({
  workerId: Uuid,
  suggestion: Suggestion,
  profile: Nullable(HealthProfile),
  current: Nullable(Assessment),
  history: Type.Array(Assessment),
  options: Type.Object({ levels: Type.Array(LevelOption), csp: Type.Array(Option), cimChapters: Type.Array(Option), exposures: Type.Array(Option) }),
});

export const ORIENTATION_KINDS = ['intervenant', 'pyramide', 'chef_de_file'] as const;
export const ORIENTATION_DECISIONS = ['acceptee', 'refusee'] as const;

export const OrientationSuggestion = Open({
  kind: OneOf(ORIENTATION_KINDS),
  kindLabel: Type.String(),
  value: Type.String(),
  label: Type.String(),
  reasons: Type.Array(Type.String()),
  decision: Nullable(Type.Object({ decision: Type.String(), decisionLabel: Type.String(), reason: Nullable(Type.String()), decidedBy: Type.String(), decidedAt: Timestamp })),
});

export const DossierRisk = Open({
  dossierId: Uuid,
  workerId: Uuid,
  fragilityLevel: Nullable(Type.String()),
  fragilityLevelLabel: Nullable(Type.String()),
  current: Nullable(
    Open({
      id: Uuid,
      finalLevel: Level,
      finalLevelLabel: Type.String(),
      inaptitudeRiskLevel: Level,
      inaptitudeRiskLevelLabel: Type.String(),
      suggestedLevel: Level,
      signedAt: Timestamp,
      authorName: Type.String(),
    }),
  ),
  suggestions: Type.Array(OrientationSuggestion),
  decisions: Type.Array(
    Open({
      id: Uuid,
      kind: Type.String(),
      kindLabel: Type.String(),
      value: Type.String(),
      valueLabel: Type.String(),
      decision: Type.String(),
      decisionLabel: Type.String(),
      reason: Nullable(Type.String()),
      decidedBy: Type.String(),
      decidedAt: Timestamp,
    }),
  ),
  mayDecide: Type.Boolean(),
  mayAssess: Type.Boolean(),
});

/** The latest signed level as the cell and consented partners see it (contract C2). */
export const SharedLevel = Type.Object({ finalLevel: Nullable(Level), levelLabel: Nullable(Type.String()), signedAt: Nullable(Timestamp) });

/** The worker's own level, in plain words. */
export const OwnRisk = Type.Object({
  finalLevel: Nullable(Level),
  levelLabel: Nullable(Type.String()),
  explanation: Nullable(Type.String()),
  signedAt: Nullable(Timestamp),
  authorName: Nullable(Type.String()),
});

// ---- Orientation configuration (tenant setting `risk_orientation`; its field names are those of
// the stored configuration and of the problems' paths, e.g. `rules.2.when.minFinalLevel`).
export const OrientationCondition = Type.Object({
  minFinalLevel: Type.Optional(Level),
  maxFinalLevel: Type.Optional(Level),
  minInaptitudeLevel: Type.Optional(Level),
  questionnaireAlarm: Type.Optional(Type.Boolean()),
  minEmployerLevel: Type.Optional(Level),
  healthFeature: Type.Optional(Type.String()),
});
export const OrientationRule = Type.Object({ id: Type.String(), label: Type.String(), when: OrientationCondition, involve: Type.Array(Type.String()) });
export const PyramideRule = Type.Object({ level: Type.String(), when: OrientationCondition });
export const OrientationConfig = Type.Object({
  rules: Type.Array(OrientationRule),
  pyramide: Type.Array(PyramideRule),
  chefDeFile: Type.Record(Type.String(), Type.String()),
});
export const OrientationSettings = Open({
  config: OrientationConfig,
  isDefault: Type.Boolean(),
  updatedAt: Nullable(Timestamp),
  defaults: OrientationConfig,
  labels: Type.Object({
    intervenants: Type.Record(Type.String(), Type.String()),
    pyramide: Type.Record(Type.String(), Type.String()),
    chefsDeFile: Type.Record(Type.String(), Type.String()),
    healthFeatures: Type.Record(Type.String(), Type.String()),
  }),
});

const RISK_REFUSED = "Seuls le médecin du travail et l'infirmier en santé au travail accèdent à l'indice de risque.";

export const assessment = {
  readWorker: defineOperation({
    method: 'GET',
    path: '/api/v1/workers/:id/risk',
    permission: capability('risk.assess', { refusal: RISK_REFUSED }),
    tags,
    summary: "Indice de risque d'un salarié : suggestion, composantes, profil de santé, historique signé (médecin, infirmier ; lecture médicale tracée)",
    params: IdParams,
    response: { 200: WorkerRisk, ...Errors(400, 401, 403, 404) },
  }),
  updateHealthProfile: defineOperation({
    method: 'PUT',
    path: '/api/v1/workers/:id/health-profile',
    permission: capability('risk.assess', { refusal: RISK_REFUSED }),
    tags,
    summary: "Profil de santé du salarié lu par l'indice (CSP, chapitres CIM, expositions, ALD)",
    params: IdParams,
    body: Type.Object({
      csp: Nullable(Type.String({ maxLength: 40 })),
      cimChapters: Type.Array(Type.String({ maxLength: 10 }), { maxItems: 10 }),
      exposures: Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 }),
      ald: Type.Boolean(),
    }),
    response: { 200: Type.Object({ workerId: Uuid, updatedAt: Timestamp }), ...Errors(400, 401, 403, 404) },
  }),
  sign: defineOperation({
    method: 'POST',
    path: '/api/v1/workers/:id/risk/assessments',
    permission: capability('risk.assess', { refusal: RISK_REFUSED }),
    tags,
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
  }),
  readDossier: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/risk',
    // Sensitive data of the cell; the service answers 404 for a dossier the caller does not see
    // and refuses, with the same message, a role reading it outside the cell.
    permission: dataAccess('read', 'sensitive', { refusal: "Le niveau de risque n'est visible que des professionnels de la cellule." }),
    tags,
    summary: "Niveau retenu du salarié d'un dossier, suggestions d'orientation et décisions (cellule)",
    params: IdParams,
    response: { 200: DossierRisk, ...Errors(400, 401, 403, 404) },
  }),
  readSharedLevel: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/risk/shared-level',
    // The shared item 'risk.final_level' reaches the cell and, with a current consent, a partner:
    // the service asks the policy with the caller's relation to the worker.
    permission: authenticated,
    tags,
    summary: 'Dernier niveau signé (contrat C2) : cellule, ou partenaire avec le consentement du salarié ; jamais l’employeur',
    params: IdParams,
    response: { 200: SharedLevel, ...Errors(400, 401, 403, 404) },
  }),
  readOwn: defineOperation({
    method: 'GET',
    path: '/api/v1/me/risk',
    permission: capability('worker.space'),
    tags,
    summary: 'Mon niveau de risque retenu, expliqué simplement (espace salarié)',
    response: { 200: OwnRisk, ...Errors(401, 403) },
  }),
};

export const orientation = {
  decide: defineOperation({
    method: 'POST',
    path: '/api/v1/dossiers/:id/orientation/decisions',
    permission: capability('orientation.manage'),
    tags,
    summary: "Accepter ou refuser une suggestion d'orientation (intervenant, pyramide des fragilités, chef de file)",
    params: IdParams,
    body: Type.Object({
      kind: OneOf(ORIENTATION_KINDS),
      value: Type.String({ minLength: 1, maxLength: 60 }),
      decision: OneOf(ORIENTATION_DECISIONS),
      reason: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    }),
    response: { 200: DossierRisk, ...Errors(400, 401, 403, 404, 409) },
  }),
  readSettings: defineOperation({
    method: 'GET',
    path: '/api/v1/settings/risk-orientation',
    permission: capability('risk.configure'),
    tags,
    summary: "Configuration de l'aide à l'orientation du service",
    response: { 200: OrientationSettings, ...Errors(401, 403) },
  }),
  updateSettings: defineOperation({
    method: 'PUT',
    path: '/api/v1/settings/risk-orientation',
    permission: capability('risk.configure'),
    tags,
    summary: "Modifier la configuration de l'aide à l'orientation (null : revenir aux valeurs par défaut)",
    description: 'La configuration est validée par le service : chaque problème est rapporté avec son chemin (400 CONFIGURATION_ORIENTATION_INVALIDE, error.details.errors).',
    // Any object travels: the service checks it and reports every problem with its path.
    body: Type.Object({
      config: Type.Union([Type.Unsafe<Static<typeof OrientationConfig>>({ type: 'object', additionalProperties: true }), Type.Null()]),
    }),
    response: { 200: OrientationSettings, ...Errors(400, 401, 403) },
  }),
};
