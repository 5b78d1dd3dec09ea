/**
 * risk / suggestions (docs/risk-suggestions.md): the worklist « Repérage par l'indice » read from
 * the last `risk score-all` run (/risk/screening), and its recalculation (/risk/screening/runs).
 * Health professionals only (risk.assess).
 */
import { screening } from '../../../contract/risk/suggestions';
import { MaintienError } from '../../../domain/errors';
import { listSuggestions } from '../../../services/risk/suggestions/suggestions-lister';
import { recalculateSuggestions } from '../../../services/risk/suggestions/suggestions-recalculator';
import { run } from '../../auth';
import type { App, Deps } from '../../deps';
import { route } from '../../route';

export function riskSuggestionsRoutes(app: App, { database }: Deps): void {
  route(app, screening.list, async (request) => run(database, request, (ctx) => listSuggestions(ctx, request.query)));

  route(app, screening.run, async (request) => {
    if (!request.principal) throw new MaintienError('unauthenticated', 'NON_AUTHENTIFIE', 'Connectez-vous pour accéder à cette ressource.');
    return recalculateSuggestions(database, request.principal);
  });
}
