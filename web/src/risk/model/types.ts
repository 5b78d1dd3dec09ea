/** GET/PUT/DELETE /api/v1/settings/risk-model: the service's health-record model (contract C3). */
export interface HealthModelSettings {
  isDefault: boolean;
  model: {
    id: string;
    version: string;
    label: string;
    validated: boolean;
    warning: string | null;
    source: string;
    intercept: number;
    baselineProbability: number;
    thresholds: [number, number, number];
    calibratedOn: { cohort: string; n: number; events: number; at: string } | null;
  };
  coefficients: { name: string; label: string; coefficient: number; oddsRatio: number }[];
  installedAt: string | null;
  installedBy: string | null;
  fileName: string | null;
  storedModelError: string | null;
  defaultModel: { id: string; version: string };
  mayConfigure: boolean;
}
