import { spaces } from '../../contract/spaces';
import { readEmployerSpace } from '../../services/spaces/employer-space';
import { listPartnerDossiers } from '../../services/spaces/partner-dossiers';
import { readCarnet } from '../../services/spaces/worker-carnet';
import { run } from '../auth';
import type { App, Deps } from '../deps';
import { route } from '../route';

export function spaceRoutes(app: App, { database }: Deps) {
  route(app, spaces.employer, async (request) => run(database, request, (ctx) => readEmployerSpace(ctx)));
  route(app, spaces.carnet, async (request) => run(database, request, (ctx) => readCarnet(ctx)));
  route(app, spaces.partnerDossiers, async (request) => run(database, request, (ctx) => listPartnerDossiers(ctx)));
}
