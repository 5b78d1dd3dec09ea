/** Shapes of the parcours / visits API (docs/parcours-visits.md). */
export interface Ref {
  id: string;
  displayName: string;
}

export interface Visit {
  id: string;
  dossierId: string;
  workerId: string;
  kind: string;
  kindLabel: string;
  basis: string;
  scheduledAt: string;
  place: string;
  professional: Ref | null;
  status: string;
  statusLabel: string;
  requestedBy: string | null;
  requestedByLabel: string | null;
  returnDate: string | null;
  reprise: { deadline: string; late: boolean; daysLate: number } | null;
  taskId: string | null;
  outcomeVisible: boolean;
  outcome: string | null;
  liaisonOutcome: string | null;
}

export interface DossierVisits {
  items: Visit[];
  openTasks: { id: string; ruleId: string | null; title: string; dueDate: string | null }[];
  repriseDeadlineDays: number;
}

export interface AgendaVisit extends Visit {
  dossierReference: string;
  workerName: string;
}

export interface Appointment {
  id: string;
  kind: string;
  kindLabel: string;
  scheduledAt: string;
  place: string;
  status: string;
  statusLabel: string;
  professionalName?: string | null;
  upcoming?: boolean;
  workerId?: string;
  workerName?: string;
}

export interface MeetingSummary {
  id: string;
  kind: string;
  kindLabel: string;
  title: string;
  scheduledAt: string;
  place: string;
  status: string;
  statusLabel: string;
  caseCount: number | null;
  attendeeCount: number;
}

export interface Organisation {
  id: string;
  name: string;
  kind: string;
}

export interface MeetingCase {
  dossierId: string;
  reference: string;
  state: string;
  stateLabel: string;
  workerName: string;
  minutes: string | null;
  minutesAt: string | null;
  minutesByName: string | null;
  partnersWithoutConsent: string[];
  decisions: { id: string; text: string; owner: Ref | null; dueDate: string | null; taskId: string | null; taskStatus: string | null }[];
}

export interface MeetingPage {
  id: string;
  kind: string;
  kindLabel: string;
  title: string;
  scheduledAt: string;
  place: string;
  status: string;
  statusLabel: string;
  minutesCategory: string;
  canManage: boolean;
  attendees: { id: string; displayName: string; organisation: Organisation }[];
  cases: MeetingCase[];
}

export interface FollowUp {
  horizon: number;
  dueDate: string;
  opensOn: string;
  open: boolean;
  outcome: string | null;
  outcomeLabel: string | null;
  recordedOn: string | null;
  taskId: string | null;
  taskStatus: string | null;
}

export interface DossierExit {
  dossierId: string;
  state: string;
  outcomes: { code: string; label: string }[];
  exit: null | {
    outcome: string;
    outcomeLabel: string;
    exitedAt: string;
    note: string | null;
    lostToFollowUp: boolean;
    followUps: FollowUp[];
  };
}

export interface Inaptitude {
  id: string;
  avisDate: string;
  dispenseReclassement: boolean;
  origin: string;
  originLabel: string;
  dismissalDate: string | null;
  companyName: string | null;
  dossierId: string | null;
}
