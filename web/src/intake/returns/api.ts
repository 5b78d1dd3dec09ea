/** Helpers of the returns to the Assurance maladie (« Retour à l'Assurance maladie »): the API's shapes come from the contract. */
import { intake } from '@contract';
import { download } from '../../client';

type AmReturnStatus = intake.AmReturnStatus;

export const STATUS_COLORS: Record<AmReturnStatus, string> = {
  a_transmettre: 'blue',
  transmis: 'yellow',
  accuse: 'green',
  en_erreur: 'red',
};

export const dossierReturnsKey = (dossierId: string) => ['am-returns', 'dossier', dossierId] as const;

/** The message id of one line of a JSON-lines export (`id_message`, format docs/formats/retours-am.md). */
function messageIdOf(line: string): string | null {
  const v: unknown = JSON.parse(line);
  return typeof v === 'object' && v !== null && 'id_message' in v && typeof v.id_message === 'string' ? v.id_message : null;
}

/** The export file of the messages à transmettre, and the ids it holds (to confirm afterwards). */
export async function downloadExport(format: 'csv' | 'jsonl', recipient: string): Promise<{ fileName: string; blob: Blob; messageIds: string[] }> {
  const file = await download(intake.amReturns.export, { query: { format, recipient: recipient || undefined } });
  const lines = file.text.split('\n').filter((l) => l.trim() !== '');
  // The id is the second field of each message (after `version`), in both serialisations.
  const messageIds =
    format === 'jsonl'
      ? lines.map(messageIdOf).filter((id): id is string => id !== null)
      : lines.slice(1).map((l) => l.split(';')[1]).filter((id) => /^RAM-[0-9A-F]+$/.test(id));
  return { fileName: file.fileName ?? `retours-am.${format}`, blob: new Blob([file.text], { type: file.type }), messageIds };
}

/** Saves a blob under `fileName` through a temporary link. */
export function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
