import { Pagination } from '@mantine/core';

/** Accessible pagination (French labels), shown only when there is more than one page. */
export function Pager({ total, pageSize, page, onChange, label }: { total: number; pageSize: number; page: number; onChange(p: number): void; label: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
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
