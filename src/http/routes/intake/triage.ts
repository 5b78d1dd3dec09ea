/** Routes of the triage « À qualifier » and of the flux lines out of the service's scope. */
import { triage } from '../../../contract/intake/triage';
import { decideTriage } from '../../../services/intake/triage-decider';
import { readOutOfScopeLine, takeOnOutOfScope } from '../../../services/intake/out-of-scope-taker';
import { listOutOfScope, listTriage } from '../../../services/intake/triage-lister';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { commaList, route } from '../../route';

export function triageRoutes(app: App, { database }: Deps): void {
  route(app, triage.list, async (request) => {
    const q = request.query;
    return run(database, request, (ctx) => listTriage(ctx, { ...q, source: commaList(q.source) }));
  });
  route(app, triage.decide, async (request) => {
    const b = request.body;
    const filter = b.filter ? { ...b.filter, source: commaList(b.filter.source) } : undefined;
    return run(database, request, (ctx) => decideTriage(ctx, { ...b, filter }));
  });
  route(app, triage.outOfScope, async (request) => run(database, request, (ctx) => listOutOfScope(ctx, request.query)));
  route(app, triage.outOfScopeLine, async (request) => run(database, request, (ctx) => readOutOfScopeLine(ctx, request.params.id)));
  route(app, triage.takeOn, async (request) => run(database, request, (ctx) => takeOnOutOfScope(ctx, database.pglite, request.body)));
}
