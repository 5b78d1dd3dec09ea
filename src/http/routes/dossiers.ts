import { dossiers } from '../../contract/dossiers';
import { assignDossier } from '../../services/dossier/dossier-assigner';
import { listDossiers } from '../../services/dossier/dossier-lister';
import { openDossier } from '../../services/dossier/dossier-opener';
import { readDossier } from '../../services/dossier/dossier-reader';
import { transitionDossier } from '../../services/dossier/dossier-transitioner';
import { addEntry } from '../../services/dossier/entry-adder';
import { run } from '../auth';
import type { App, Deps } from '../deps';
import { commaList, route } from '../route';

export function dossierRoutes(app: App, { database }: Deps) {
  route(app, dossiers.list, async (request) => {
    const q = request.query;
    const states = commaList(q.state);
    return run(database, request, (ctx) =>
      listDossiers(ctx, { scope: q.scope ?? (request.principal?.kind === 'token' ? 'service' : 'mine'), states, assigneeId: q.assignee, overdue: q.overdue, q: q.q, sort: q.sort, order: q.order, page: q.page, pageSize: q.pageSize }),
    );
  });

  route(app, dossiers.open, async (request, reply) => {
    const created = await run(database, request, (ctx) => openDossier(ctx, request.body));
    return reply.status(201).send(created);
  });

  route(app, dossiers.read, async (request) => run(database, request, (ctx) => readDossier(ctx, request.params.id)));

  route(app, dossiers.transition, async (request) =>
    run(database, request, async (ctx) => {
      await transitionDossier(ctx, request.params.id, request.body);
      return readDossier(ctx, request.params.id);
    }),
  );

  route(app, dossiers.addEntry, async (request, reply) => {
    const entry = await run(database, request, (ctx) => addEntry(ctx, request.params.id, request.body));
    return reply.status(201).send(entry);
  });

  route(app, dossiers.assign, async (request) =>
    run(database, request, async (ctx) => {
      await assignDossier(ctx, request.params.id, request.body);
      return readDossier(ctx, request.params.id);
    }),
  );
}
