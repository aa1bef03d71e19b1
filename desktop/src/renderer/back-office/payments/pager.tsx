import { Button, useMessages } from '@shop/ui';
import { backOfficeTexts } from '../texts';

/** Previous and next under a list that is not a table (the screenshot queue), as PagedList has under its tables. */
export function Pager({
  total,
  page,
  pageSize,
  onPage,
}: {
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const t = useMessages(backOfficeTexts);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="flex items-center justify-between text-sm text-muted" aria-label={t.pageOf(page, pages)}>
      <span>{t.rows(total)}</span>
      <span className="flex items-center gap-3">
        <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t.previous}
        </Button>
        <span>{t.pageOf(page, pages)}</span>
        <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t.next}
        </Button>
      </span>
    </nav>
  );
}
