/** What POST /api/v1/risk/evaluations returns (src/domain/risk/evaluation/evaluate.ts, trimmed to what the page shows). */
export interface ProportionView {
  count: number;
  total: number;
  estimate: number | null;
  lower: number | null;
  upper: number | null;
}

export interface ComponentView {
  key: string;
  label: string;
  n: number;
  events: number;
  auc: { estimate: number; lower: number; upper: number } | null;
  notes: string[];
}

export interface EvaluationResult {
  report: {
    generatedAt: string;
    cohort: { name: string; n: number; events: number; prevalence: ProportionView; rejectedLines: number };
    model: { id: string; version: string; label: string; validated: boolean };
    components: ComponentView[];
    warnings: string[];
  };
  html: string;
  errors: { line: number; column: string | null; message: string }[];
  rejectedLines: number;
  /** Only for « Dossiers du service »: how the cohort was built from the service's cases. */
  service?: ServiceCohortCounts;
}

/** POST /risk/evaluations/service: the cohort's counts (also in the details of a COHORTE_TROP_PETITE / COHORTE_SANS_CONTRASTE refusal). */
export interface ServiceCohortCounts {
  period: { from: string | null; to: string | null };
  exits: number;
  workers: number;
  included: number;
  events: number;
  excluded: { reason: string; label: string; count: number }[];
}

export interface SyntheticCohort {
  fileName: string;
  content: string;
}
