/** Shapes of « Repérage par l'indice » (src/http/routes/risk/suggestions.ts). */
export interface LevelCount {
  level: number;
  label: string;
  count: number;
}

export interface ScoreRun {
  computedAt: string;
  algorithmId: string;
  algorithmVersion: string;
  model: { id: string; version: string; validated: boolean; warning: string | null };
  workers: number;
  levelCounts: LevelCount[];
}

export interface SuggestionItem {
  workerId: string;
  displayName: string;
  birthYear: number;
  age: number;
  suggestedLevel: number;
  suggestedLevelLabel: string;
  healthProbabilityPercent: number;
  company: { id: string; name: string; jobTitle: string | null } | null;
  openDossier: { id: string; reference: string; state: string; stateLabel: string } | null;
  lastAssessment: { finalLevel: number; finalLevelLabel: string; signedAt: string } | null;
}

export interface SuggestionList {
  run: ScoreRun | null;
  running: boolean;
  filters: { minLevel: number; months: number; since: string };
  counts: LevelCount[];
  total: number;
  page: number;
  pageSize: number;
  items: SuggestionItem[];
}

export interface RecalculResult {
  run: ScoreRun | null;
  durationMs: number;
}
