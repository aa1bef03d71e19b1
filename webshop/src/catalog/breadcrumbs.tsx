import { cn, useMessages } from '@shop/ui';
import { ChevronRight } from 'lucide-react';
import { Link } from 'react-router';
import { catalogText } from './messages';

export interface Crumb {
  label: string;
  /** Absent for the current page (the last crumb). */
  to?: string;
}

/** Where the page sits in the shop, from the home page down. */
export function Breadcrumbs({ items, className }: { items: Crumb[]; className?: string }) {
  const t = useMessages(catalogText);
  const all: Crumb[] = [{ label: t.home, to: '/' }, ...items];
  return (
    <nav aria-label={t.breadcrumb} className={cn('mb-4 text-sm', className)}>
      <ol className="flex flex-wrap items-center gap-x-1 gap-y-0.5 text-muted">
        {all.map((crumb, index) => (
          <li
            key={`${crumb.label}-${index}`}
            // On a phone the current page's name is the heading right below: the trail stops at its parent.
            className={cn('flex min-w-0 items-center gap-1', !crumb.to && index > 1 && 'max-sm:hidden')}
          >
            {index > 0 && <ChevronRight className="size-3.5 shrink-0" aria-hidden="true" />}
            {crumb.to ? (
              <Link to={crumb.to} className="hover:text-brand-700 hover:underline">
                {crumb.label}
              </Link>
            ) : (
              <span aria-current="page" className="truncate font-medium text-ink">
                {crumb.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
