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
  route(app, navigation.counts, async (request) => run(database, request, (ctx) => countNavigation(ctx)));
}
