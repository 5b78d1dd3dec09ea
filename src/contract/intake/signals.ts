/**
 * Signals received by the cell: employer declarations (the employer's space and the cell's
 * queue), fiches de liaison of the service médical, saisines, and the signal lists.
 */
import { Type } from '@sinclair/typebox';
import { DOSSIER_ORIGINS } from '../../domain/dossier/origins';
import { SIGNAL_KINDS, SIGNAL_KIND_LABELS } from '../../domain/intake/channels';
import { DECLARATION_NATURES, NATURE_LABELS, VPR_OUTCOMES, VPR_STATUS_LABELS } from '../../domain/intake/declarations';
import { authenticated, capability, defineOperation } from '../operation';
import { Errors, IdParams, IsoDate, Nullable, Timestamp, Uuid } from '../common';
import { DossierRef, PageParam, PersonRef, Status } from './shared';

export { DECLARATION_NATURES, NATURE_LABELS, SIGNAL_KINDS, SIGNAL_KIND_LABELS, VPR_OUTCOMES, VPR_STATUS_LABELS };
export type { SignalKind } from '../../domain/intake/channels';
export type { DeclarationNature, VprOutcome } from '../../domain/intake/declarations';

const tags = ['Signalements'];

/** A date typed by a person: JJ/MM/AAAA or AAAA-MM-JJ (checked by the service, with its field). */
const TypedDate = Type.String({ maxLength: 20, description: 'JJ/MM/AAAA ou AAAA-MM-JJ' });
const Name = Type.String({ maxLength: 100 });

export const VprAnswer = Type.Object({
  outcome: Type.String(),
  outcomeLabel: Type.String(),
  vprDate: Nullable(IsoDate),
  recommendations: Nullable(Type.String({ description: 'Présentes seulement si le salarié ne s’oppose pas à leur transmission (R4624-30)' })),
  answeredAt: Timestamp,
  answeredByName: Nullable(Type.String()),
});

/** A fiche de liaison, as its author (the médecin conseil) sees it. */
export const VprOrientation = Type.Object({
  id: Uuid,
  worker: Type.Object({ id: Uuid, displayName: Type.String(), birthDate: IsoDate }),
  reason: Type.String(),
  contact: Type.String(),
  filedByName: Type.String(),
  filedAt: Timestamp,
  consentDate: IsoDate,
  ...Status,
  answer: Nullable(VprAnswer),
});

/** A fiche de liaison in the cell's list. */
export const CellVprOrientation = Type.Composite([VprOrientation, Type.Object({ organisationName: Type.String(), dossier: Nullable(DossierRef) })]);

export const DeclarationImportReport = Type.Object({
  lines: Type.Integer(),
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  toVerify: Type.Integer({ description: 'Parmi les acceptées : salarié non identifié, « À vérifier » par la cellule' }),
  warnings: Type.Array(Type.String()),
  rejections: Type.Array(Type.Object({ line: Type.Integer(), code: Type.String(), field: Nullable(Type.String()), message: Type.String() })),
  duplicateLines: Type.Array(Type.Integer()),
});

export const MyDeclaration = Type.Object({
  id: Uuid,
  workerName: Type.String(),
  startDate: IsoDate,
  expectedEndDate: IsoDate,
  nature: Type.String(),
  natureLabel: Type.String(),
  workerInformedVpr: Type.Boolean(),
  channel: Type.String(),
  declaredAt: Timestamp,
  ...Status,
});

export const DeclarationToVerify = Type.Object({
  id: Uuid,
  company: Type.Object({ id: Uuid, name: Type.String() }),
  birthName: Type.String(),
  firstNames: Type.String(),
  birthDate: IsoDate,
  nirMasked: Nullable(Type.String()),
  nir: Type.Optional(Type.String()),
  startDate: IsoDate,
  expectedEndDate: IsoDate,
  natureLabel: Type.String(),
  workerInformedVpr: Type.Boolean(),
  declaredAt: Timestamp,
});

const SignalBase = {
  id: Uuid,
  source: Type.String(),
  sourceLabel: Type.String(),
  kind: Type.String(),
  kindLabel: Type.String(),
  reason: Type.String(),
  receivedAt: Timestamp,
  consentGiven: Type.Boolean(),
  consentDate: Nullable(IsoDate),
};

export const SignalItem = Type.Object({
  ...SignalBase,
  worker: PersonRef,
  dossier: Nullable(Type.Object({ id: Uuid, reference: Type.String(), state: Type.String(), stateLabel: Type.String() })),
  vpr: Nullable(Type.Object({ id: Uuid, ...Status })),
});

export const DossierSignals = Type.Object({
  signals: Type.Array(Type.Object(SignalBase)),
  vprOrientations: Type.Array(
    Type.Object({
      id: Uuid,
      organisationName: Type.String(),
      filedByName: Type.String(),
      contact: Type.String(),
      reason: Type.String(),
      filedAt: Timestamp,
      consentDate: IsoDate,
      ...Status,
      answer: Nullable(VprAnswer),
      canAnswer: Type.Boolean(),
    }),
  ),
});

export const MySaisine = Type.Object({ id: Uuid, workerName: Type.String(), reason: Type.String(), createdAt: Timestamp, ...Status });

export const employerDeclarations = {
  // The employer's space.
  declare: defineOperation({
    method: 'POST',
    path: '/api/v1/employer/declarations',
    permission: capability('employer.declare', { session: true }),
    tags,
    summary: 'Déclarer un arrêt de plus de 30 jours (employeur)',
    body: Type.Object({
      workerId: Type.Optional(Nullable(Uuid)),
      birthName: Type.Optional(Nullable(Name)),
      firstNames: Type.Optional(Nullable(Name)),
      birthDate: Type.Optional(Nullable(TypedDate)),
      nir: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
      startDate: TypedDate,
      expectedEndDate: TypedDate,
      nature: Type.String({ maxLength: 40, description: DECLARATION_NATURES.join(' | ') }),
      workerInformedVpr: Type.Optional(Type.Boolean()),
    }),
    response: { 201: Type.Object({ id: Uuid, ...Status }), ...Errors(400, 401, 403, 404, 409) },
  }),
  import: defineOperation({
    method: 'POST',
    path: '/api/v1/employer/declarations/import',
    permission: capability('employer.declare', { session: true }),
    tags,
    summary: 'Déposer un fichier CSV de déclarations (nom;prenoms;date_naissance;nir;date_debut;date_fin_prevue;nature)',
    body: Type.Object({
      fileName: Type.Optional(Type.String({ maxLength: 200 })),
      content: Type.String({ maxLength: 900_000, description: 'Contenu du fichier CSV (UTF-8, séparateur « ; »)' }),
      workersInformedVpr: Type.Optional(Type.Boolean()),
    }),
    response: { 200: DeclarationImportReport, ...Errors(400, 401, 403) },
  }),
  listMine: defineOperation({
    method: 'GET',
    path: '/api/v1/employer/declarations',
    permission: capability('employer.declare', { session: true }),
    tags,
    summary: 'Mes déclarations (employeur) et leur statut',
    response: {
      200: Type.Object({
        items: Type.Array(MyDeclaration),
        minArretDays: Type.Integer({ description: 'Le service demande de déclarer les arrêts de plus de ce nombre de jours (« Règles de détection »)' }),
      }),
      ...Errors(401, 403),
    },
  }),
  // The cell's queue.
  toVerify: defineOperation({
    method: 'GET',
    path: '/api/v1/employer-declarations/to-verify',
    permission: capability('signal.read'),
    tags,
    summary: 'Déclarations d’employeurs « À vérifier » (salarié non identifié)',
    response: { 200: Type.Object({ items: Type.Array(DeclarationToVerify) }), ...Errors(401, 403) },
  }),
  attach: defineOperation({
    method: 'POST',
    path: '/api/v1/employer-declarations/:id/attach',
    permission: capability('signal.create'),
    tags,
    summary: 'Rattacher une déclaration « À vérifier » à un salarié du service',
    params: IdParams,
    body: Type.Object({ workerId: Uuid }),
    response: { 200: Type.Object({ id: Uuid, dossier: Nullable(DossierRef) }), ...Errors(400, 401, 403, 404, 409) },
  }),
};

export const vprOrientations = {
  file: defineOperation({
    method: 'POST',
    path: '/api/v1/vpr-orientations',
    permission: capability('vpr.file', { session: true }),
    tags,
    summary: 'Transmettre une fiche de liaison : orientation en visite de pré-reprise (service médical)',
    body: Type.Object({
      nir: Type.String({ maxLength: 30 }),
      birthName: Name,
      firstNames: Name,
      birthDate: TypedDate,
      reason: Type.String({ maxLength: 2000 }),
      contact: Type.String({ maxLength: 200 }),
      consentGiven: Type.Boolean(),
      consentDate: Type.Optional(Nullable(TypedDate)),
    }),
    response: { 201: Type.Object({ id: Uuid, ...Status, filedAt: Timestamp }), ...Errors(400, 401, 403, 409) },
  }),
  list: defineOperation({
    method: 'GET',
    path: '/api/v1/vpr-orientations',
    permission: capability('signal.read'),
    tags,
    summary: 'Fiches de liaison reçues par la cellule (answered=false : sans réponse)',
    querystring: Type.Object({ answered: Type.Optional(Type.Boolean()), page: PageParam }),
    response: {
      200: Type.Object({ items: Type.Array(CellVprOrientation), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), pending: Type.Integer() }),
      ...Errors(400, 401, 403),
    },
  }),
  answer: defineOperation({
    method: 'POST',
    path: '/api/v1/vpr-orientations/:id/answer',
    permission: capability('vpr.answer'),
    tags,
    summary: 'Répondre à une fiche de liaison (suite donnée, recommandations si le salarié ne s’y oppose pas)',
    params: IdParams,
    body: Type.Object({
      outcome: Type.String({ maxLength: 40, description: VPR_OUTCOMES.join(' | ') }),
      vprDate: Type.Optional(Nullable(TypedDate)),
      nonObjection: Type.Optional(Type.Boolean()),
      recommendations: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
    }),
    response: { 200: Type.Object({ id: Uuid, ...Status, answeredAt: Timestamp }), ...Errors(400, 401, 403, 404, 409) },
  }),
  listMine: defineOperation({
    method: 'GET',
    path: '/api/v1/partner/vpr-orientations',
    permission: capability('vpr.file', { session: true }),
    tags,
    summary: 'Mes fiches de liaison (médecin conseil) et les réponses de la cellule',
    response: { 200: Type.Object({ items: Type.Array(VprOrientation) }), ...Errors(401, 403) },
  }),
};

export const saisines = {
  create: defineOperation({
    method: 'POST',
    path: '/api/v1/saisines',
    permission: capability('saisine.create', { session: true }),
    tags,
    summary: 'Saisir la cellule (salarié, employeur, partenaire ou équipe)',
    body: Type.Object({
      workerId: Type.Optional(Nullable(Uuid)),
      reason: Type.String({ maxLength: 2000 }),
      nir: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
      birthName: Type.Optional(Nullable(Name)),
      firstNames: Type.Optional(Nullable(Name)),
      birthDate: Type.Optional(Nullable(TypedDate)),
      consentGiven: Type.Optional(Type.Boolean()),
      consentDate: Type.Optional(Nullable(TypedDate)),
    }),
    response: { 201: Type.Object({ id: Uuid, ...Status, dossier: Nullable(DossierRef) }), ...Errors(400, 401, 403, 404) },
  }),
  listMine: defineOperation({
    method: 'GET',
    path: '/api/v1/saisines/mine',
    permission: capability('saisine.create', { session: true }),
    tags,
    summary: 'Mes saisines de la cellule et leur statut',
    response: { 200: Type.Object({ items: Type.Array(MySaisine) }), ...Errors(401, 403) },
  }),
  workers: defineOperation({
    method: 'GET',
    path: '/api/v1/saisines/workers',
    permission: capability('saisine.create', { session: true }),
    tags,
    summary: 'Salariés que je peux désigner dans une saisine',
    response: {
      200: Type.Object({ authorKind: Nullable(Type.String()), canIdentifyByNir: Type.Boolean(), items: Type.Array(PersonRef) }),
      ...Errors(401, 403),
    },
  }),
};

export const signals = {
  list: defineOperation({
    method: 'GET',
    path: '/api/v1/signals',
    permission: capability('signal.read'),
    tags,
    summary: 'Signalements reçus par la cellule, les plus récents d’abord',
    querystring: Type.Object({
      source: Type.Optional(Type.String({ maxLength: 200, description: `Sources séparées par des virgules : ${DOSSIER_ORIGINS.join(', ')}` })),
      kind: Type.Optional(Type.String({ maxLength: 200, description: `Types séparés par des virgules : ${SIGNAL_KINDS.join(', ')}` })),
      from: Type.Optional(Type.String({ maxLength: 10, description: 'AAAA-MM-JJ (inclus)' })),
      to: Type.Optional(Type.String({ maxLength: 10, description: 'AAAA-MM-JJ (inclus)' })),
      page: PageParam,
      pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    }),
    response: {
      200: Type.Object({
        items: Type.Array(SignalItem),
        total: Type.Integer(),
        page: Type.Integer(),
        pageSize: Type.Integer(),
        pendingVpr: Type.Integer(),
        declarationsToVerify: Type.Integer(),
      }),
      ...Errors(400, 401, 403),
    },
  }),
  ofDossier: defineOperation({
    method: 'GET',
    path: '/api/v1/dossiers/:id/signals',
    // Those who may not read the dossier's administrative data (the worker, the employer, an
    // unrelated partner) get 404 like for a missing dossier: the service decides.
    permission: authenticated,
    tags,
    summary: 'Signalements d’un dossier et ses fiches de liaison',
    params: IdParams,
    response: { 200: DossierSignals, ...Errors(400, 401, 404) },
  }),
};
