/** Helpers of the returns to the Assurance maladie (« Retour à l'Assurance maladie »): the API's shapes come from the contract. */
import { intake } from '@contract';
import { ApiError } from '../../api';
import { hrefOf } from '../../client';

type AmReturnStatus = intake.AmReturnStatus;

export const STATUS_COLORS: Record<AmReturnStatus, string> = {
  a_transmettre: 'blue',
  transmis: 'yellow',
  accuse: 'green',
  en_erreur: 'red',
};

export const dossierReturnsKey = (dossierId: string) => ['am-returns', 'dossier', dossierId] as const;

/** The export file of the messages à transmettre, and the ids it holds (to confirm afterwards). */
export async function downloadExport(format: 'csv' | 'jsonl', recipient: string): Promise<{ fileName: string; blob: Blob; messageIds: string[] }> {
  let response: Response;
  try {
    response = await fetch(hrefOf(intake.amReturns.export, { query: { format, recipient: recipient || undefined } }), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'RESEAU', 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.');
  }
  const text = await response.text();
  if (!response.ok) {
    let err: { code?: string; message?: string } | undefined;
    try {
      err = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
    } catch {
      err = undefined;
    }
    throw new ApiError(response.status, err?.code ?? `HTTP_${response.status}`, err?.message ?? 'Le fichier ne peut pas être produit.');
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `retours-am.${format}`;
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  // The id is the second field of each message (after `version`), in both serialisations.
  const messageIds =
    format === 'jsonl'
      ? lines.map((l) => (JSON.parse(l) as { id_message: string }).id_message)
      : lines.slice(1).map((l) => l.split(';')[1]).filter((id) => /^RAM-[0-9A-F]+$/.test(id));
  return { fileName, blob: new Blob([text], { type: response.headers.get('content-type') ?? 'text/plain' }), messageIds };
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
