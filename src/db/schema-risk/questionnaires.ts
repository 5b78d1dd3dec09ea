/** Kysely types of the tables of risk / questionnaires (migration 0013, contract C1). */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface QuestionnaireResponseTable {
  tenant_id: string;
  id: Generated<string>;
  questionnaire: string;
  version: number;
  worker_id: string | null;
  company_id: string | null;
  dossier_id: string | null;
  respondent: string;
  status: string;
  answers: JSONColumnType<Record<string, unknown>, string, string>;
  /** numeric: read as a string by pg, written as a number. */
  score: ColumnType<string | number | null, number | null | undefined, number | null>;
  category: string | null;
  entered_by: string | null;
  link_id: string | null;
  started_at: Timestamp;
  completed_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface QuestionnaireLinkTable {
  tenant_id: string;
  id: Generated<string>;
  token_hash: string;
  questionnaire: string;
  worker_id: string;
  dossier_id: string | null;
  response_id: string | null;
  organisation_id: string;
  created_by: string | null;
  created_by_name: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  completed_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface RiskQuestionnaireTables {
  questionnaire_response: QuestionnaireResponseTable;
  questionnaire_link: QuestionnaireLinkTable;
}
