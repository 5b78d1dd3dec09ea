import type { App, Deps } from '../../deps';

/** parcours / partners: HTTP routes (filled by the part's owner). */
export function parcoursPartnersRoutes(app: App, deps: Deps): void {
  void app;
  void deps;
}
