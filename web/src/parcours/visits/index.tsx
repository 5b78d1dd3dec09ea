import { can } from '../../auth';
import { Guard } from '../../components/Guard';
import type { WebPart } from '../../modules';
import { AgendaPage } from './AgendaPage';
import { DossierMeetings } from './DossierMeetings';
import { ExitSection } from './ExitSection';
import { LostPage, ReviewPage } from './FollowUpPages';
import { InaptitudeSection } from './InaptitudeSection';
import { MeetingPage } from './MeetingPage';
import { MeetingsPage } from './MeetingsPage';
import { CarnetAppointments, EmployerVisits, PartnerMeetings } from './SpaceSections';
import { VisitsSection } from './VisitsSection';

function DossierSection({ dossierId }: { dossierId: string }) {
  return (
    <>
      <VisitsSection dossierId={dossierId} />
      <DossierMeetings dossierId={dossierId} />
      <ExitSection dossierId={dossierId} />
    </>
  );
}

/** parcours / visits: visits and agenda, staff meetings, exit and follow-up, inaptitude (docs/parcours-visits.md). */
export const part: WebPart = {
  routes: [
    { path: 'visites/agenda', element: <Guard any={['visit.manage']}><AgendaPage /></Guard> },
    { path: 'instances', element: <Guard any={['meeting.manage', 'meeting.attend']}><MeetingsPage /></Guard> },
    { path: 'instances/:id', element: <Guard any={['meeting.manage', 'meeting.attend']}><MeetingPage /></Guard> },
    { path: 'suivi/perdus-de-vue', element: <Guard any={['followup.manage']}><LostPage /></Guard> },
    { path: 'inaptitudes/revue', element: <Guard any={['inaptitude.manage']}><ReviewPage /></Guard> },
  ],
  nav: (session) => {
    const entries: ReturnType<NonNullable<WebPart['nav']>> = [];
    if (can(session, 'visit.manage')) entries.push({ to: '/visites/agenda', label: 'Agenda des visites' });
    if (can(session, 'meeting.manage')) entries.push({ to: '/instances', label: 'Instances' });
    if (can(session, 'followup.manage')) entries.push({ to: '/suivi/perdus-de-vue', label: 'Perdus de vue' });
    if (can(session, 'inaptitude.manage')) entries.push({ to: '/inaptitudes/revue', label: 'Revue des inaptitudes' });
    return entries;
  },
  DossierSection,
  WorkerSection: InaptitudeSection,
  CarnetSection: CarnetAppointments,
  EmployerSection: EmployerVisits,
  PartnerSection: PartnerMeetings,
};
