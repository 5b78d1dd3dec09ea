import { can } from '../../auth';
import { Guard } from '../../components/Guard';
import type { WebPart } from '../../modules';
import { HealthModelPage } from './HealthModelPage';

/** risk / model: the page « Modèle de l'indice » — the service's health-record model (risk.configure). */
export const part: WebPart = {
  routes: [
    {
      path: 'risque/modele',
      element: (
        <Guard any={['risk.configure']}>
          <HealthModelPage />
        </Guard>
      ),
    },
  ],
  nav: (session) => (can(session, 'risk.configure') ? [{ to: '/risque/modele', label: "Modèle de l'indice" }] : []),
};
