import type { App, Deps } from '../../deps';

/** risk / questionnaires: HTTP routes (filled by the part's owner). */
export function riskQuestionnairesRoutes(app: App, deps: Deps): void {
  void app;
  void deps;
}
