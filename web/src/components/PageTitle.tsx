import { useEffect } from 'react';

/** Sets the document title (« Mes dossiers — Maintien »), read first by screen readers. */
export function usePageTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = title ? `${title} — Maintien` : 'Maintien';
  }, [title]);
}
