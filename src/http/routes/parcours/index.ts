import type { App, Deps } from '../../deps';
import { parcoursMeasuresRoutes } from './measures';
import { parcoursVisitsRoutes } from './visits';
import { parcoursPartnersRoutes } from './partners';

/** Every parcours part's routes: one file per part. */
export function parcoursRoutes(app: App, deps: Deps): void {
  parcoursMeasuresRoutes(app, deps);
  parcoursVisitsRoutes(app, deps);
  parcoursPartnersRoutes(app, deps);
}
