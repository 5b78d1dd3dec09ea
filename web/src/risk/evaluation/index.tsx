import { can } from '../../auth';
import { Guard } from '../../components/Guard';
import type { WebPart } from '../../modules';
import { EvaluationPage } from './EvaluationPage';

/** risk / evaluation: the page « Évaluation de l'indice » (médecins du travail, infirmiers, administrators: risk.evaluate). */
export const part: WebPart = {
  routes: [
    {
      path: 'risque/evaluation',
      element: (
        <Guard any={['risk.evaluate']}>
          <EvaluationPage />
        </Guard>
      ),
    },
  ],
  nav: (session) => (can(session, 'risk.evaluate') ? [{ to: '/risque/evaluation', label: "Évaluation de l'indice" }] : []),
};
