import type { Session } from '../../auth';
import { can } from '../../auth';
import { Guard } from '../../components/Guard';
import { badge } from '../nav-badge';
import type { IntakeChannel, NavCounts, NavEntry } from '../channel';
import { FluxImportPage } from './FluxImportPage';
import { FluxImportsPage } from './FluxImportsPage';
import { QuarantineLinePage } from './QuarantineLinePage';
import { QuarantinePage } from './QuarantinePage';

function nav(session: Session, counts: NavCounts): NavEntry[] {
  const entries: NavEntry[] = [];
  if (can(session, 'flux.history')) entries.push({ to: '/flux/imports', label: 'Imports du flux' });
  if (can(session, 'quarantine.resolve')) entries.push({ to: '/flux/quarantaine', label: 'Identités à rapprocher', ...badge(counts.quarantineToResolve, 'à traiter') });
  return entries;
}

/** AM flux operations: import history, rejection reports, quarantine reconciliation. */
export const channel: IntakeChannel = {
  routes: [
    { path: 'flux/imports', element: <Guard any={['flux.history']}><FluxImportsPage /></Guard> },
    { path: 'flux/imports/:id', element: <Guard any={['flux.history']}><FluxImportPage /></Guard> },
    { path: 'flux/quarantaine', element: <Guard any={['quarantine.resolve']}><QuarantinePage /></Guard> },
    { path: 'flux/quarantaine/:id', element: <Guard any={['quarantine.resolve']}><QuarantineLinePage /></Guard> },
  ],
  nav,
};
