/** Kysely types of the signals intake tables (migration 0007): declarations, fiches de liaison, saisines. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface EmployerDeclarationTable {
  tenant_id: string;
  id: Generated<string>;
  company_id: string;
  worker_id: string | null;
  status: Generated<string>;
  birth_name: string;
  first_names: string;
  birth_date: string;
  nir: string | null;
  identity_key: string;
  start_date: string;
  expected_end_date: string;
  nature: string;
  worker_informed_vpr: Generated<boolean>;
  channel: string;
  arret_id: string | null;
  signal_id: string | null;
  dossier_id: string | null;
  declared_by: string | null;
  declared_at: Generated<Date>;
  resolved_by: string | null;
  resolved_at: Timestamp | null;
}

export interface VprOrientationTable {
  tenant_id: string;
  id: Generated<string>;
  worker_id: string;
  organisation_id: string;
  filed_by: string | null;
  filed_by_name: string;
  contact: string;
  reason: string;
  consent_date: string;
  status: Generated<string>;
  vpr_date: string | null;
  non_objection: Generated<boolean>;
  recommendations: string | null;
  answered_by: string | null;
  answered_by_name: string | null;
  answered_at: Timestamp | null;
  signal_id: string | null;
  dossier_id: string | null;
  filed_at: Generated<Date>;
}

export interface SaisineTable {
  tenant_id: string;
  id: Generated<string>;
  worker_id: string;
  author_kind: string;
  author_user_id: string | null;
  author_organisation_id: string;
  author_name: string;
  reason: string;
  signal_id: string | null;
  dossier_id: string | null;
  created_at: Generated<Date>;
}

export interface IntakeSignalsTables {
  employer_declaration: EmployerDeclarationTable;
  vpr_orientation: VprOrientationTable;
  saisine: SaisineTable;
}
