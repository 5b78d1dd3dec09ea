/** Kysely types of the intake core (migration 0004): arrêts, signals, tasks, settings. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ArretTable {
  tenant_id: string;
  id: Generated<string>;
  worker_id: string;
  source: string;
  emetteur: string | null;
  external_id: string | null;
  nature: string;
  start_date: string;
  expected_end_date: string | null;
  actual_end_date: string | null;
  ald: Generated<boolean>;
  temps_partiel_therapeutique: Generated<boolean>;
  company_id: string | null;
  cancelled_at: Timestamp | null;
  needs_review: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SignalTable {
  tenant_id: string;
  id: Generated<string>;
  worker_id: string;
  dossier_id: string | null;
  source: string;
  kind: string;
  reason: string;
  received_at: Generated<Date>;
  consent_given: boolean;
  consent_date: string | null;
  arret_id: string | null;
  author_user_id: string | null;
  author_organisation_id: string | null;
  origin_table: string | null;
  origin_id: string | null;
  /** The triage item « À qualifier » it joined while the worker had no open dossier (migration 0023). */
  triage_item_id?: string | null;
  created_at: Generated<Date>;
}

export interface TaskTable {
  tenant_id: string;
  id: Generated<string>;
  worker_id: string;
  dossier_id: string | null;
  kind: string;
  title: string;
  due_date: string | null;
  status: Generated<string>;
  owner_user_id: string | null;
  rule_id: string | null;
  subject_ref: string | null;
  created_at: Generated<Date>;
  done_at: Timestamp | null;
  done_by: string | null;
}

export interface TenantSettingTable {
  tenant_id: string;
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Generated<Date>;
  updated_by: string | null;
}

export interface IntakeCoreTables {
  arret: ArretTable;
  signal: SignalTable;
  task: TaskTable;
  tenant_setting: TenantSettingTable;
}
