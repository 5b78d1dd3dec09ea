/** Kysely types of parcours / visits (migration 0016): visits, staff meetings, exits, inaptitude. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Contract C4. */
export interface VisitTable {
  tenant_id: string;
  id: Generated<string>;
  dossier_id: string;
  worker_id: string;
  kind: string;
  scheduled_at: Timestamp;
  place: Generated<string>;
  professional_user_id: string | null;
  status: Generated<string>;
  outcome: string | null;
  requested_by: string | null;
  return_date: string | null;
  task_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MeetingTable {
  tenant_id: string;
  id: Generated<string>;
  kind: string;
  title: string;
  scheduled_at: Timestamp;
  place: Generated<string>;
  status: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MeetingAttendeeTable {
  tenant_id: string;
  meeting_id: string;
  user_id: string;
  organisation_id: string;
}

export interface MeetingCaseTable {
  tenant_id: string;
  meeting_id: string;
  dossier_id: string;
  position: number;
  minutes: string | null;
  minutes_by: string | null;
  minutes_at: Timestamp | null;
}

export interface MeetingDecisionTable {
  tenant_id: string;
  id: Generated<string>;
  meeting_id: string;
  dossier_id: string;
  text: string;
  owner_user_id: string | null;
  due_date: string | null;
  task_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

/** Contract C6. */
export interface DossierExitTable {
  tenant_id: string;
  dossier_id: string;
  worker_id: string;
  outcome: string;
  exited_at: string;
  note: string | null;
  follow_up_6m_outcome: string | null;
  follow_up_6m_at: string | null;
  follow_up_12m_outcome: string | null;
  follow_up_12m_at: string | null;
  lost_to_follow_up: Generated<boolean>;
  recorded_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface InaptitudeTable {
  tenant_id: string;
  id: Generated<string>;
  worker_id: string;
  dossier_id: string | null;
  company_id: string | null;
  avis_date: string;
  dispense_reclassement: boolean;
  origin: Generated<string>;
  dismissal_date: string | null;
  recorded_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ParcoursVisitTables {
  visit: VisitTable;
  meeting: MeetingTable;
  meeting_attendee: MeetingAttendeeTable;
  meeting_case: MeetingCaseTable;
  meeting_decision: MeetingDecisionTable;
  dossier_exit: DossierExitTable;
  inaptitude: InaptitudeTable;
}
