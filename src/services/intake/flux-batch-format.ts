/** How an import batch is presented (API and CSV): French labels of its status. */
import { csvLine } from '../../domain/csv';

export const BATCH_STATUS_LABELS: Readonly<Record<string, string>> = {
  en_cours: 'En cours',
  termine: 'Terminé',
  echec: 'En échec',
};

interface BatchRow {
  id: string;
  file_name: string;
  format: string;
  emetteur: string | null;
  status: string;
  lines_done: number;
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  quarantined: number;
  out_of_scope: number;
  file_date: string;
  error: string | null;
  actor_label: string;
  started_at: Date;
  finished_at: Date | null;
}

export function batchSummary(b: BatchRow) {
  return {
    id: b.id,
    fileName: b.file_name,
    format: b.format,
    issuer: b.emetteur,
    status: b.status,
    statusLabel: BATCH_STATUS_LABELS[b.status] ?? b.status,
    fileDate: b.file_date,
    startedAt: b.started_at,
    finishedAt: b.finished_at,
    actorLabel: b.actor_label,
    error: b.error,
    counts: {
      lines: Number(b.lines),
      linesDone: Number(b.lines_done),
      accepted: Number(b.accepted),
      duplicates: Number(b.duplicates),
      rejected: Number(b.rejected),
      quarantined: Number(b.quarantined),
      outOfScope: Number(b.out_of_scope),
    },
  };
}

/** Header of the downloadable rejection report (French column names). */
export const REJECTIONS_CSV_HEADER = ['Ligne', 'Émetteur', 'Identifiant du message', 'Code', 'Champ', 'Message'] as const;

export function rejectionCsvLine(r: { line: number; emetteur: string | null; id_message: string | null; code: string; field: string | null; message: string }): string {
  return csvLine([r.line, r.emetteur, r.id_message, r.code, r.field, r.message]);
}

export function rejectionsCsvHeader(): string {
  return csvLine(REJECTIONS_CSV_HEADER);
}
