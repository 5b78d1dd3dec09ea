/**
 * Routes of the plan de maintien (issue 6, part parcours-measures): the catalogue of measures,
 * the measures of a dossier (proposal, approvals, status flow, renewal, sharing), the worker's
 * and the employer's views, manual tasks, the calculators, and the documents (PDF). The
 * operations (paths, schemas, permissions) are in src/contract/parcours/measures.ts.
 */
import { calculators, documents, dossierTasks, invaliditySettings, measures } from '../../../contract/parcours/measures';
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
import type { App, Deps } from '../../deps';
import { route } from '../../route';

export function parcoursMeasuresRoutes(app: App, { database }: Deps): void {
  route(app, measures.catalogue, async (request) => run(database, request, async () => readCatalogue()));

  route(app, measures.listOfDossier, async (request) => run(database, request, (ctx) => listDossierMeasures(ctx, request.params.id)));

  route(app, measures.propose, async (request, reply) =>
    reply.status(201).send(await run(database, request, (ctx) => proposeMeasure(ctx, { dossierId: request.params.id, ...request.body }))),
  );

  route(app, measures.update, async (request) => run(database, request, (ctx) => updateMeasure(ctx, request.params.id, request.body)));

  route(app, measures.transition, async (request) => run(database, request, (ctx) => transitionMeasure(ctx, request.params.id, request.body)));

  route(app, measures.recordApproval, async (request) => run(database, request, (ctx) => recordApproval(ctx, request.params.id, request.body)));

  route(app, measures.renew, async (request) => run(database, request, (ctx) => renewMeasure(ctx, request.params.id, request.body)));

  route(app, measures.mine, async (request) => run(database, request, (ctx) => listMyMeasures(ctx)));

  route(app, measures.employer, async (request) => run(database, request, (ctx) => listEmployerMeasures(ctx)));

  route(app, dossierTasks.create, async (request, reply) =>
    reply.status(201).send(await run(database, request, (ctx) => createTask(ctx, { dossierId: request.params.id, ...request.body }))),
  );

  route(app, calculators.read, async (request) => run(database, request, (ctx) => readDossierCalculators(ctx, request.params.id, request.query.decisionDate)));

  route(app, invaliditySettings.read, async (request) => run(database, request, (ctx) => readInvaliditySettings(ctx)));

  route(app, invaliditySettings.update, async (request) => run(database, request, (ctx) => updateInvaliditySettings(ctx, request.body)));

  route(app, documents.listOfDossier, async (request) => run(database, request, (ctx) => listDossierDocuments(ctx, request.params.id)));

  route(app, documents.generate, async (request, reply) => {
    const kind = request.params.kind.replace(/\.pdf$/, '');
    const doc = await run(database, request, (ctx) => generateDossierDocument(ctx, { dossierId: request.params.id, kind, visitId: request.query.visitId }));
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${doc.fileName}"`).header('cache-control', 'no-store').send(doc.pdf);
  });

  route(app, documents.leaflet, async (request, reply) => {
    const doc = await run(database, request, (ctx) => generateLeaflet(ctx));
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${doc.fileName}"`).header('cache-control', 'no-store').send(doc.pdf);
  });
}
