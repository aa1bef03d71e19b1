import { buttonClass, cn, useMessages } from '@shop/ui';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { Link, useSearchParams } from 'react-router';
import { accountText } from './messages';

/** The page of a list, from `?page=` so it can be bookmarked and the back button works. */
export function usePageParam(): number {
  const [params] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** Previous / next links under a list; nothing when everything fits on one page. */
export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const t = useMessages(accountText);
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const to = (target: number) => {
    const next = new URLSearchParams(params);
    if (target === 1) next.delete('page');
    else next.set('page', String(target));
    const query = next.toString();
    return { search: query ? `?${query}` : '' };
  };
  const disabled = 'pointer-events-none opacity-40';
  return (
    <nav aria-label={t.pagination} className="mt-6 flex items-center justify-between gap-3">
      <Link
        to={to(page - 1)}
        aria-disabled={page <= 1 || undefined}
        tabIndex={page <= 1 ? -1 : undefined}
        className={cn(buttonClass('secondary'), page <= 1 && disabled)}
      >
        <ChevronLeft className="size-4" aria-hidden="true" />
        {t.previous}
      </Link>
      <p className="text-sm text-muted">{t.pageOf(Math.min(page, pages), pages)}</p>
      <Link
        to={to(page + 1)}
        aria-disabled={page >= pages || undefined}
        tabIndex={page >= pages ? -1 : undefined}
        className={cn(buttonClass('secondary'), page >= pages && disabled)}
      >
        {t.next}
        <ChevronRight className="size-4" aria-hidden="true" />
      </Link>
    </nav>
  );
}
