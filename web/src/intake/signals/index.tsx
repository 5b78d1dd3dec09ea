import { can } from '../../auth';
import { Guard } from '../../components/Guard';
import { badge } from '../nav-badge';
import type { IntakeChannel, NavEntry } from '../channel';
import { DossierSection } from './DossierSection';
import { DeclarePage, EmployerDeclarationsPage } from './EmployerDeclarationsPage';
import { FichesPage, NewFichePage } from './FichesPage';
import { SaisinePage } from './SaisinePage';
import { SignalsPage } from './SignalsPage';

export { DossierSection };

/** The signals intake channel: the cell's signals, employer declarations, fiches de liaison, saisines. */
export const channel: IntakeChannel = {
  routes: [
    { path: 'signaux', element: <Guard any={['signal.read']}><SignalsPage /></Guard> },
    { path: 'employeur/declarations', element: <Guard any={['employer.declare']}><EmployerDeclarationsPage /></Guard> },
    { path: 'employeur/declarations/nouvelle', element: <Guard any={['employer.declare']}><DeclarePage /></Guard> },
    { path: 'partenaire/fiches-liaison', element: <Guard any={['vpr.file']}><FichesPage /></Guard> },
    { path: 'partenaire/fiches-liaison/nouvelle', element: <Guard any={['vpr.file']}><NewFichePage /></Guard> },
    { path: 'carnet/solliciter', element: <Guard any={['saisine.create']}><SaisinePage /></Guard> },
    { path: 'saisir-la-cellule', element: <Guard any={['saisine.create']}><SaisinePage /></Guard> },
  ],
  nav: (session, counts) => {
    const entries: NavEntry[] = [];
    if (can(session, 'signal.read')) entries.push({ to: '/signaux', label: 'Signalements', ...badge(counts.signalsToProcess, 'à traiter') });
    if (can(session, 'employer.declare')) entries.push({ to: '/employeur/declarations', label: 'Mes déclarations' });
    if (can(session, 'vpr.file') && session.user.organisation.kind === 'service_medical') entries.push({ to: '/partenaire/fiches-liaison', label: 'Fiches de liaison' });
    if (can(session, 'saisine.create')) {
      entries.push(can(session, 'worker.space') ? { to: '/carnet/solliciter', label: 'Solliciter la cellule' } : { to: '/saisir-la-cellule', label: 'Saisir la cellule' });
    }
    return entries;
  },
};
