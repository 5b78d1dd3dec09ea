/** Kysely types of parcours / partners (migration 0017): referrals and secure case messages. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Contract C8: an adressage or a transfer of the lead to a partner organisation. */
export interface ReferralTable {
  tenant_id: string;
  id: Generated<string>;
  dossier_id: string;
  worker_id: string;
  organisation_id: string;
  kind: string;
  stage: string;
  late: boolean;
  status: Generated<string>;
  reason: string;
  response_note: string | null;
  responded_by: string | null;
  responded_by_name: string | null;
  responded_at: Timestamp | null;
  feedback: string | null;
  feedback_by_name: string | null;
  feedback_at: Timestamp | null;
  previous_lead_organisation_id: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Contract C8: one message of the thread (dossier × partner organisation). */
export interface CaseMessageTable {
  tenant_id: string;
  id: Generated<string>;
  dossier_id: string;
  organisation_id: string;
  sender_side: string;
  sender_user_id: string | null;
  sender_name: string;
  body: string;
  created_at: Generated<Date>;
  read_at: Timestamp | null;
}

export interface ParcoursPartnerTables {
  referral: ReferralTable;
  case_message: CaseMessageTable;
}
