import { formatUsd } from '@shop/shared';
import { cn, useMessages } from '@shop/ui';
import { useEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { ProductHit } from '../../core/catalog/lookup';
import { run } from '../bridge';
import { saleTexts } from './texts';

const SEARCH_PAUSE_MS = 80;

/**
 * The scan field, always ready: a person types a name, SKU or barcode and sees matches as they type, with price and
 * stock; arrows move, Enter takes the highlighted one. (A scanner's burst is caught before it gets here.)
 */
export function ProductSearch({
  onPick,
  onCode,
  inputRef,
}: {
  onPick: (hit: ProductHit) => void;
  /** Enter before the matches of what was typed arrived: the text is taken as a code (barcode or SKU). */
  onCode: (code: string) => void;
  inputRef: Ref<HTMLInputElement>;
}) {
  const t = useMessages(saleTexts);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<{ text: string; found: ProductHit[] }>({ text: '', found: [] });
  const [active, setActive] = useState(0);
  const asked = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const search = (text: string) => {
    setQuery(text);
    setActive(0);
    const ticket = ++asked.current;
    clearTimeout(timer.current);
    // Asked once typing pauses: a scanner's burst (or a fast typist) costs one lookup, not one per key.
    timer.current = setTimeout(async () => {
      const found = text.trim() ? await run<ProductHit[]>('lookup', { query: text }).catch(() => []) : [];
      // Only the answer to the latest text is shown: a slow early answer never replaces a newer one.
      if (ticket === asked.current) setHits({ text, found });
    }, SEARCH_PAUSE_MS);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  const pick = (hit: ProductHit | undefined) => {
    if (!hit) return;
    onPick(hit);
    search('');
  };

  const found = hits.text === query ? hits.found : [];
  const enter = () => {
    if (hits.text === query) return pick(found[active]);
    if (query.trim()) onCode(query.trim());
    search('');
  };

  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') setActive((i) => Math.min(i + 1, found.length - 1));
    else if (event.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (event.key === 'Enter') enter();
    else if (event.key === 'Escape') search('');
    else return;
    event.preventDefault();
  };

  const listId = 'product-hits';
  return (
    <div className="relative">
      <label className="sr-only" htmlFor="scan">
        {t.scanOrSearch}
      </label>
      <input
        id="scan"
        ref={inputRef}
        value={query}
        onChange={(event) => search(event.target.value)}
        onKeyDown={onKey}
        placeholder={t.scanOrSearch}
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-expanded={found.length > 0}
        aria-controls={listId}
        aria-keyshortcuts="F2"
        className="h-14 w-full rounded-lg border-2 border-brand-500 bg-white px-4 text-xl shadow-sm focus:ring-4 focus:ring-brand-200 focus:outline-none"
      />
      {query.trim() && (
        <ul
          id={listId}
          role="listbox"
          className="absolute inset-x-0 top-full z-30 mt-1 max-h-[60vh] overflow-y-auto rounded-lg border border-line bg-white shadow-xl"
        >
          {hits.text === query && found.length === 0 && <li className="px-4 py-3 text-muted">{t.noMatch}</li>}
          {found.map((hit, i) => (
            <li
              key={hit.id}
              role="option"
              aria-selected={i === active}
              onPointerDown={(event) => event.preventDefault()}
              onClick={() => pick(hit)}
              className={cn(
                'grid cursor-pointer grid-cols-[1fr_auto_auto] items-center gap-4 px-4 py-3',
                i === active ? 'bg-brand-50' : 'hover:bg-slate-50',
                !hit.active && 'opacity-50',
              )}
            >
              <span>
                <span className="block font-semibold">{hit.name}</span>
                <span className="text-xs text-muted">
                  {hit.sku}
                  {hit.barcode && ` · ${hit.barcode}`}
                </span>
              </span>
              <span className={cn('text-sm', hit.available > 0 ? 'text-emerald-700' : 'text-red-700')}>
                {hit.available > 0 ? t.inStock(hit.available) : t.noStock}
              </span>
              <span className="font-bold tabular-nums">{formatUsd(hit.unitPriceCents)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
