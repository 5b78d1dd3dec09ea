import { useQuery } from '@tanstack/react-query';
import { api, type Session } from '../../api';
import { can } from '../../auth';
import { Guard } from '../../components/Guard';
import type { IntakeChannel, NavEntry } from '../types';
import { FluxImportPage } from './FluxImportPage';
import { FluxImportsPage } from './FluxImportsPage';
import { QuarantineLinePage } from './QuarantineLinePage';
import { QuarantinePage } from './QuarantinePage';

/**
 * The count shown in the navigation entry. `nav` runs while the app shell renders
 * (useNavEntries), always once per render and in the same order, so it may use a hook.
 */
function useQuarantineCount(enabled: boolean): number | null {
  const q = useQuery({
    queryKey: ['flux-quarantine-count'],
    queryFn: ({ signal }) => api.get<{ aTraiter: number }>('/flux/quarantine/count', undefined, signal),
    enabled,
    staleTime: 60_000,
  });
  return enabled && q.data ? q.data.aTraiter : null;
}

function nav(session: Session): NavEntry[] {
  const resolver = can(session, 'quarantine.resolve');
  const count = useQuarantineCount(resolver);
  const entries: NavEntry[] = [];
  if (can(session, 'flux.history')) entries.push({ to: '/flux/imports', label: 'Imports du flux' });
  if (resolver) entries.push({ to: '/flux/quarantaine', label: count ? `Identités à rapprocher (${count})` : 'Identités à rapprocher' });
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
