import type { App, Deps } from '../../deps';

/** Routes of the rules intake channel. */
export function rulesRoutes(app: App, deps: Deps): void {
  void app;
  void deps;
}
