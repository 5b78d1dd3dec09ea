/** Shapes of the flux administration API (/api/v1/flux/batches, /api/v1/flux/quarantine). */
export interface BatchCounts {
  lines: number;
  linesDone: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  quarantined: number;
}

export interface BatchSummary {
  id: string;
  fileName: string;
  format: string;
  emetteur: string | null;
  status: string;
  statusLabel: string;
  fileDate: string;
  startedAt: string;
  finishedAt: string | null;
  actorLabel: string;
  error: string | null;
  counts: BatchCounts;
}

export interface BatchList {
  items: BatchSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Rejection {
  line: number;
  emetteur: string | null;
  idMessage: string | null;
  code: string;
  field: string | null;
  message: string;
}

export interface BatchDetail extends BatchSummary {
  warnings: string[];
  rejectionsByCode: { code: string; count: number }[];
  rejections: { items: Rejection[]; total: number; page: number; pageSize: number };
}

export type QuarantineStatus = 'a_traiter' | 'rattachee' | 'rejetee';

export interface QuarantineItem {
  id: string;
  batchId: string;
  fileName: string | null;
  line: number;
  emetteur: string;
  idMessage: string;
  code: string;
  status: QuarantineStatus;
  statusLabel: string;
  displayName: string;
  receivedAt: string;
  resolvedAt: string | null;
  resolvedByName: string | null;
  resolutionNote: string | null;
}

export interface QuarantineList {
  status: QuarantineStatus;
  items: QuarantineItem[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<QuarantineStatus, number>;
}

export interface ComparisonRow {
  field: string;
  label: string;
  kind: 'text' | 'date' | 'sex' | 'nir';
  lineValue: string | null;
  workerValue: string | null;
  differs: boolean;
}

export interface QuarantineDetail extends Omit<QuarantineItem, 'displayName'> {
  arret: {
    idArret: string;
    type: string;
    typeLabel: string;
    startDate: string | null;
    expectedEndDate: string | null;
    actualEndDate: string | null;
    nature: string;
    natureLabel: string;
    motif: string;
    motifLabel: string;
    consentDate: string | null;
    siret: string | null;
  };
  worker: { id: string; displayName: string; identityStatus: string } | null;
  comparison: ComparisonRow[];
}

export const QUARANTINE_STATUS_LABELS: Record<QuarantineStatus, string> = {
  a_traiter: 'À traiter',
  rattachee: 'Rattachées',
  rejetee: 'Rejetées',
};
