/** Kysely types of the returns to the Assurance maladie (migration 0009). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AmReturnTable {
  tenant_id: string;
  id: Generated<string>;
  message_id: string;
  seq: number;
  dossier_id: string;
  worker_id: string;
  arret_id: string;
  destinataire: string;
  id_arret: string;
  type_code: string;
  accompaniment_date: string;
  comment: Generated<string>;
  job_title: string | null;
  job_pcs: string | null;
  job_rome: string | null;
  working_conditions: string | null;
  status: Generated<string>;
  channel: string | null;
  job_included: boolean | null;
  transmissions: Generated<number>;
  transmitted_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  error: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface IntakeReturnsTables {
  am_return: AmReturnTable;
}
