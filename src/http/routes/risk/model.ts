/**
 * risk / model (docs/risk-index.md): the service's health-record model (component 1 of the index,
 * contract C3) — which model is in use, installing a model file, going back to the default one.
 */
import { healthModel } from '../../../contract/risk/model';
import { installHealthModel, readHealthModelSettings, resetHealthModel } from '../../../services/risk/model/health-model-settings';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { route } from '../../route';

export function riskModelRoutes(app: App, { database }: Deps): void {
  route(app, healthModel.read, async (request) => run(database, request, (ctx) => readHealthModelSettings(ctx)));
  route(app, healthModel.install, async (request) => run(database, request, (ctx) => installHealthModel(ctx, request.body)));
  route(app, healthModel.reset, async (request) => run(database, request, (ctx) => resetHealthModel(ctx)));
}
