import { can } from '../../auth';
import { Guard } from '../../components/Guard';
import { badge } from '../nav-badge';
import type { IntakeChannel } from '../channel';
import { ReturnsPage } from './ReturnsPage';

/** Returns to the Assurance maladie: the page « Retours à l'Assurance maladie » (cell staff). */
export const channel: IntakeChannel = {
  routes: [
    {
      path: 'retours-am',
      element: (
        <Guard any={['amreturn.manage']}>
          <ReturnsPage />
        </Guard>
      ),
    },
  ],
  nav: (session, counts) =>
    can(session, 'amreturn.manage') ? [{ to: '/retours-am', label: "Retours à l'Assurance maladie", ...badge(counts.amReturnsInError, 'en erreur') }] : [],
};
