import type { App, Deps } from '../../deps';

/** Routes of the returns intake channel. */
export function returnsRoutes(app: App, deps: Deps): void {
  void app;
  void deps;
}
