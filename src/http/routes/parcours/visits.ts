import type { App, Deps } from '../../deps';

/** parcours / visits: HTTP routes (filled by the part's owner). */
export function parcoursVisitsRoutes(app: App, deps: Deps): void {
  void app;
  void deps;
}
