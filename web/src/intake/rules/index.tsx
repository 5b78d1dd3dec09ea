import { can } from '../../auth';
import { Guard } from '../../components/Guard';
import { badge } from '../nav-badge';
import type { IntakeChannel, NavEntry } from '../channel';
import { RulesSettingsPage } from './RulesSettingsPage';
import { TasksPage } from './TasksPage';
import { WorklistsPage } from './WorklistsPage';

/** The rules channel: tasks, saved worklists, the « Règles de détection » of the service. */
export const channel: IntakeChannel = {
  routes: [
    { path: 'taches', element: <Guard any={['task.manage']}><TasksPage /></Guard> },
    { path: 'listes', element: <Guard any={['signal.read']}><WorklistsPage /></Guard> },
    { path: 'regles', element: <Guard any={['settings.manage']}><RulesSettingsPage /></Guard> },
  ],
  nav: (session, counts) => {
    const entries: NavEntry[] = [];
    if (can(session, 'task.manage')) entries.push({ to: '/taches', label: 'Mes tâches', ...badge(counts.overdueTasks, 'en retard') });
    if (can(session, 'signal.read')) entries.push({ to: '/listes', label: 'Listes de travail' });
    if (can(session, 'settings.manage')) entries.push({ to: '/regles', label: 'Règles de détection' });
    return entries;
  },
};
