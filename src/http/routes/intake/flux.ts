import type { App, Deps } from '../../deps';

/** Routes of the flux intake channel. */
export function fluxRoutes(app: App, deps: Deps): void {
  void app;
  void deps;
}
