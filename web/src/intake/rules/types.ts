/** Shapes of the rules channel's API (tasks, saved worklists, rule settings). */

export interface Task {
  id: string;
  kind: string;
  kindLabel: string;
  title: string;
  dueDate: string | null;
  overdue: boolean;
  status: string;
  statusLabel: string;
  ruleId: string | null;
  owner: { id: string; displayName: string } | null;
  worker: { id: string; displayName: string };
  dossier: { id: string; reference: string } | null;
  createdAt: string;
  doneAt: string | null;
}

export interface TaskList {
  items: Task[];
  total: number;
  overdueCount: number;
  page: number;
  pageSize: number;
  counts: { mine: number; mineOverdue: number; team: number; teamOverdue: number };
}

export interface WorklistSummary {
  key: string;
  label: string;
  description: string;
  count: number;
}

export interface WorklistRow {
  id: string;
  worker: { id: string; displayName: string };
  company: { id: string; name: string } | null;
  dossier: { id: string; reference: string } | null;
  arret: { id: string; nature: string; natureLabel: string; ald: boolean; startDate: string; endDate: string | null; durationDays: number } | null;
  arretCount: number | null;
  receivedAt: string | null;
  from: string | null;
  note: string | null;
}

export interface WorklistPage {
  key: string;
  label: string;
  description: string;
  total: number;
  page: number;
  pageSize: number;
  items: WorklistRow[];
}

export interface RuleParameter {
  key: string;
  label: string;
  basis: string;
  kind: 'integer' | 'date';
  unit: string | null;
  min: number | null;
  max: number | null;
  value: number | string;
  defaultValue: number | string;
}

export interface RulesSettings {
  parameters: RuleParameter[];
  updatedAt: string | null;
}
