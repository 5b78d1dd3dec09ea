import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

type Patch = Record<string, string | number | boolean | readonly string[] | null | undefined>;

/**
 * Filters kept in the URL search params, so a view can be bookmarked and shared.
 * `update` removes empty values, and goes back to page 1 unless the patch sets the page.
 * From an effect (not an event handler), pass `flushSync: false`.
 */
export function useUrlParams() {
  const [params, setParams] = useSearchParams();

  const update = useCallback(
    (patch: Patch, options: { replace?: boolean; keepPage?: boolean; flushSync?: boolean } = {}) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value === null || value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0)) {
              next.delete(key);
            } else if (Array.isArray(value)) {
              next.set(key, value.join(','));
            } else {
              next.set(key, String(value));
            }
          }
          if (!('page' in patch) && !options.keepPage) next.delete('page');
          return next;
        },
        // Synchronous update from event handlers: a controlled checkbox reflects the URL at once.
        { replace: options.replace, flushSync: options.flushSync ?? true },
      );
    },
    [setParams],
  );

  const get = useCallback((key: string) => params.get(key) ?? '', [params]);
  const getList = useCallback(
    (key: string) =>
      (params.get(key) ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    [params],
  );

  return { params, get, getList, update, setParams };
}
