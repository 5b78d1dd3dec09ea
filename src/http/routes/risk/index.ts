import type { App, Deps } from '../../deps';
import { riskQuestionnairesRoutes } from './questionnaires';
import { riskAssessmentRoutes } from './assessment';
import { riskEvaluationRoutes } from './evaluation';
import { riskSuggestionsRoutes } from './suggestions';
import { riskModelRoutes } from './model';

/** Every risk part's routes: one file per part. */
export function riskRoutes(app: App, deps: Deps): void {
  riskQuestionnairesRoutes(app, deps);
  riskAssessmentRoutes(app, deps);
  riskEvaluationRoutes(app, deps);
  riskSuggestionsRoutes(app, deps);
  riskModelRoutes(app, deps);
}
