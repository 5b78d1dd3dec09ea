import type { App, Deps } from '../../deps';

/** risk / assessment: HTTP routes (filled by the part's owner). */
export function riskAssessmentRoutes(app: App, deps: Deps): void {
  void app;
  void deps;
}
