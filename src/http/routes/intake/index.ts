import type { App, Deps } from '../../deps';
import { fluxRoutes } from './flux';
import { fluxAdminRoutes } from './flux-admin';
import { returnsRoutes } from './returns';
import { rulesRoutes } from './rules';
import { signalsRoutes } from './signals';
import { triageRoutes } from './triage';

/** Every intake channel's routes (issue 4): one file per channel. */
export function intakeRoutes(app: App, deps: Deps) {
  fluxRoutes(app, deps);
  fluxAdminRoutes(app, deps);
  signalsRoutes(app, deps);
  triageRoutes(app, deps);
  rulesRoutes(app, deps);
  returnsRoutes(app, deps);
}
