/**
 * Kysely table types. One interface per table of src/db/migrations; columns with a
 * database default are `Generated`. Dates (SQL `date`) travel as 'YYYY-MM-DD' strings,
 * timestamps as `Date`, bigint counters as numbers (see the type parsers in connection.ts).
 */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateString = string;

export interface TenantTable {
  id: Generated<string>;
  slug: string;
  name: string;
  created_at: Generated<Date>;
}

export interface TenantCounterTable {
  tenant_id: string;
  name: string;
  value: Generated<number>;
}

export interface CompanyTable {
  tenant_id: string;
  id: Generated<string>;
  siret: string;
  siren: string;
  name: string;
  naf: string | null;
  workforce: number | null;
  /** A member company (adhérent) of the service: its workers are in scope (migration 0023). */
  member: Generated<boolean>;
  postal_code: string | null;
  city: string | null;
  created_at: Generated<Date>;
}

export interface OrganisationTable {
  tenant_id: string;
  id: Generated<string>;
  kind: string;
  name: string;
  company_id: string | null;
  created_at: Generated<Date>;
}

export interface WorkerTable {
  tenant_id: string;
  id: Generated<string>;
  nir: string | null;
  identity_status: Generated<string>;
  birth_name: string;
  usage_name: string | null;
  first_names: string;
  birth_date: DateString;
  sex: number;
  email: string | null;
  phone: string | null;
  postal_code: string | null;
  city: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** Normalised names for search (generated column, migration 0003). */
  search_text: Generated<string>;
}

export interface EmploymentTable {
  tenant_id: string;
  id: Generated<string>;
  worker_id: string;
  company_id: string;
  job_title: string;
  pcs: string | null;
  contract_type: Generated<string>;
  start_date: DateString;
  end_date: DateString | null;
  created_at: Generated<Date>;
}

export interface AppUserTable {
  tenant_id: string;
  id: Generated<string>;
  email: string;
  display_name: string;
  password_hash: string;
  worker_id: string | null;
  disabled_at: Date | null;
  last_login_at: Date | null;
  created_at: Generated<Date>;
}

/** Failed logins per (e-mail, client address), keyed by their SHA-256 (migration 0019). */
export interface LoginThrottleTable {
  key: string;
  failures: Generated<number>;
  last_failure_at: Date;
  locked_until: Date | null;
}

export interface MembershipTable {
  tenant_id: string;
  id: Generated<string>;
  user_id: string;
  organisation_id: string;
  role: string;
  created_at: Generated<Date>;
}

export interface SessionTable {
  id: string;
  tenant_id: string;
  user_id: string;
  membership_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface ApiTokenTable {
  tenant_id: string;
  id: Generated<string>;
  name: string;
  token_hash: string;
  scopes: string[];
  organisation_id: string;
  created_by: string | null;
  created_at: Generated<Date>;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface DossierTable {
  tenant_id: string;
  id: Generated<string>;
  reference: string;
  worker_id: string;
  state: Generated<string>;
  origin: string;
  summary: Generated<string>;
  lead_organisation_id: string | null;
  fragility_level: string | null;
  next_due_date: DateString | null;
  opened_at: Generated<Date>;
  opened_by: string | null;
  state_changed_at: Generated<Date>;
  closed_at: Timestamp | null;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface DossierAssignmentTable {
  tenant_id: string;
  dossier_id: string;
  user_id: string;
  is_referent: Generated<boolean>;
  assigned_at: Generated<Date>;
  /** Copies of the dossier's state and deadline, kept by triggers (migration 0002). */
  state: Generated<string>;
  next_due_date: Generated<string | null>;
}

export interface DossierTransitionTable {
  tenant_id: string;
  id: Generated<string>;
  dossier_id: string;
  from_state: string | null;
  to_state: string;
  reason: string | null;
  actor_user_id: string | null;
  at: Generated<Date>;
}

export interface TimelineEntryTable {
  tenant_id: string;
  id: Generated<string>;
  dossier_id: string;
  kind: string;
  category: string;
  title: string | null;
  body: string;
  shared_with_worker: Generated<boolean>;
  author_user_id: string | null;
  author_name: string | null;
  created_at: Generated<Date>;
}

export interface ConsentTable {
  tenant_id: string;
  id: Generated<string>;
  worker_id: string;
  purpose: string;
  recipient_organisation_id: string;
  granted_at: Generated<Date>;
  withdrawn_at: Timestamp | null;
  recorded_by: string | null;
  source: Generated<string>;
  withdrawn_by?: string | null;
  withdrawal_source?: string | null;
}

export interface AuditEventTable {
  tenant_id: string;
  seq: number;
  at: Timestamp;
  actor_user_id: string | null;
  actor_token_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  category: string | null;
  purpose: string | null;
  details: ColumnType<Record<string, unknown>, string, string>;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  tenant_id: string;
  seq: number;
  hash: string;
}

export interface SchemaMigrationTable {
  name: string;
  applied_at: Generated<Date>;
}

/** Jobs (migration 0020_jobs, docs/jobs.md): long work recorded, claimed by a runner, resumed. */
export interface JobTable {
  tenant_id: string;
  id: Generated<string>;
  kind: string;
  state: Generated<string>;
  params: ColumnType<Record<string, unknown>, string | undefined, string>;
  started_by: ColumnType<Record<string, unknown>, string, string>;
  started_by_label: string;
  done: Generated<number>;
  total: number | null;
  counts: ColumnType<Record<string, number>, string | undefined, string>;
  cursor: ColumnType<unknown, string | null | undefined, string | null>;
  result: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  summary: string | null;
  error_code: string | null;
  error_message: string | null;
  claim: string | null;
  runner: string | null;
  attempts: Generated<number>;
  heartbeat_at: Timestamp | null;
  attempt_started_at: Timestamp | null;
  attempt_done_start: Generated<number>;
  progress_at: Timestamp | null;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

import type { IntakeCoreTables } from './schema-intake/core';
import type { IntakeFluxTables } from './schema-intake/flux';
import type { IntakeReturnsTables } from './schema-intake/returns';
import type { IntakeRulesTables } from './schema-intake/rules';
import type { IntakeSignalsTables } from './schema-intake/signals';
import type { IntakeTriageTables } from './schema-intake/triage';
import type { ParcoursMeasureTables } from './schema-parcours/measures';
import type { ParcoursPartnerTables } from './schema-parcours/partners';
import type { ParcoursVisitTables } from './schema-parcours/visits';
import type { RiskAssessmentTables } from './schema-risk/assessment';
import type { RiskQuestionnaireTables } from './schema-risk/questionnaires';

export interface DB
  extends IntakeCoreTables,
    IntakeFluxTables,
    IntakeSignalsTables,
    IntakeRulesTables,
    IntakeReturnsTables,
    IntakeTriageTables,
    RiskQuestionnaireTables,
    RiskAssessmentTables,
    ParcoursMeasureTables,
    ParcoursVisitTables,
    ParcoursPartnerTables {
  tenant: TenantTable;
  tenant_counter: TenantCounterTable;
  company: CompanyTable;
  organisation: OrganisationTable;
  worker: WorkerTable;
  employment: EmploymentTable;
  app_user: AppUserTable;
  login_throttle: LoginThrottleTable;
  membership: MembershipTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  dossier: DossierTable;
  dossier_assignment: DossierAssignmentTable;
  dossier_transition: DossierTransitionTable;
  timeline_entry: TimelineEntryTable;
  consent: ConsentTable;
  audit_event: AuditEventTable;
  audit_head: AuditHeadTable;
  schema_migration: SchemaMigrationTable;
  job: JobTable;
}
