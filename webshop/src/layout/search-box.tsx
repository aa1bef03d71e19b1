import { cn, useMessages } from '@shop/ui';
import { useQuery } from '@tanstack/react-query';
import { Search } from 'lucide-react';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { client } from '../api/client';
import { Price } from '../ui/price';
import { layoutText } from './messages';

/** Waits until typing pauses before asking the server for suggestions. */
function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/**
 * The search box with product suggestions as you type (an ARIA 1.2 combobox: arrows move through suggestions,
 * Enter opens one or searches, Escape closes the list).
 */
export function SearchBox({ className }: { className?: string }) {
  const t = useMessages(layoutText);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const typed = useSettled(text.trim(), 200);

  const suggestions = useQuery({
    queryKey: ['suggestions', typed],
    queryFn: ({ signal }) => client.listProducts({ query: { q: typed, pageSize: 6 } }, { signal }),
    enabled: typed.length >= 2,
    staleTime: 60_000,
  });
  const items = typed.length >= 2 ? (suggestions.data?.items ?? []) : [];
  const showList = open && items.length > 0;

  const search = (q: string) => {
    setOpen(false);
    if (q.trim()) void navigate(`/search?q=${encodeURIComponent(q.trim())}`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && items.length) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % items.length);
    } else if (event.key === 'ArrowUp' && items.length) {
      event.preventDefault();
      setActive((i) => (i <= 0 ? items.length - 1 : i - 1));
    } else if (event.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    } else if (event.key === 'Enter' && showList && active >= 0) {
      event.preventDefault();
      setOpen(false);
      void navigate(`/products/${items[active]!.slug}`);
    }
  };

  return (
    <form
      role="search"
      className={cn('relative', className)}
      onSubmit={(event) => {
        event.preventDefault();
        search(text);
      }}
    >
      <label htmlFor={`${listId}-input`} className="sr-only">
        {t.searchLabel}
      </label>
      <input
        id={`${listId}-input`}
        type="search"
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        enterKeyHint="search"
        value={text}
        placeholder={t.searchPlaceholder}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        className="h-11 w-full rounded-full border border-line bg-white pr-12 pl-4 text-base shadow-sm focus:border-brand-500 focus:ring-2 focus:ring-brand-200 focus:outline-none"
      />
      <button
        type="submit"
        className="absolute top-1 right-1 inline-flex size-9 items-center justify-center rounded-full bg-brand-600 text-white hover:bg-brand-700"
        aria-label={t.searchButton}
      >
        <Search className="size-4" aria-hidden="true" />
      </button>
      <ul
        id={listId}
        role="listbox"
        aria-label={t.suggestions}
        hidden={!showList}
        className="absolute inset-x-0 top-12 z-30 overflow-hidden rounded-card border border-line bg-white py-1 shadow-lg"
      >
        {items.map((product, index) => (
          <li
            key={product.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            onMouseDown={(event) => {
              event.preventDefault();
              setOpen(false);
              void navigate(`/products/${product.slug}`);
            }}
            className={cn(
              'flex cursor-pointer items-center gap-3 px-3 py-2',
              index === active ? 'bg-brand-50' : 'hover:bg-slate-50',
            )}
          >
            {product.imageUrl ? (
              <img
                src={product.imageUrl}
                alt=""
                width={40}
                height={40}
                className="size-10 rounded object-contain"
              />
            ) : (
              <span className="size-10 rounded bg-slate-100" />
            )}
            <span className="min-w-0 flex-1 truncate text-sm">{product.name}</span>
            <Price cents={product.priceCents} size="sm" className="shrink-0" />
          </li>
        ))}
        <li role="presentation" className="border-t border-line">
          <button
            type="submit"
            tabIndex={-1}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => search(text)}
            className="w-full px-3 py-2 text-left text-sm font-semibold text-brand-700 hover:bg-slate-50"
          >
            {t.seeAllResults(text.trim())}
          </button>
        </li>
      </ul>
    </form>
  );
}
