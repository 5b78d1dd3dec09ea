/** Kysely types of the AM flux tables (migration 0005; staging tables come with the pipeline). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface ImportBatchTable {
  tenant_id: string;
  id: Generated<string>;
  channel: Generated<string>;
  file_name: string;
  file_sha256: string;
  format: string;
  emetteur: string | null;
  status: Generated<string>;
  lines_done: Generated<number>;
  lines: Generated<number>;
  accepted: Generated<number>;
  duplicates: Generated<number>;
  rejected: Generated<number>;
  quarantined: Generated<number>;
  /** Lines whose employer is not a member company (migration 0023). */
  out_of_scope: Generated<number>;
  warnings: Generated<Json>;
  file_date: string;
  error: string | null;
  actor_label: string;
  actor_user_id: string | null;
  actor_token_id: string | null;
  started_at: Generated<Date>;
  finished_at: Timestamp | null;
}

export interface FluxMessageTable {
  tenant_id: string;
  emetteur: string;
  id_message: string;
  content_hash: string;
  batch_id: string;
  line: number;
  outcome: string;
  arret_id: string | null;
  worker_id: string | null;
  received_at: Generated<Date>;
}

export interface ImportRejectionTable {
  tenant_id: string;
  batch_id: string;
  line: number;
  emetteur: string | null;
  id_message: string | null;
  code: string;
  field: string | null;
  message: string;
}

export interface FluxQuarantineTable {
  tenant_id: string;
  id: Generated<string>;
  batch_id: string;
  line: number;
  emetteur: string;
  id_message: string;
  code: Generated<string>;
  payload: Json;
  worker_id: string | null;
  status: Generated<string>;
  resolution_note: string | null;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
  created_at: Generated<Date>;
}

export interface IntakeFluxTables {
  import_batch: ImportBatchTable;
  flux_message: FluxMessageTable;
  import_rejection: ImportRejectionTable;
  flux_quarantine: FluxQuarantineTable;
}
