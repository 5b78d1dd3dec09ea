import type { App, Deps } from '../../deps';

/** risk / evaluation: HTTP routes (filled by the part's owner). */
export function riskEvaluationRoutes(app: App, deps: Deps): void {
  void app;
  void deps;
}
