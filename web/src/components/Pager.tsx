import { Pagination } from '@mantine/core';

/** Pages of a list (at least 1). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * Accessible pagination of a list (French labels, its own `nav` landmark named by `label`),
 * shown only when there is more than one page. Every paginated page of the app uses it.
 */
export function Pager({ total, pageSize, page, onChange, label }: { total: number; pageSize: number; page: number; onChange(p: number): void; label: string }) {
  const pages = pageCount(total, pageSize);
  if (pages <= 1) return null;
  return (
    <nav aria-label={label}>
      <Pagination
        total={pages}
        value={Math.min(page, pages)}
        onChange={onChange}
        getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
        getControlProps={(control) =>
          ({
            first: { 'aria-label': 'Première page' },
            previous: { 'aria-label': 'Page précédente' },
            next: { 'aria-label': 'Page suivante' },
            last: { 'aria-label': 'Dernière page' },
          })[control]
        }
      />
    </nav>
  );
}
