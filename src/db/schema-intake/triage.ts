/** Kysely types of the triage « À qualifier » and the flux lines out of the service's scope (migration 0023). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface TriageItemTable {
  tenant_id: string;
  id: Generated<string>;
  worker_id: string;
  status: Generated<string>;
  first_received_at: Timestamp;
  last_received_at: Timestamp;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_reason: string | null;
  dossier_id: string | null;
  created_at: Timestamp;
}

export interface FluxOutOfScopeTable {
  tenant_id: string;
  id: Generated<string>;
  batch_id: string;
  line: number;
  emetteur: string;
  id_message: string;
  id_arret: string;
  type_message: string;
  siret: string | null;
  start_date: string;
  payload: Json;
  status: Generated<string>;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  created_at: Timestamp;
}

export interface IntakeTriageTables {
  triage_item: TriageItemTable;
  flux_out_of_scope: FluxOutOfScopeTable;
}
