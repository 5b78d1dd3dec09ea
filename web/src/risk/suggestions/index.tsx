import { can } from '../../auth';
import { Guard } from '../../components/Guard';
import type { WebPart } from '../../modules';
import { SuggestionsPage } from './SuggestionsPage';

/** risk / suggestions: « Repérage par l'indice », the high suggested levels not signed lately (médecin, infirmier: risk.assess). */
export const part: WebPart = {
  routes: [
    {
      path: 'risque/reperage',
      element: (
        <Guard any={['risk.assess']}>
          <SuggestionsPage />
        </Guard>
      ),
    },
  ],
  nav: (session) => (can(session, 'risk.assess') ? [{ to: '/risque/reperage', label: "Repérage par l'indice" }] : []),
};
