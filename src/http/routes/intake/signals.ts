import { Type } from '@sinclair/typebox';
import { DOSSIER_ORIGINS } from '../../../domain/dossier/origins';
import { DECLARATION_NATURES, VPR_OUTCOMES } from '../../../domain/intake/declarations';
import { declareArret } from '../../../services/intake/declaration-creator';
import { importDeclarations } from '../../../services/intake/declaration-importer';
import { listMyDeclarations } from '../../../services/intake/declaration-lister';
import { attachDeclarationToWorker, listDeclarationsToVerify } from '../../../services/intake/declaration-verifier';
import { createSaisine } from '../../../services/intake/saisine-creator';
import { listMySaisines, listSaisineWorkers } from '../../../services/intake/saisine-lister';
import { listDossierSignals, listSignals } from '../../../services/intake/signal-lister';
import { SIGNAL_KINDS } from '../../../services/intake/signal-recorder';
import { answerVprOrientation } from '../../../services/intake/vpr-answerer';
import { fileVprOrientation } from '../../../services/intake/vpr-filer';
import { listMyVprOrientations, listVprOrientations } from '../../../services/intake/vpr-lister';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { Errors, IdParams, IsoDate, Nullable, Timestamp, Uuid } from '../../schemas';

const tags = ['Signalements'];

/** A date typed by a person: JJ/MM/AAAA or AAAA-MM-JJ (checked by the service, with its field). */
const TypedDate = Type.String({ maxLength: 20, description: 'JJ/MM/AAAA ou AAAA-MM-JJ' });
const Name = Type.String({ maxLength: 100 });
const Status = { status: Type.String(), statusLabel: Type.String() };

const VprAnswer = Nullable(
  Type.Object({
    outcome: Type.String(),
    outcomeLabel: Type.String(),
    vprDate: Nullable(IsoDate),
    recommendations: Nullable(Type.String({ description: 'Présentes seulement si le salarié ne s’oppose pas à leur transmission (R4624-30)' })),
    answeredAt: Timestamp,
    answeredByName: Nullable(Type.String()),
  }),
);

const Fiche = Type.Object({
  id: Uuid,
  worker: Type.Object({ id: Uuid, displayName: Type.String(), birthDate: IsoDate }),
  reason: Type.String(),
  contact: Type.String(),
  filedByName: Type.String(),
  filedAt: Timestamp,
  consentDate: IsoDate,
  ...Status,
  answer: VprAnswer,
});

const ImportReport = Type.Object({
  lines: Type.Integer(),
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Integer(),
  toVerify: Type.Integer({ description: 'Parmi les acceptées : salarié non identifié, « À vérifier » par la cellule' }),
  warnings: Type.Array(Type.String()),
  rejections: Type.Array(Type.Object({ line: Type.Integer(), code: Type.String(), field: Nullable(Type.String()), message: Type.String() })),
  duplicateLines: Type.Array(Type.Integer()),
});

const DeclarationBody = Type.Object({
  workerId: Type.Optional(Nullable(Uuid)),
  birthName: Type.Optional(Nullable(Name)),
  firstNames: Type.Optional(Nullable(Name)),
  birthDate: Type.Optional(Nullable(TypedDate)),
  nir: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  startDate: TypedDate,
  expectedEndDate: TypedDate,
  nature: Type.String({ maxLength: 40, description: DECLARATION_NATURES.join(' | ') }),
  workerInformedVpr: Type.Optional(Type.Boolean()),
});

/** Routes of the signals intake channel: employer declarations, fiches de liaison, saisines, signal lists. */
export function signalsRoutes(app: App, { database }: Deps): void {
  // ---- Employer declarations ---------------------------------------------------------------
  app.post(
    '/api/v1/employer/declarations',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Déclarer un arrêt de plus de 30 jours (employeur)',
        body: DeclarationBody,
        response: { 201: Type.Object({ id: Uuid, ...Status }), ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => declareArret(ctx, request.body))),
  );

  app.post(
    '/api/v1/employer/declarations/import',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Déposer un fichier CSV de déclarations (nom;prenoms;date_naissance;nir;date_debut;date_fin_prevue;nature)',
        body: Type.Object({
          fileName: Type.Optional(Type.String({ maxLength: 200 })),
          content: Type.String({ maxLength: 900_000, description: 'Contenu du fichier CSV (UTF-8, séparateur « ; »)' }),
          workersInformedVpr: Type.Optional(Type.Boolean()),
        }),
        response: { 200: ImportReport, ...Errors(400, 401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => importDeclarations(ctx, request.body)),
  );

  app.get(
    '/api/v1/employer/declarations',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Mes déclarations (employeur) et leur statut',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
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
              }),
            ),
            minArretDays: Type.Integer({ description: 'Le service demande de déclarer les arrêts de plus de ce nombre de jours (« Règles de détection »)' }),
          }),
          ...Errors(401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listMyDeclarations(ctx)),
  );

  app.get(
    '/api/v1/employer-declarations/to-verify',
    {
      schema: {
        tags,
        summary: 'Déclarations d’employeurs « À vérifier » (salarié non identifié)',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
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
              }),
            ),
          }),
          ...Errors(401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listDeclarationsToVerify(ctx)),
  );

  app.post(
    '/api/v1/employer-declarations/:id/attach',
    {
      schema: {
        tags,
        summary: 'Rattacher une déclaration « À vérifier » à un salarié du service',
        params: IdParams,
        body: Type.Object({ workerId: Uuid }),
        response: { 200: Type.Object({ id: Uuid, dossier: Type.Object({ id: Uuid, reference: Type.String() }) }), ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => run(database, request, (ctx) => attachDeclarationToWorker(ctx, request.params.id, request.body)),
  );

  // ---- Fiches de liaison ---------------------------------------------------------------------
  app.post(
    '/api/v1/vpr-orientations',
    {
      config: { auth: 'session' },
      schema: {
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
      },
    },
    async (request, reply) => {
      const b = request.body;
      return reply.status(201).send(await run(database, request, (ctx) => fileVprOrientation(ctx, { ...b, consentDate: b.consentDate ?? '' })));
    },
  );

  app.get(
    '/api/v1/vpr-orientations',
    {
      schema: {
        tags,
        summary: 'Fiches de liaison reçues par la cellule (answered=false : sans réponse)',
        querystring: Type.Object({ answered: Type.Optional(Type.Boolean()), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })) }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Composite([Fiche, Type.Object({ organisationName: Type.String(), dossier: Nullable(Type.Object({ id: Uuid, reference: Type.String() })) })])),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            pending: Type.Integer(),
          }),
          ...Errors(400, 401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listVprOrientations(ctx, request.query)),
  );

  app.post(
    '/api/v1/vpr-orientations/:id/answer',
    {
      schema: {
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
      },
    },
    async (request) => run(database, request, (ctx) => answerVprOrientation(ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/partner/vpr-orientations',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Mes fiches de liaison (médecin conseil) et les réponses de la cellule',
        response: { 200: Type.Object({ items: Type.Array(Fiche) }), ...Errors(401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => listMyVprOrientations(ctx)),
  );

  // ---- Saisines ------------------------------------------------------------------------------
  app.post(
    '/api/v1/saisines',
    {
      config: { auth: 'session' },
      schema: {
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
        response: { 201: Type.Object({ id: Uuid, ...Status, dossier: Nullable(Type.Object({ id: Uuid, reference: Type.String() })) }), ...Errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => createSaisine(ctx, request.body))),
  );

  app.get(
    '/api/v1/saisines/mine',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Mes saisines de la cellule et leur statut',
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ id: Uuid, workerName: Type.String(), reason: Type.String(), createdAt: Timestamp, ...Status })) }),
          ...Errors(401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listMySaisines(ctx)),
  );

  app.get(
    '/api/v1/saisines/workers',
    {
      config: { auth: 'session' },
      schema: {
        tags,
        summary: 'Salariés que je peux désigner dans une saisine',
        response: {
          200: Type.Object({
            authorKind: Nullable(Type.String()),
            canIdentifyByNir: Type.Boolean(),
            items: Type.Array(Type.Object({ id: Uuid, displayName: Type.String() })),
          }),
          ...Errors(401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listSaisineWorkers(ctx)),
  );

  // ---- Signals -------------------------------------------------------------------------------
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

  app.get(
    '/api/v1/signals',
    {
      schema: {
        tags,
        summary: 'Signalements reçus par la cellule, les plus récents d’abord',
        querystring: Type.Object({
          source: Type.Optional(Type.String({ maxLength: 200, description: `Sources séparées par des virgules : ${DOSSIER_ORIGINS.join(', ')}` })),
          kind: Type.Optional(Type.String({ maxLength: 200, description: `Types séparés par des virgules : ${SIGNAL_KINDS.join(', ')}` })),
          from: Type.Optional(Type.String({ maxLength: 10, description: 'AAAA-MM-JJ (inclus)' })),
          to: Type.Optional(Type.String({ maxLength: 10, description: 'AAAA-MM-JJ (inclus)' })),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                ...SignalBase,
                worker: Type.Object({ id: Uuid, displayName: Type.String() }),
                dossier: Nullable(Type.Object({ id: Uuid, reference: Type.String(), state: Type.String(), stateLabel: Type.String() })),
                vpr: Nullable(Type.Object({ id: Uuid, ...Status })),
              }),
            ),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            pendingVpr: Type.Integer(),
            declarationsToVerify: Type.Integer(),
          }),
          ...Errors(400, 401, 403),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const list = (s?: string) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);
      return run(database, request, (ctx) => listSignals(ctx, { sources: list(q.source), kinds: list(q.kind), from: q.from, to: q.to, page: q.page, pageSize: q.pageSize }));
    },
  );

  app.get(
    '/api/v1/dossiers/:id/signals',
    {
      schema: {
        tags,
        summary: 'Signalements d’un dossier et ses fiches de liaison',
        params: IdParams,
        response: {
          200: Type.Object({
            signals: Type.Array(Type.Object(SignalBase)),
            fiches: Type.Array(
              Type.Object({
                id: Uuid,
                organisationName: Type.String(),
                filedByName: Type.String(),
                contact: Type.String(),
                reason: Type.String(),
                filedAt: Timestamp,
                consentDate: IsoDate,
                ...Status,
                answer: VprAnswer,
                canAnswer: Type.Boolean(),
              }),
            ),
          }),
          ...Errors(400, 401, 404),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listDossierSignals(ctx, request.params.id)),
  );
}
