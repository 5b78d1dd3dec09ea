/** The run summary shown above the worklist and returned by the recalcul. */
import { UNVALIDATED_MODEL_LABEL } from '../../../domain/risk/health-model';
import { RISK_LEVEL_LABELS, RISK_LEVELS } from '../../../domain/risk/levels';

export interface RunRow {
  algorithm_id: string;
  algorithm_version: string;
  model_id: string;
  model_version: string;
  model_validated: boolean;
  computed_at: Date;
  workers: number;
  level_counts: number[];
}

export function runDto(r: RunRow) {
  return {
    computedAt: r.computed_at,
    algorithmId: r.algorithm_id,
    algorithmVersion: r.algorithm_version,
    model: {
      id: r.model_id,
      version: r.model_version,
      validated: r.model_validated,
      warning: r.model_validated ? null : UNVALIDATED_MODEL_LABEL,
    },
    workers: r.workers,
    levelCounts: RISK_LEVELS.map((level) => ({ level, label: RISK_LEVEL_LABELS[level], count: Number(r.level_counts[level] ?? 0) })),
  };
}
