import { Guard } from '../../components/Guard';
import type { WebPart } from '../../modules';
import { WorkerConsentsSection } from './CellConsents';
import { DossierSection } from './DossierSection';
import { MyConsents } from './MyConsents';
import { PartnerCasePage } from './PartnerCasePage';

/** parcours / partners: consents (carnet, worker and case pages), referrals and chef de file, partner case page, messages. */
export const part: WebPart = {
  routes: [{ path: 'partenaire/dossiers/:id', element: <Guard any={['partner.space']}><PartnerCasePage /></Guard> }],
  DossierSection,
  WorkerSection: WorkerConsentsSection,
  CarnetSection: MyConsents,
};
