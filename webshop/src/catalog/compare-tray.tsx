import { Button, useMessages } from '@shop/ui';
import { GitCompareArrows, X } from 'lucide-react';
import { Link } from 'react-router';
import { ButtonLink } from '../ui/button-link';
import { clearCompare, compareHref, compareLimit, removeFromCompare, useCompareList } from './compare-store';
import { catalogText } from './messages';

/**
 * The products chosen for comparison, in a bar that stays at the bottom of the screen while browsing (it settles
 * at the end of the page instead of covering the footer).
 */
export function CompareTray() {
  const t = useMessages(catalogText);
  const list = useCompareList();
  if (list.length === 0) return null;
  const ready = list.length >= 2;
  return (
    <aside
      aria-label={t.compareTray}
      className="sticky bottom-0 z-20 -mx-3 mt-10 border-t border-line bg-white/95 shadow-[0_-6px_16px_rgba(15,23,42,0.08)] backdrop-blur sm:mx-0 sm:rounded-t-card sm:border-x"
    >
      <div className="flex items-center gap-2 px-3 py-2 sm:gap-3 sm:px-4">
        <GitCompareArrows className="hidden size-5 shrink-0 text-brand-600 sm:block" aria-hidden="true" />
        <ul className="flex min-w-0 flex-1 gap-2">
          {list.map((item) => (
            <li key={item.id} className="relative flex min-w-0 items-center gap-2 lg:max-w-56 lg:flex-1">
              <Link
                to={`/products/${item.slug}`}
                className="flex min-w-0 items-center gap-2 rounded-lg border border-line bg-white p-1 pr-1 hover:border-brand-200 lg:pr-7"
                title={item.name}
              >
                {item.imageUrl ? (
                  <img
                    src={item.imageUrl}
                    alt={item.name}
                    width={40}
                    height={40}
                    className="size-10 shrink-0 rounded object-contain"
                  />
                ) : (
                  <span className="grid size-10 shrink-0 place-items-center rounded bg-slate-100 text-[10px]">
                    {item.name.slice(0, 2)}
                  </span>
                )}
                <span className="hidden min-w-0 truncate text-xs font-medium lg:block">{item.name}</span>
              </Link>
              <button
                type="button"
                onClick={() => removeFromCompare(item.id)}
                aria-label={t.removeFromCompare(item.name)}
                className="absolute -top-1.5 -right-1.5 grid size-5 place-items-center rounded-full bg-slate-700 text-white hover:bg-slate-900 lg:top-1/2 lg:right-1 lg:size-6 lg:-translate-y-1/2 lg:bg-transparent lg:text-muted lg:hover:bg-slate-100 lg:hover:text-ink"
              >
                <X className="size-3.5" aria-hidden="true" />
              </button>
            </li>
          ))}
          {Array.from({ length: compareLimit - list.length }, (_, index) => (
            <li
              key={`slot-${index}`}
              aria-hidden="true"
              className="hidden size-12 shrink-0 rounded-lg border border-dashed border-line sm:block lg:h-12 lg:w-auto lg:max-w-56 lg:flex-1"
            />
          ))}
        </ul>
        <Button
          variant="ghost"
          size="sm"
          onClick={clearCompare}
          aria-label={t.clearComparison}
          className="shrink-0 px-2"
        >
          {t.clear}
        </Button>
        {ready ? (
          <ButtonLink to={compareHref(list.map((i) => i.id))} size="md" className="shrink-0">
            {t.compareCount(list.length)}
          </ButtonLink>
        ) : (
          <Button
            disabled
            size="md"
            className="shrink-0"
            title={t.pickOneMore}
            aria-describedby="compare-hint"
          >
            {t.compareCount(list.length)}
          </Button>
        )}
      </div>
      {!ready && (
        <p id="compare-hint" className="px-3 pb-2 text-xs text-muted sm:px-4">
          {t.pickOneMore}
        </p>
      )}
    </aside>
  );
}
