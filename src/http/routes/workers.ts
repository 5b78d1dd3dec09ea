import { companies, workers } from '../../contract/workers';
import { createCompany } from '../../services/company/company-creator';
import { readCompany, searchCompanies } from '../../services/company/company-reader';
import { createWorker } from '../../services/worker/worker-creator';
import { readWorker } from '../../services/worker/worker-reader';
import { searchWorkers } from '../../services/worker/worker-searcher';
import { run } from '../auth';
import type { App, Deps } from '../deps';
import { route } from '../route';

export function workerRoutes(app: App, { database }: Deps) {
  route(app, workers.search, async (request) => run(database, request, (ctx) => searchWorkers(ctx, request.query)));

  route(app, workers.create, async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => createWorker(ctx, request.body))));

  route(app, workers.read, async (request) => run(database, request, (ctx) => readWorker(ctx, request.params.id)));

  route(app, companies.search, async (request) => run(database, request, (ctx) => searchCompanies(ctx, request.query)));

  route(app, companies.create, async (request, reply) => reply.status(201).send(await run(database, request, (ctx) => createCompany(ctx, request.body))));

  route(app, companies.read, async (request) => run(database, request, (ctx) => readCompany(ctx, request.params.id)));
}
