import { cn } from '@shop/ui';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { Link } from 'react-router';

interface PaginationProps {
  page: number;
  pageCount: number;
  /** The link (search part of the address) of a page, so every page can be opened in a new tab or shared. */
  hrefFor: (page: number) => string;
  labels: { nav: string; previous: string; next: string; page: (page: number) => string };
  className?: string;
}

/** The pages to offer: the first, the last, and two either side of the current one; gaps become "…". */
export function pageWindow(page: number, pageCount: number): (number | 'gap')[] {
  const pages = new Set([1, pageCount, page - 1, page, page + 1]);
  const sorted = [...pages].filter((p) => p >= 1 && p <= pageCount).sort((a, b) => a - b);
  const result: (number | 'gap')[] = [];
  sorted.forEach((p, index) => {
    const previous = sorted[index - 1];
    if (previous !== undefined && p - previous === 2) result.push(previous + 1);
    else if (previous !== undefined && p - previous > 2) result.push('gap');
    result.push(p);
  });
  return result;
}

const item =
  'inline-flex h-10 min-w-10 items-center justify-center gap-1 rounded-lg px-3 text-sm font-medium tabular-nums';

/** Numbered pages with previous and next, as links. */
export function Pagination({ page, pageCount, hrefFor, labels, className }: PaginationProps) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={labels.nav} className={cn('flex justify-center', className)}>
      <ul className="flex flex-wrap items-center justify-center gap-1">
        <li>
          {page > 1 ? (
            <Link to={hrefFor(page - 1)} rel="prev" className={cn(item, 'hover:bg-slate-100')}>
              <ChevronLeft className="size-4" aria-hidden="true" />
              <span className="sr-only sm:not-sr-only">{labels.previous}</span>
            </Link>
          ) : (
            <span className={cn(item, 'text-slate-300')} aria-hidden="true">
              <ChevronLeft className="size-4" />
              <span className="hidden sm:inline">{labels.previous}</span>
            </span>
          )}
        </li>
        {pageWindow(page, pageCount).map((p, index) =>
          p === 'gap' ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-muted">
              …
            </li>
          ) : (
            <li key={p}>
              <Link
                to={hrefFor(p)}
                aria-label={labels.page(p)}
                aria-current={p === page ? 'page' : undefined}
                className={cn(
                  item,
                  p === page ? 'bg-brand-600 text-white' : 'text-ink ring-1 ring-line hover:bg-slate-100',
                )}
              >
                {p}
              </Link>
            </li>
          ),
        )}
        <li>
          {page < pageCount ? (
            <Link to={hrefFor(page + 1)} rel="next" className={cn(item, 'hover:bg-slate-100')}>
              <span className="sr-only sm:not-sr-only">{labels.next}</span>
              <ChevronRight className="size-4" aria-hidden="true" />
            </Link>
          ) : (
            <span className={cn(item, 'text-slate-300')} aria-hidden="true">
              <span className="hidden sm:inline">{labels.next}</span>
              <ChevronRight className="size-4" />
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}
