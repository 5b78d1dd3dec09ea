/** Shapes of the risk index API (src/http/routes/risk/assessment.ts). */
export interface Component {
  key: string;
  label: string;
  present: boolean;
  level: number | null;
  levelLabel?: string | null;
  weight?: number;
  summary: string;
  alarm?: boolean;
}

export interface Assessment {
  id: string;
  dossierId: string | null;
  algorithmId: string;
  algorithmVersion: string;
  suggestedLevel: number;
  finalLevel: number;
  finalLevelLabel: string;
  inaptitudeRiskLevel: number;
  inaptitudeRiskLevelLabel: string;
  rationale: string | null;
  authorName: string;
  signedAt: string;
  components: Component[];
}

export interface Option<T = string> {
  value: T;
  label: string;
}

export interface WorkerRisk {
  workerId: string;
  suggestion: {
    algorithmId: string;
    algorithmVersion: string;
    model: { id: string; version: string; label: string; validated: boolean; warning: string | null };
    suggestedLevel: number;
    suggestedLevelLabel: string;
    combined: number;
    components: Component[];
    contributions: { component: string; text: string }[];
    missing: string[];
    notes: string[];
  };
  profile: { csp: string | null; cimChapters: string[]; exposures: string[]; ald: boolean; updatedAt: string } | null;
  current: Assessment | null;
  history: Assessment[];
  options: { levels: Option<number>[]; csp: Option[]; cimChapters: Option[]; exposures: Option[] };
}

export interface OrientationSuggestion {
  kind: 'intervenant' | 'pyramide' | 'chef_de_file';
  kindLabel: string;
  value: string;
  label: string;
  reasons: string[];
  decision: { decision: string; decisionLabel: string; reason: string | null; decidedBy: string; decidedAt: string } | null;
}

export interface DossierRisk {
  dossierId: string;
  workerId: string;
  fragilityLevel: string | null;
  fragilityLevelLabel: string | null;
  current: {
    id: string;
    finalLevel: number;
    finalLevelLabel: string;
    inaptitudeRiskLevel: number;
    inaptitudeRiskLevelLabel: string;
    suggestedLevel: number;
    signedAt: string;
    authorName: string;
  } | null;
  suggestions: OrientationSuggestion[];
  decisions: { id: string; kindLabel: string; valueLabel: string; decision: string; decisionLabel: string; reason: string | null; decidedBy: string; decidedAt: string }[];
  mayDecide: boolean;
  mayAssess: boolean;
}

export interface OwnRisk {
  finalLevel: number | null;
  levelLabel: string | null;
  explanation: string | null;
  signedAt: string | null;
  authorName: string | null;
}

export const LEVEL_COLORS = ['teal.9', 'yellow.4', 'orange.6', 'red.9'] as const;
/** Text colour on each level's badge (WCAG AA contrast with the background). */
export const LEVEL_TEXT = ['white', 'dark.9', 'dark.9', 'white'] as const;
