import { useQuery } from '@tanstack/react-query';
import { api, type Session } from '../../api';
import { can } from '../../auth';
import { Guard } from '../../components/Guard';
import type { IntakeChannel, NavEntry } from '../types';
import { RulesSettingsPage } from './RulesSettingsPage';
import { TasksPage } from './TasksPage';
import { WorklistsPage } from './WorklistsPage';
import type { TaskList } from './types';

/**
 * « Mes tâches (N en retard) »: `nav` is called on every render of the app shell, always in the
 * same order, so it may hold this query hook (disabled for those without tasks).
 */
function useMyTaskLabel(session: Session): string {
  const enabled = can(session, 'task.manage');
  const q = useQuery({
    queryKey: ['tasks', 'nav'],
    queryFn: ({ signal }) => api.get<TaskList>('/tasks', { scope: 'mine', pageSize: 1 }, signal),
    enabled,
    staleTime: 60_000,
  });
  const late = q.data?.counts.mineOverdue ?? 0;
  return late > 0 ? `Mes tâches (${late} en retard)` : 'Mes tâches';
}

/** The rules channel: tasks, saved worklists, the « Règles de détection » of the service. */
export const channel: IntakeChannel = {
  routes: [
    { path: 'taches', element: <Guard any={['task.manage']}><TasksPage /></Guard> },
    { path: 'listes', element: <Guard any={['signal.read']}><WorklistsPage /></Guard> },
    { path: 'regles', element: <Guard any={['settings.manage']}><RulesSettingsPage /></Guard> },
  ],
  nav: (session) => {
    const tasksLabel = useMyTaskLabel(session);
    const entries: NavEntry[] = [];
    if (can(session, 'task.manage')) entries.push({ to: '/taches', label: tasksLabel });
    if (can(session, 'signal.read')) entries.push({ to: '/listes', label: 'Listes de travail' });
    if (can(session, 'settings.manage')) entries.push({ to: '/regles', label: 'Règles de détection' });
    return entries;
  },
};
