/**
 * Routes of the rules channel: tasks (« Mes tâches », « Tâches de l'équipe », a dossier's
 * tasks), saved worklists (the Assurance maladie's weekly queries) and the service's
 * « Règles de détection ».
 */
import { intakeRules, tasks, worklists } from '../../../contract/intake/rules';
import { closeTask } from '../../../services/intake/task-completer';
import { assignTask } from '../../../services/intake/task-assigner';
import { listDossierTasks, listTasks } from '../../../services/intake/task-lister';
import { listWorklists, readWorklist } from '../../../services/intake/worklist-reader';
import { readRulesSettings } from '../../../services/intake/rules-settings-reader';
import { updateRulesSettings } from '../../../services/intake/rules-settings-updater';
import { miCarriereScheduler } from '../../../services/intake/mi-carriere-scheduler';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { route } from '../../route';

export function rulesRoutes(app: App, { database }: Deps): void {
  route(app, tasks.list, async (request) => {
    const q = request.query;
    return run(database, request, (ctx) => listTasks(ctx, { scope: q.scope ?? 'mine', status: q.status, overdue: q.overdue, owner: q.owner, page: q.page, pageSize: q.pageSize }));
  });
  route(app, tasks.done, async (request) => run(database, request, (ctx) => closeTask(ctx, request.params.id, 'fait')));
  route(app, tasks.cancel, async (request) => run(database, request, (ctx) => closeTask(ctx, request.params.id, 'annule')));
  route(app, tasks.assign, async (request) => run(database, request, (ctx) => assignTask(ctx, request.params.id, request.body.ownerId)));
  route(app, tasks.scheduleMiCarriere, async (request) => run(database, request, (ctx) => miCarriereScheduler(ctx)));
  route(app, tasks.ofDossier, async (request) => run(database, request, (ctx) => listDossierTasks(ctx, request.params.id)));

  route(app, worklists.list, async (request) => run(database, request, (ctx) => listWorklists(ctx)));
  route(app, worklists.read, async (request) => run(database, request, (ctx) => readWorklist(ctx, request.params.key, request.query.page)));

  route(app, intakeRules.read, async (request) => run(database, request, (ctx) => readRulesSettings(ctx)));
  route(app, intakeRules.update, async (request) => run(database, request, (ctx) => updateRulesSettings(ctx, request.body.values)));
}
