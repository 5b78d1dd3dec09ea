/**
 * The navigation badges: one request per app shell gives every count the principal may see
 * (a count it may not see is absent).
 */
import { navigation } from '../../contract/navigation';
import { countNavigation } from '../../services/intake/navigation-counter';
import { run } from '../auth';
import type { App, Deps } from '../deps';
import { route } from '../route';

export function navigationRoutes(app: App, { database }: Deps): void {
  route(app, navigation.counts, async (request) => {
    const c = await run(database, request, (ctx) => countNavigation(ctx));
    // The service names the counts in French (services/intake); the API in English. An absent
    // count stays absent.
    return {
      ...(c.tachesEnRetard !== undefined && { overdueTasks: c.tachesEnRetard }),
      ...(c.signalementsATraiter !== undefined && { signalsToProcess: c.signalementsATraiter }),
      ...(c.identitesARapprocher !== undefined && { quarantineToResolve: c.identitesARapprocher }),
      ...(c.retoursEnErreur !== undefined && { amReturnsInError: c.retoursEnErreur }),
    };
  });
}
