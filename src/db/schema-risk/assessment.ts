/** Kysely types of the tables of risk / assessment (migration 0014, docs/risk-index.md). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface WorkerHealthProfileTable {
  tenant_id: string;
  worker_id: string;
  csp: string | null;
  cim_chapters: Generated<string[]>;
  exposures: Generated<string[]>;
  ald: Generated<boolean>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface RiskAssessmentTable {
  tenant_id: string;
  id: Generated<string>;
  worker_id: string;
  dossier_id: string | null;
  algorithm_id: string;
  algorithm_version: string;
  inputs: Json;
  sub_scores: Json;
  suggested_level: number;
  final_level: number;
  inaptitude_risk_level: number;
  rationale: string | null;
  author_user_id: string | null;
  author_name: string;
  signed_at: Timestamp;
  created_at: Generated<Date>;
}

export interface OrientationDecisionTable {
  tenant_id: string;
  id: Generated<string>;
  dossier_id: string;
  worker_id: string;
  kind: string;
  value: string;
  rule_id: string | null;
  assessment_id: string | null;
  decision: string;
  reason: string | null;
  decided_by: string | null;
  decided_by_name: string;
  decided_at: Timestamp;
}

/** One row per worker: the suggestion of the tenant's last `risk score-all` run (migration 0018). */
export interface RiskScoreTable {
  tenant_id: string;
  worker_id: string;
  health_probability: number;
  suggested_level: number;
}

/** The tenant's last `risk score-all` run: what its risk_score rows have in common. */
export interface RiskScoreRunTable {
  tenant_id: string;
  algorithm_id: string;
  algorithm_version: string;
  model_id: string;
  model_version: string;
  model_validated: boolean;
  computed_at: Timestamp;
  workers: number;
  level_counts: number[];
}

export interface RiskAssessmentTables {
  worker_health_profile: WorkerHealthProfileTable;
  risk_assessment: RiskAssessmentTable;
  orientation_decision: OrientationDecisionTable;
  risk_score: RiskScoreTable;
  risk_score_run: RiskScoreRunTable;
}
