/**
 * Parcours / measures: the catalogue of measures, the plan de maintien of a dossier (proposal,
 * approvals, status flow, renewal, sharing), the worker's and the employer's views, manual tasks
 * on a dossier, the calculators (and the service's invalidity rule), and the documents (PDF).
 * docs/parcours-measures.md and docs/documents.md describe the rules behind the answers.
 */
import { Type } from '@sinclair/typebox';
import { CRPE_ELIGIBILITY_BASES } from '../../domain/parcours/catalogue';
import { MEASURE_STATUSES } from '../../domain/parcours/measure-states';
import { Errors, IdParams, IsoDate, Nullable, OneOf, Timestamp, Uuid } from '../common';
import { Task } from '../intake/rules';
import { authenticated, capability, defineOperation } from '../operation';

export { MEASURE_STATUSES, MEASURE_STATUS_LABELS } from '../../domain/parcours/measure-states';
export { CRPE_ELIGIBILITY_BASES, CRPE_ELIGIBILITY_LABELS } from '../../domain/parcours/catalogue';
export type { MeasureStatus } from '../../domain/parcours/measure-states';
export { DOCUMENT_KINDS, DOCUMENT_LABELS } from '../../domain/documents/document-model';
export type { DocumentKind } from '../../domain/documents/document-model';

/** What is recorded for one approval of a measure (the catalogue's « accords requis »). */
export const APPROVAL_DECISIONS = ['accord', 'refus'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];
export const APPROVAL_DECISION_LABELS: Readonly<Record<ApprovalDecision, string>> = { accord: 'Accord', refus: 'Refus' };

const tags = ['Plan de maintien'];
const Text = (max: number) => Type.String({ maxLength: max });

/** An approval the catalogue requires for a measure (its kind and label). */
export const ApprovalKind = Type.Object({ kind: Type.String(), label: Type.String() });

export const MeasureApproval = Type.Object({
  id: Uuid,
  kind: Type.String(),
  kindLabel: Type.String(),
  decision: Type.String({ description: APPROVAL_DECISIONS.join(' | ') }),
  decisionLabel: Type.String(),
  decidedOn: IsoDate,
  byName: Type.String(),
  byOrganisation: Type.String(),
  note: Nullable(Type.String()),
  recordedByName: Type.String(),
  recordedAt: Timestamp,
});

export const MeasureTransition = Type.Object({ to: Type.String(), label: Type.String(), requiresReason: Type.Boolean() });

export const Measure = Type.Object({
  id: Uuid,
  dossierId: Uuid,
  code: Type.String(),
  label: Type.String(),
  catalogueVersion: Type.String(),
  legalBasis: Type.Array(Type.String()),
  status: OneOf(MEASURE_STATUSES),
  statusLabel: Type.String(),
  startDate: IsoDate,
  endDate: Nullable(IsoDate),
  periods: Type.Array(Type.Object({ start: IsoDate, end: Nullable(IsoDate), fraction: Type.Boolean({ description: "Une fraction de l'essai en cours (comptée avec lui), pas un renouvellement" }) })),
  renewals: Type.Integer(),
  maxRenewals: Nullable(Type.Integer()),
  details: Nullable(Type.String()),
  employerNote: Nullable(Type.String()),
  sharedWithWorker: Type.Boolean(),
  employerVisible: Type.Boolean(),
  employerVisibleAllowed: Type.Boolean(),
  statusReason: Nullable(Type.String()),
  proposedByName: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  approvals: Type.Array(MeasureApproval),
  requiredApprovals: Type.Array(Type.Object({ kind: Type.String(), label: Type.String(), given: Type.Boolean() })),
  missingApprovals: Type.Array(ApprovalKind),
  blockingRule: Nullable(Type.String()),
  allowedTransitions: Type.Array(MeasureTransition),
  mayRecordApproval: Type.Boolean(),
  mayRenew: Type.Boolean(),
  /** Essai encadré: another fraction may be added (an open measure taken in fractions; the rules check the days). */
  mayAddFraction: Type.Boolean(),
  nextRenewalStart: Nullable(IsoDate),
  /** CRPE: on which ground the worker benefits from it (C. trav. L5213-3-1); null otherwise or not filled in. */
  eligibility: Nullable(Type.Object({ basis: Type.String({ description: CRPE_ELIGIBILITY_BASES.join(' | ') }), basisLabel: Type.String(), attestedOn: IsoDate, validUntil: Nullable(IsoDate) })),
  /** What the plan explains beyond the hard rules (warnings, never refusals): PMSMP during an arrêt, PTP seniority waiver, CRPE ground missing. */
  advisories: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
});

export const CatalogueEntry = Type.Object({
  code: Type.String(),
  label: Type.String(),
  objective: Type.String(),
  legalBasis: Type.Array(Type.String()),
  eligibility: Type.Array(Type.String()),
  requiresArret: Type.Boolean(),
  maxPeriod: Nullable(Type.String()),
  maxRenewals: Nullable(Type.Integer()),
  maxTotal: Nullable(Type.String()),
  approvals: Type.Array(ApprovalKind),
  partners: Type.Array(Type.String()),
  employerVisibleAllowed: Type.Boolean(),
  leaflet: Type.String(),
});

export const MeasureCatalogue = Type.Object({
  version: Type.String(),
  publishedOn: Type.String(),
  sources: Type.Array(Type.String()),
  measures: Type.Array(CatalogueEntry),
});

export const DossierPlan = Type.Object({ items: Type.Array(Measure), mayPropose: Type.Boolean() });

/** A measure as the worker sees it in his space (no internal details). */
export const MyMeasure = Type.Object({
  id: Uuid,
  label: Type.String(),
  explanation: Type.String(),
  status: OneOf(MEASURE_STATUSES),
  statusLabel: Type.String(),
  startDate: IsoDate,
  endDate: Nullable(IsoDate),
});

/** A measure as the employer sees it (never health data). */
export const EmployerMeasure = Type.Object({
  id: Uuid,
  workerName: Type.String(),
  label: Type.String(),
  statusLabel: Type.String(),
  startDate: IsoDate,
  endDate: Nullable(IsoDate),
  note: Nullable(Type.String()),
});

export const InvalidityRule = Type.Object({ cutoffDay: Type.Integer(), monthsIfEarly: Type.Integer(), monthsIfLate: Type.Integer() });

export const Calculators = Type.Object({
  today: IsoDate,
  ij: Type.Object({ consumed: Type.Integer(), limit: Type.Integer(), remaining: Type.Integer(), reached: Type.Boolean(), windowStart: IsoDate, windowEnd: IsoDate }),
  ald: Type.Array(Type.Object({ startDate: IsoDate, endDate: IsoDate, rightsEnd: IsoDate, daysRemaining: Type.Integer(), exhausted: Type.Boolean() })),
  invalidity: Type.Object({ rule: InvalidityRule, decisionDate: Nullable(IsoDate), startDate: Nullable(IsoDate) }),
});

export const InvaliditySettings = Type.Object({ rule: InvalidityRule, defaultRule: InvalidityRule, updatedAt: Nullable(Timestamp) });

/** A document the caller may generate on a dossier (convocations: one per planned visit). */
export const DocumentChoice = Type.Object({
  kind: Type.String(),
  label: Type.String(),
  available: Type.Boolean(),
  reason: Nullable(Type.String()),
  visitId: Nullable(Uuid),
});

/** A PDF answer (the client links it with `hrefOf`). */
export const Pdf = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: 'Document PDF' });

const MeasureBody = {
  details: Type.Optional(Nullable(Text(2000))),
  employerNote: Type.Optional(Nullable(Text(2000))),
  sharedWithWorker: Type.Optional(Type.Boolean()),
  employerVisible: Type.Optional(Type.Boolean()),
};

export const measures = {
  catalogue: defineOperation({
    method: 'GET',
    path: '/api/v1/parcours/catalogue',
    // The catalogue is public knowledge (legal texts): anyone signed in reads it.
    permission: authenticated,
    tags,
    summary: 'Catalogue des mesures (version, objectif, textes, conditions, durées, accords requis)',
    response: { 200: MeasureCatalogue, ...Errors(401) },
  }),
  listOfDossier: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/measures',
    // The service decides from the relation: the cell without sensitive data (assistant, admin) is
    // told 403 « Votre rôle ne permet pas d'accéder au plan de maintien. »; anyone else sees no dossier (404).
    permission: authenticated,
    tags,
    summary: "Plan de maintien d'un dossier (mesures, accords, actions possibles)",
    params: IdParams,
    response: { 200: DossierPlan, ...Errors(400, 401, 403, 404) },
  }),
  propose: defineOperation({
    method: 'POST',
    path: '/api/v1/dossiers/:id/measures',
    permission: capability('measure.manage'),
    tags,
    summary: 'Proposer une mesure du catalogue (refusée, avec la règle nommée, si elle enfreint une règle du catalogue)',
    params: IdParams,
    body: Type.Object({
      code: Type.String({ maxLength: 40 }),
      startDate: IsoDate,
      endDate: Type.Optional(Nullable(IsoDate)),
      ...MeasureBody,
      eligibility: Type.Optional(
        Nullable(
          Type.Object(
            {
              basis: Type.String({ maxLength: 40, description: CRPE_ELIGIBILITY_BASES.join(' | ') }),
              attestedOn: Type.Optional(Nullable(Type.String({ maxLength: 20, description: "Risque d'inaptitude : date où le médecin du travail l'a identifié ; RQTH : date de la décision (AAAA-MM-JJ)" }))),
              validUntil: Type.Optional(Nullable(Type.String({ maxLength: 20, description: 'RQTH : dernier jour de la reconnaissance (AAAA-MM-JJ)' }))),
            },
            { description: 'CRPE seulement : à quel titre le salarié en bénéficie (inapte — avis enregistré —, risque d’inaptitude, bénéficiaire de l’obligation d’emploi)' },
          ),
        ),
      ),
    }),
    response: { 201: Measure, ...Errors(400, 401, 403, 404) },
  }),
  update: defineOperation({
    method: 'PUT',
    path: '/api/v1/measures/:id',
    permission: capability('measure.manage'),
    tags,
    summary: 'Modifier le détail, la note pour l’employeur, le partage avec le salarié ou l’employeur',
    params: IdParams,
    body: Type.Object(MeasureBody),
    response: { 200: Measure, ...Errors(400, 401, 403, 404) },
  }),
  transition: defineOperation({
    method: 'POST',
    path: '/api/v1/measures/:id/transition',
    permission: capability('measure.manage'),
    tags,
    summary: 'Changer le statut d’une mesure (« accordée » exige tous les accords du catalogue)',
    params: IdParams,
    body: Type.Object({ to: Type.String({ maxLength: 40 }), reason: Type.Optional(Nullable(Text(1000))) }),
    response: { 200: Measure, ...Errors(400, 401, 403, 404, 409) },
  }),
  recordApproval: defineOperation({
    method: 'POST',
    path: '/api/v1/measures/:id/approvals',
    permission: capability('measure.manage'),
    tags,
    summary: 'Enregistrer un accord (ou un refus) : lequel, qui, quand',
    params: IdParams,
    body: Type.Object({
      kind: Type.String({ maxLength: 40 }),
      decision: OneOf(APPROVAL_DECISIONS),
      decidedOn: IsoDate,
      byName: Text(200),
      byOrganisation: Text(200),
      note: Type.Optional(Nullable(Text(1000))),
    }),
    response: { 200: Measure, ...Errors(400, 401, 403, 404, 409) },
  }),
  renew: defineOperation({
    method: 'POST',
    path: '/api/v1/measures/:id/renewals',
    permission: capability('measure.manage'),
    tags,
    summary: 'Renouveler une mesure accordée ou en cours, ou ajouter une fraction à un essai encadré (contrôlé par le catalogue)',
    params: IdParams,
    body: Type.Object({
      endDate: IsoDate,
      startDate: Type.Optional(IsoDate),
      fraction: Type.Optional(
        Type.Boolean({ description: "Essai encadré : une fraction de l'essai en cours, comptée avec lui dans les 14 jours ouvrables (28 après renouvellement) — pas un renouvellement" }),
      ),
    }),
    response: { 200: Measure, ...Errors(400, 401, 403, 404, 409) },
  }),
  mine: defineOperation({
    method: 'GET',
    path: '/api/v1/me/measures',
    permission: capability('worker.space'),
    tags,
    summary: 'Mon carnet : mes mesures (celles partagées avec moi)',
    response: { 200: Type.Object({ items: Type.Array(MyMeasure) }), ...Errors(401, 403) },
  }),
  employer: defineOperation({
    method: 'GET',
    path: '/api/v1/employer/measures',
    permission: capability('employer.space'),
    tags,
    summary: "Espace employeur : mesures qui concernent l'employeur (sans donnée de santé)",
    response: { 200: Type.Object({ items: Type.Array(EmployerMeasure) }), ...Errors(401, 403) },
  }),
};

/** A manual task on a dossier (the intake group reads a dossier's tasks on the same path with GET). */
export const dossierTasks = {
  create: defineOperation({
    method: 'POST',
    path: '/api/v1/dossiers/:id/tasks',
    permission: capability('task.manage'),
    tags: ['Tâches'],
    summary: 'Ajouter une tâche sur un dossier (intitulé, échéance, responsable)',
    params: IdParams,
    body: Type.Object({ title: Text(200), dueDate: Nullable(IsoDate), ownerId: Nullable(Uuid) }),
    response: { 201: Type.Object({ items: Type.Array(Task) }), ...Errors(400, 401, 403, 404) },
  }),
};

export const calculators = {
  read: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/calculators',
    // Service staff following the worker; anyone else sees no such dossier (404).
    permission: authenticated,
    tags,
    summary: 'Calculateurs : IJ sur 3 ans glissants, limite ALD, date de début d’une pension d’invalidité',
    params: IdParams,
    querystring: Type.Object({ decisionDate: Type.Optional(IsoDate) }),
    response: { 200: Calculators, ...Errors(400, 401, 403, 404) },
  }),
};

export const invaliditySettings = {
  read: defineOperation({
    method: 'GET',
    path: '/api/v1/settings/invalidity-start',
    permission: capability('settings.manage'),
    tags: ['Paramètres'],
    summary: 'Règle de date de début d’une pension d’invalidité',
    response: { 200: InvaliditySettings, ...Errors(401, 403) },
  }),
  update: defineOperation({
    method: 'PUT',
    path: '/api/v1/settings/invalidity-start',
    permission: capability('settings.manage'),
    tags: ['Paramètres'],
    summary: 'Enregistrer la règle de date de début d’une pension d’invalidité',
    body: InvalidityRule,
    response: { 200: InvaliditySettings, ...Errors(400, 401, 403) },
  }),
};

export const documents = {
  listOfDossier: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/documents',
    permission: capability('document.generate'),
    tags: ['Documents'],
    summary: "Documents qu'on peut éditer sur ce dossier",
    params: IdParams,
    response: { 200: Type.Object({ items: Type.Array(DocumentChoice) }), ...Errors(400, 401, 403, 404) },
  }),
  generate: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/documents/:kind',
    permission: capability('document.generate'),
    tags: ['Documents'],
    summary: 'Éditer un document du dossier en PDF (fiche_liaison, convocation?visitId=…, synthese, courrier_employeur)',
    params: Type.Object({ id: Uuid, kind: Type.String({ maxLength: 40, description: 'Type de document, suffixe .pdf facultatif' }) }),
    querystring: Type.Object({ visitId: Type.Optional(Uuid) }),
    produces: ['application/pdf'],
    response: { 200: Pdf, ...Errors(400, 401, 403, 404, 409) },
  }),
  leaflet: defineOperation({
    method: 'GET',
    path: '/api/v1/documents/livret-mesures.pdf',
    // No personal data: anyone signed in downloads it.
    permission: authenticated,
    tags: ['Documents'],
    summary: "Livret d'information des salariés en arrêt sur les mesures de maintien en emploi (recommandation IGAS 16)",
    produces: ['application/pdf'],
    response: { 200: Pdf, ...Errors(401) },
  }),
};
