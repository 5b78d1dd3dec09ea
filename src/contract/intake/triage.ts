/**
 * Triage « À qualifier » (issue 14): one row per worker whose signals wait for the cell's
 * decision, decisions one by one or in bulk; the flux lines out of the service's scope.
 */
import { Type } from '@sinclair/typebox';
import { DOSSIER_ORIGINS } from '../../domain/dossier/origins';
import { MAX_BULK_ITEMS, MAX_REASON_LENGTH, OUT_OF_SCOPE_STATUSES, TRIAGE_ACTIONS, TRIAGE_STATUSES } from '../../domain/intake/triage';
import { Errors, IsoDate, Nullable, OneOf, Timestamp, Uuid } from '../common';
import { capability, defineOperation } from '../operation';
import { DossierRef, PageParam, Status } from './shared';

/** At most this many lines in one « Prendre en charge » (services/intake/out-of-scope-taker.ts MAX_TAKE_ON). */
export const MAX_TAKE_ON = 200;

export { MAX_BULK_ITEMS, OUT_OF_SCOPE_ANSWER, TRIAGE_ACTION_LABELS, TRIAGE_ACTIONS, TRIAGE_STATUS_LABELS, TRIAGE_STATUSES } from '../../domain/intake/triage';
export type { TriageAction, TriageStatus } from '../../domain/intake/triage';

const tags = ['À qualifier'];

export const TriageItem = Type.Object({
  id: Uuid,
  ...Status,
  firstReceivedAt: Timestamp,
  lastReceivedAt: Timestamp,
  decidedAt: Nullable(Timestamp),
  decisionReason: Nullable(Type.String()),
  worker: Type.Object({ id: Uuid, displayName: Type.String(), birthDate: IsoDate, age: Type.Integer() }),
  absence: Nullable(
    Type.Object({
      startDate: IsoDate,
      endDate: Type.Union([IsoDate, Type.Null()], { description: 'Dernier jour de l’absence (null tant qu’elle est sans date de fin)' }),
      days: Type.Integer({ description: 'Jours d’absence à ce jour (arrêts contigus, jusqu’au dernier jour ou aujourd’hui)' }),
      ongoing: Type.Boolean({ description: 'L’absence est en cours aujourd’hui (date du serveur)' }),
      tpt: Type.Boolean({ description: 'Un temps partiel thérapeutique de l’absence est en cours aujourd’hui' }),
      nature: Type.String(),
      natureLabel: Type.String(),
    }),
  ),
  motif: Nullable(Type.String({ description: 'Motif du dernier signalement' })),
  signals: Type.Integer(),
  arrets: Type.Integer(),
  sources: Type.Array(Type.Object({ source: Type.String(), label: Type.String() })),
  company: Nullable(Type.Object({ id: Uuid, name: Type.String(), siret: Type.String(), member: Type.Boolean() })),
  earlierDossiers: Type.Integer({ description: 'Dossiers antérieurs (sortis, clos, non retenus, réorientés)' }),
  lastDossier: Nullable(Type.Object({ reference: Type.String(), state: Type.String(), stateLabel: Type.String() })),
  earlierSetAside: Type.Integer({ description: 'Signalements antérieurs non retenus ou hors périmètre' }),
  indexLevel: Nullable(Type.Integer({ description: 'Niveau signé de l’indice (seulement pour les rôles qui peuvent le lire)' })),
  openDossier: Nullable(DossierRef),
  taskDue: Nullable(IsoDate),
  dossierReference: Nullable(Type.String()),
});

const FilterFields = {
  status: Type.Optional(OneOf(TRIAGE_STATUSES)),
  source: Type.Optional(Type.String({ maxLength: 200, description: `Sources séparées par des virgules : ${DOSSIER_ORIGINS.join(', ')}` })),
  member: Type.Optional(OneOf(['oui', 'non'] as const)),
  minDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
};

export const OutOfScopeLine = Type.Object({
  id: Uuid,
  batchId: Uuid,
  line: Type.Integer(),
  issuer: Type.String(),
  messageId: Type.String(),
  arretId: Type.String(),
  messageType: Type.String(),
  siret: Nullable(Type.String()),
  companyName: Nullable(Type.String()),
  startDate: IsoDate,
  receivedAt: Timestamp,
  ...Status,
  answer: Type.String({ description: 'Réponse à l’émetteur' }),
  companyId: Type.Optional(Nullable(Uuid)),
  companyMember: Type.Optional(Nullable(Type.Boolean({ description: 'L’entreprise du SIRET est adhérente aujourd’hui (null : SIRET absent ou inconnu du service)' }))),
});

const TakeOnNote = Type.Object({ id: Uuid, code: Type.String(), message: Type.String() });

export const triage = {
  list: defineOperation({
    method: 'GET',
    path: '/api/v1/triage',
    permission: capability('signal.read'),
    tags,
    summary: '« À qualifier » : un salarié par ligne, avec ce que la cellule décide',
    querystring: Type.Object({
      ...FilterFields,
      sort: Type.Optional(OneOf(['recu', 'absence', 'echeance'] as const)),
      page: PageParam,
      pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    }),
    response: {
      200: Type.Object({
        items: Type.Array(TriageItem),
        total: Type.Integer(),
        page: Type.Integer(),
        pageSize: Type.Integer(),
        counts: Type.Object(Object.fromEntries(TRIAGE_STATUSES.map((s) => [s, Type.Integer()]))),
      }),
      ...Errors(400, 401, 403),
    },
  }),
  decide: defineOperation({
    method: 'POST',
    path: '/api/v1/triage/decisions',
    permission: capability(['dossier.create', 'dossier.transition']),
    tags,
    summary: 'Qualifier des signalements, un par un ou en masse (lignes choisies, ou toutes celles du filtre)',
    description:
      '`ouvrir` (dossier.create : ouvre un dossier par salarié, avec intervenants et référent), `rattacher` (au dossier en cours du salarié), `non_retenu` (motif requis) et `hors_perimetre` (dossier.transition). Soit `ids`, soit `filter` (les filtres de la liste). Une ligne déjà qualifiée est ignorée et signalée dans `skipped`.',
    body: Type.Object({
      action: OneOf(TRIAGE_ACTIONS),
      ids: Type.Optional(Type.Array(Uuid, { maxItems: MAX_BULK_ITEMS })),
      filter: Type.Optional(Type.Object(FilterFields)),
      assigneeIds: Type.Optional(Type.Array(Uuid, { maxItems: 10 })),
      referentId: Type.Optional(Nullable(Uuid)),
      reason: Type.Optional(Nullable(Type.String({ maxLength: MAX_REASON_LENGTH }))),
    }),
    response: {
      200: Type.Object({
        action: Type.String(),
        status: Type.String(),
        decided: Type.Integer(),
        skipped: Type.Array(Type.Object({ id: Uuid, code: Type.String(), message: Type.String() })),
        dossiers: Type.Array(Type.Object({ itemId: Uuid, id: Uuid, reference: Type.String(), opened: Type.Boolean() })),
      }),
      ...Errors(400, 401, 403),
    },
  }),
  outOfScope: defineOperation({
    method: 'GET',
    path: '/api/v1/triage/out-of-scope',
    permission: capability('signal.read'),
    tags,
    summary: 'Lignes du flux hors périmètre (employeur absent ou non adhérent), avec la réponse à l’émetteur',
    querystring: Type.Object({ status: Type.Optional(OneOf(OUT_OF_SCOPE_STATUSES)), page: PageParam }),
    response: {
      200: Type.Object({
        items: Type.Array(OutOfScopeLine),
        page: Type.Integer(),
        pageSize: Type.Integer(),
        counts: Type.Object(Object.fromEntries(OUT_OF_SCOPE_STATUSES.map((s) => [s, Type.Integer()]))),
      }),
      ...Errors(400, 401, 403),
    },
  }),
  outOfScopeLine: defineOperation({
    method: 'GET',
    path: '/api/v1/triage/out-of-scope/:id',
    permission: capability('quarantine.resolve'),
    tags,
    summary: 'Une ligne hors périmètre telle que reçue (identité comprise : lecture tracée)',
    params: Type.Object({ id: Uuid }),
    response: {
      200: Type.Object({
        id: Uuid,
        batchId: Uuid,
        fileName: Nullable(Type.String()),
        line: Type.Integer(),
        issuer: Type.String(),
        messageId: Type.String(),
        ...Status,
        receivedAt: Timestamp,
        resolvedAt: Nullable(Timestamp),
        resolvedByName: Nullable(Type.String()),
        answer: Type.String(),
        company: Nullable(Type.Object({ id: Uuid, name: Type.String(), member: Type.Boolean() })),
        received: Type.Object({
          nir: Type.String(),
          birthName: Type.String(),
          firstNames: Type.String(),
          birthDate: Type.String(),
          sex: Nullable(Type.Integer()),
          siret: Nullable(Type.String()),
          arretId: Type.String(),
          type: Type.String(),
          typeLabel: Type.String(),
          startDate: Nullable(IsoDate),
          expectedEndDate: Nullable(IsoDate),
          actualEndDate: Nullable(IsoDate),
          nature: Type.String(),
          natureLabel: Type.String(),
          motif: Type.String(),
          motifLabel: Type.String(),
          ald: Type.Boolean(),
          tpt: Type.Boolean(),
          consentDate: Nullable(IsoDate),
        }),
      }),
      ...Errors(400, 401, 403, 404),
    },
  }),
  takeOn: defineOperation({
    method: 'POST',
    path: '/api/v1/triage/out-of-scope/take-on',
    permission: capability('dossier.create'),
    tags,
    summary: '« Prendre en charge » des lignes hors périmètre : l’entreprise a adhéré (ou la cellule désigne l’entreprise adhérente)',
    description:
      'Chaque ligne passe par le pipeline du flux comme une ligne dans le périmètre (salarié rapproché par NIR ou créé, identité divergente → « Identités à rapprocher », arrêt, signalement « À qualifier » ou dossier en cours, règles). `companyId` : l’entreprise adhérente du salarié, pour les lignes sans SIRET ou au SIRET inconnu du service. Une ligne déjà prise en charge est laissée telle quelle (`already`) ; une ligne refusée est signalée (`refused`) ; si aucune ligne ne peut être prise en charge : 409 (ENTREPRISE_NON_ADHERENTE, ENTREPRISE_A_DESIGNER…) ou 404 (LIGNE_INTROUVABLE).',
    body: Type.Object({
      ids: Type.Array(Uuid, { minItems: 1, maxItems: MAX_TAKE_ON }),
      companyId: Type.Optional(Nullable(Uuid)),
    }),
    response: {
      200: Type.Object({
        takenOn: Type.Integer(),
        quarantined: Type.Integer({ description: 'Dont lignes mises en quarantaine (identité divergente du salarié connu)' }),
        lines: Type.Array(
          Type.Object({
            id: Uuid,
            outcome: OneOf(['accepte', 'quarantaine'] as const),
            workerId: Nullable(Uuid),
            arretId: Nullable(Uuid),
            triageItemId: Nullable(Uuid),
            dossierId: Nullable(Uuid),
          }),
        ),
        already: Type.Array(TakeOnNote),
        refused: Type.Array(TakeOnNote),
      }),
      ...Errors(400, 401, 403, 404, 409),
    },
  }),
};
