import type { App, Deps } from '../../deps';

/** Routes of the flux administration (history, reports, quarantine). */
export function fluxAdminRoutes(app: App, deps: Deps): void {
  void app;
  void deps;
}
