/**
 * risk / suggestions (docs/risk-suggestions.md): the worklist « Repérage par l'indice » read from
 * the last `risk score-all` run (/risk/screening), and its recalculation (/risk/screening/runs),
 * started as a job (docs/jobs.md).
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

  // Starts the job and answers at once (202); the page follows it through GET /api/v1/jobs/{id}.
  route(app, screening.run, async (request, reply) => {
    if (!request.principal) throw new MaintienError('unauthenticated', 'NON_AUTHENTIFIE', 'Connectez-vous pour accéder à cette ressource.');
    return reply.status(202).send(await recalculateSuggestions(database, request.principal));
  });
}
