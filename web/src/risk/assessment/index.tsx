import { can } from '../../auth';
import { Guard } from '../../components/Guard';
import type { WebPart } from '../../modules';
import { CarnetRiskSection } from './CarnetRiskSection';
import { DossierRiskSection } from './DossierRiskSection';
import { OrientationSettingsPage } from './OrientationSettingsPage';
import { WorkerRiskSection } from './WorkerRiskSection';

/** risk / assessment: the index on the worker page, the level and orientation on the case page, the worker's own level, the settings. */
export const part: WebPart = {
  routes: [{ path: 'orientation/configuration', element: <Guard any={['risk.configure']}><OrientationSettingsPage /></Guard> }],
  nav: (session) => (can(session, 'risk.configure') ? [{ to: '/orientation/configuration', label: 'Aide à l’orientation' }] : []),
  DossierSection: DossierRiskSection,
  WorkerSection: WorkerRiskSection,
  CarnetSection: CarnetRiskSection,
};
