/**
 * Routes of the plan de maintien (issue 6, part parcours-measures): the catalogue of measures,
 * the measures of a dossier (proposal, approvals, status flow, renewal, sharing), the worker's
 * and the employer's views, manual tasks, the calculators, and the documents (PDF).
 */
import { Type } from '@sinclair/typebox';
import { generateDossierDocument, generateLeaflet, listDossierDocuments } from '../../../services/documents/document-generator';
import { createTask } from '../../../services/intake/task-creator';
import { readCatalogue } from '../../../services/parcours/measures/catalogue-reader';
import { readDossierCalculators, readInvaliditySettings, updateInvaliditySettings } from '../../../services/parcours/measures/calculator-reader';
import { recordApproval } from '../../../services/parcours/measures/measure-approval-recorder';
import { listDossierMeasures, listEmployerMeasures, listMyMeasures } from '../../../services/parcours/measures/measure-lister';
import { proposeMeasure } from '../../../services/parcours/measures/measure-proposer';
import { renewMeasure } from '../../../services/parcours/measures/measure-renewer';
import { transitionMeasure } from '../../../services/parcours/measures/measure-transitioner';
import { updateMeasure } from '../../../services/parcours/measures/measure-updater';
import { run } from '../../auth';
import { Task } from '../intake/rules';
import type { App, Deps } from '../../deps';
import { Errors, IdParams, IsoDate, Nullable, Timestamp, Uuid } from '../../schemas';

const tags = ['Plan de maintien'];
const Text = (max: number) => Type.String({ maxLength: max });
const Labelled = Type.Object({ kind: Type.String(), label: Type.String() });

const Measure = Type.Object({
  id: Uuid,
  dossierId: Uuid,
  code: Type.String(),
  label: Type.String(),
  catalogueVersion: Type.String(),
  legalBasis: Type.Array(Type.String()),
  status: Type.String(),
  statusLabel: Type.String(),
  startDate: IsoDate,
  endDate: Nullable(IsoDate),
  periods: Type.Array(Type.Object({ start: IsoDate, end: Nullable(IsoDate) })),
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
  approvals: Type.Array(
    Type.Object({
      id: Uuid,
      kind: Type.String(),
      kindLabel: Type.String(),
      decision: Type.String(),
      decisionLabel: Type.String(),
      decidedOn: IsoDate,
      byName: Type.String(),
      byOrganisation: Type.String(),
      note: Nullable(Type.String()),
      recordedByName: Type.String(),
      recordedAt: Timestamp,
    }),
  ),
  requiredApprovals: Type.Array(Type.Object({ kind: Type.String(), label: Type.String(), given: Type.Boolean() })),
  missingApprovals: Type.Array(Labelled),
  blockingRule: Nullable(Type.String()),
  allowedTransitions: Type.Array(Type.Object({ to: Type.String(), label: Type.String(), requiresReason: Type.Boolean() })),
  mayRecordApproval: Type.Boolean(),
  mayRenew: Type.Boolean(),
  nextRenewalStart: Nullable(IsoDate),
});

const InvalidityRule = Type.Object({ cutoffDay: Type.Integer(), monthsIfEarly: Type.Integer(), monthsIfLate: Type.Integer() });

const Pdf = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'Document PDF' });

export function parcoursMeasuresRoutes(app: App, { database }: Deps): void {
  app.get(
    '/api/v1/parcours/catalogue',
    {
      schema: {
        tags,
        summary: 'Catalogue des mesures (version, objectif, textes, conditions, durées, accords requis)',
        response: {
          200: Type.Object({
            version: Type.String(),
            publishedOn: Type.String(),
            sources: Type.Array(Type.String()),
            measures: Type.Array(
              Type.Object({
                code: Type.String(),
                label: Type.String(),
                objective: Type.String(),
                legalBasis: Type.Array(Type.String()),
                eligibility: Type.Array(Type.String()),
                requiresArret: Type.Boolean(),
                maxPeriod: Nullable(Type.String()),
                maxRenewals: Nullable(Type.Integer()),
                maxTotal: Nullable(Type.String()),
                approvals: Type.Array(Labelled),
                partners: Type.Array(Type.String()),
                employerVisibleAllowed: Type.Boolean(),
                leaflet: Type.String(),
              }),
            ),
          }),
          ...Errors(401),
        },
      },
    },
    async (request) => run(database, request, async () => readCatalogue()),
  );

  app.get(
    '/api/v1/dossiers/:id/measures',
    { schema: { tags, summary: "Plan de maintien d'un dossier (mesures, accords, actions possibles)", params: IdParams, response: { 200: Type.Object({ items: Type.Array(Measure), mayPropose: Type.Boolean() }), ...Errors(400, 401, 403, 404) } } },
    async (request) => run(database, request, (ctx) => listDossierMeasures(ctx, request.params.id)),
  );

  app.post(
    '/api/v1/dossiers/:id/measures',
    {
      schema: {
        tags,
        summary: 'Proposer une mesure du catalogue (refusée, avec la règle nommée, si elle enfreint une règle du catalogue)',
        params: IdParams,
        body: Type.Object({
          code: Type.String({ maxLength: 40 }),
          startDate: IsoDate,
          endDate: Type.Optional(Nullable(IsoDate)),
          details: Type.Optional(Nullable(Text(2000))),
          employerNote: Type.Optional(Nullable(Text(2000))),
          sharedWithWorker: Type.Optional(Type.Boolean()),
          employerVisible: Type.Optional(Type.Boolean()),
        }),
        response: { 201: Measure, ...Errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => proposeMeasure(ctx, { dossierId: request.params.id, ...request.body }))),
  );

  app.put(
    '/api/v1/measures/:id',
    {
      schema: {
        tags,
        summary: 'Modifier le détail, la note pour l’employeur, le partage avec le salarié ou l’employeur',
        params: IdParams,
        body: Type.Object({
          details: Type.Optional(Nullable(Text(2000))),
          employerNote: Type.Optional(Nullable(Text(2000))),
          sharedWithWorker: Type.Optional(Type.Boolean()),
          employerVisible: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Measure, ...Errors(400, 401, 403, 404) },
      },
    },
    async (request) => run(database, request, (ctx) => updateMeasure(ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/measures/:id/transition',
    {
      schema: {
        tags,
        summary: 'Changer le statut d’une mesure (« accordée » exige tous les accords du catalogue)',
        params: IdParams,
        body: Type.Object({ to: Type.String({ maxLength: 40 }), reason: Type.Optional(Nullable(Text(1000))) }),
        response: { 200: Measure, ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => run(database, request, (ctx) => transitionMeasure(ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/measures/:id/approvals',
    {
      schema: {
        tags,
        summary: 'Enregistrer un accord (ou un refus) : lequel, qui, quand',
        params: IdParams,
        body: Type.Object({
          kind: Type.String({ maxLength: 40 }),
          decision: Type.Union([Type.Literal('accord'), Type.Literal('refus')]),
          decidedOn: IsoDate,
          byName: Text(200),
          byOrganisation: Text(200),
          note: Type.Optional(Nullable(Text(1000))),
        }),
        response: { 200: Measure, ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => run(database, request, (ctx) => recordApproval(ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/measures/:id/renewals',
    {
      schema: {
        tags,
        summary: 'Renouveler une mesure accordée ou en cours (contrôlé par le catalogue)',
        params: IdParams,
        body: Type.Object({ endDate: IsoDate, startDate: Type.Optional(IsoDate) }),
        response: { 200: Measure, ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => run(database, request, (ctx) => renewMeasure(ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/carnet/measures',
    {
      schema: {
        tags,
        summary: 'Mon carnet : mes mesures (celles partagées avec moi)',
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ id: Uuid, label: Type.String(), explanation: Type.String(), status: Type.String(), statusLabel: Type.String(), startDate: IsoDate, endDate: Nullable(IsoDate) })) }),
          ...Errors(401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listMyMeasures(ctx)),
  );

  app.get(
    '/api/v1/employer/measures',
    {
      schema: {
        tags,
        summary: "Espace employeur : mesures qui concernent l'employeur (sans donnée de santé)",
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ id: Uuid, workerName: Type.String(), label: Type.String(), statusLabel: Type.String(), startDate: IsoDate, endDate: Nullable(IsoDate), note: Nullable(Type.String()) })) }),
          ...Errors(401, 403),
        },
      },
    },
    async (request) => run(database, request, (ctx) => listEmployerMeasures(ctx)),
  );

  app.post(
    '/api/v1/dossiers/:id/tasks',
    {
      schema: {
        tags: ['Tâches'],
        summary: 'Ajouter une tâche sur un dossier (intitulé, échéance, responsable)',
        params: IdParams,
        body: Type.Object({ title: Text(200), dueDate: Nullable(IsoDate), ownerId: Nullable(Uuid) }),
        response: { 201: Type.Object({ items: Type.Array(Task) }), ...Errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => createTask(ctx, { dossierId: request.params.id, ...request.body }))),
  );

  app.get(
    '/api/v1/dossiers/:id/calculators',
    {
      schema: {
        tags,
        summary: 'Calculateurs : IJ sur 3 ans glissants, limite ALD, date de début d’une pension d’invalidité',
        params: IdParams,
        querystring: Type.Object({ decisionDate: Type.Optional(IsoDate) }),
        response: {
          200: Type.Object({
            today: IsoDate,
            ij: Type.Object({ consumed: Type.Integer(), limit: Type.Integer(), remaining: Type.Integer(), reached: Type.Boolean(), windowStart: IsoDate, windowEnd: IsoDate }),
            ald: Type.Array(Type.Object({ startDate: IsoDate, endDate: IsoDate, rightsEnd: IsoDate, daysRemaining: Type.Integer(), exhausted: Type.Boolean() })),
            invalidity: Type.Object({ rule: InvalidityRule, decisionDate: Nullable(IsoDate), startDate: Nullable(IsoDate) }),
          }),
          ...Errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => run(database, request, (ctx) => readDossierCalculators(ctx, request.params.id, request.query.decisionDate)),
  );

  const InvaliditySettings = Type.Object({ rule: InvalidityRule, defaultRule: InvalidityRule, updatedAt: Nullable(Timestamp) });
  app.get(
    '/api/v1/settings/invalidity-start',
    { schema: { tags: ['Paramètres'], summary: 'Règle de date de début d’une pension d’invalidité', response: { 200: InvaliditySettings, ...Errors(401, 403) } } },
    async (request) => run(database, request, (ctx) => readInvaliditySettings(ctx)),
  );
  app.put(
    '/api/v1/settings/invalidity-start',
    {
      schema: {
        tags: ['Paramètres'],
        summary: 'Enregistrer la règle de date de début d’une pension d’invalidité',
        body: Type.Object({ cutoffDay: Type.Integer(), monthsIfEarly: Type.Integer(), monthsIfLate: Type.Integer() }),
        response: { 200: InvaliditySettings, ...Errors(400, 401, 403) },
      },
    },
    async (request) => run(database, request, (ctx) => updateInvaliditySettings(ctx, request.body)),
  );

  app.get(
    '/api/v1/dossiers/:id/documents',
    {
      schema: {
        tags: ['Documents'],
        summary: "Documents qu'on peut éditer sur ce dossier",
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ kind: Type.String(), label: Type.String(), available: Type.Boolean(), reason: Nullable(Type.String()), visitId: Nullable(Uuid) })) }), ...Errors(400, 401, 403, 404) },
      },
    },
    async (request) => run(database, request, (ctx) => listDossierDocuments(ctx, request.params.id)),
  );

  app.get(
    '/api/v1/dossiers/:id/documents/:kind',
    {
      schema: {
        tags: ['Documents'],
        summary: 'Éditer un document du dossier en PDF (fiche_liaison, convocation?visitId=…, synthese, courrier_employeur)',
        params: Type.Object({ id: Uuid, kind: Type.String({ maxLength: 40 }) }),
        querystring: Type.Object({ visitId: Type.Optional(Uuid) }),
        produces: ['application/pdf'],
        response: { 200: Pdf, ...Errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const kind = request.params.kind.replace(/\.pdf$/, '');
      const doc = await run(database, request, (ctx) => generateDossierDocument(ctx, { dossierId: request.params.id, kind, visitId: request.query.visitId }));
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${doc.fileName}"`).header('cache-control', 'no-store').send(doc.pdf);
    },
  );

  app.get(
    '/api/v1/documents/livret-mesures.pdf',
    { schema: { tags: ['Documents'], summary: "Livret d'information des salariés en arrêt sur les mesures de maintien en emploi (recommandation IGAS 16)", produces: ['application/pdf'], response: { 200: Pdf, ...Errors(401) } } },
    async (request, reply) => {
      const doc = await run(database, request, (ctx) => generateLeaflet(ctx));
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${doc.fileName}"`).header('cache-control', 'no-store').send(doc.pdf);
    },
  );
}
