/** Shapes of the plan de maintien API (measures, calculators, documents). */

export interface Transition {
  to: string;
  label: string;
  requiresReason: boolean;
}

export interface Approval {
  id: string;
  kind: string;
  kindLabel: string;
  decision: 'accord' | 'refus';
  decisionLabel: string;
  decidedOn: string;
  byName: string;
  byOrganisation: string;
  note: string | null;
  recordedByName: string;
  recordedAt: string;
}

export interface Measure {
  id: string;
  dossierId: string;
  code: string;
  label: string;
  catalogueVersion: string;
  legalBasis: string[];
  status: string;
  statusLabel: string;
  startDate: string;
  endDate: string | null;
  periods: { start: string; end: string | null }[];
  renewals: number;
  maxRenewals: number | null;
  details: string | null;
  employerNote: string | null;
  sharedWithWorker: boolean;
  employerVisible: boolean;
  employerVisibleAllowed: boolean;
  statusReason: string | null;
  proposedByName: string;
  createdAt: string;
  updatedAt: string;
  approvals: Approval[];
  requiredApprovals: { kind: string; label: string; given: boolean }[];
  missingApprovals: { kind: string; label: string }[];
  blockingRule: string | null;
  allowedTransitions: Transition[];
  mayRecordApproval: boolean;
  mayRenew: boolean;
  nextRenewalStart: string | null;
}

export interface CatalogueEntry {
  code: string;
  label: string;
  objective: string;
  legalBasis: string[];
  eligibility: string[];
  requiresArret: boolean;
  maxPeriod: string | null;
  maxRenewals: number | null;
  maxTotal: string | null;
  approvals: { kind: string; label: string }[];
  partners: string[];
  employerVisibleAllowed: boolean;
  leaflet: string;
}

export interface Catalogue {
  version: string;
  measures: CatalogueEntry[];
}

export interface InvalidityRule {
  cutoffDay: number;
  monthsIfEarly: number;
  monthsIfLate: number;
}

export interface Calculators {
  today: string;
  ij: { consumed: number; limit: number; remaining: number; reached: boolean; windowStart: string; windowEnd: string };
  ald: { startDate: string; endDate: string; rightsEnd: string; daysRemaining: number; exhausted: boolean }[];
  invalidity: { rule: InvalidityRule; decisionDate: string | null; startDate: string | null };
}

export interface DocumentChoice {
  kind: string;
  label: string;
  available: boolean;
  reason: string | null;
  /** Convocations: the visit concerned. */
  visitId: string | null;
}
