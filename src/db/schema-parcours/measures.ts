/** Kysely types of the tables of parcours / measures (migration 0015). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface MeasureTable {
  tenant_id: string;
  id: Generated<string>;
  dossier_id: string;
  worker_id: string;
  catalogue_code: string;
  catalogue_version: string;
  status: Generated<string>;
  start_date: string;
  end_date: string | null;
  /** The first period, each renewal, and the further fractions of an essai (`fraction: true`). */
  periods: Json<Array<{ start: string; end: string | null; fraction?: boolean }>>;
  renewals: Generated<number>;
  /** CRPE: {basis, attestedOn, validUntil} (migration 0022); null otherwise. */
  eligibility: ColumnType<unknown | null, string | null | undefined, string | null>;
  details: string | null;
  employer_note: string | null;
  shared_with_worker: Generated<boolean>;
  employer_visible: Generated<boolean>;
  status_reason: string | null;
  proposed_by: string | null;
  proposed_by_name: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  ended_at: Timestamp | null;
}

export interface MeasureApprovalTable {
  tenant_id: string;
  id: Generated<string>;
  measure_id: string;
  kind: string;
  decision: string;
  decided_on: string;
  by_name: string;
  by_organisation: string;
  note: string | null;
  recorded_by: string | null;
  recorded_by_name: string;
  recorded_at: Generated<Date>;
}

export interface ParcoursMeasureTables {
  measure: MeasureTable;
  measure_approval: MeasureApprovalTable;
}
