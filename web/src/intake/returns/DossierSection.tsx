/** What the returns channel shows on the dossier page (nothing yet). */
export function DossierSection({ dossierId }: { dossierId: string }) {
  void dossierId;
  return null;
}
