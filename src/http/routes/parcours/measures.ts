import type { App, Deps } from '../../deps';

/** parcours / measures: HTTP routes (filled by the part's owner). */
export function parcoursMeasuresRoutes(app: App, deps: Deps): void {
  void app;
  void deps;
}
