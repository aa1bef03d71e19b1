import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list's filters, sort and page kept in the screen's address (`#/back-office/orders?status=paid&page=2`), so a
 * link to exactly this list can be shared and the back button steps through what was looked at. Values are text as
 * in the address; each screen turns them into its route's query (the server checks them again).
 */
export function useListAddress<K extends string>(
  /** A constant of the screen's module (a new array each render would read the address again each render). */
  keys: readonly K[],
) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const read = {} as Record<K, string>;
    for (const key of keys) read[key] = params.get(key) ?? '';
    return read;
  }, [params, keys]);
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);

  /** Changes some filters: back to page 1, since the old page may not exist in the new list. */
  const setFilters = useCallback(
    (changes: Partial<Record<K, string>>) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes) as [K, string | undefined][])
          if (value) next.set(key, value);
          else next.delete(key);
        next.delete('page');
        return next;
      }),
    [setParams],
  );
  const setPage = useCallback(
    (to: number) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (to > 1) next.set('page', String(to));
        else next.delete('page');
        return next;
      }),
    [setParams],
  );
  const clear = useCallback(() => setParams(new URLSearchParams()), [setParams]);
  const filtered = keys.some((key) => filters[key] !== '');
  return { filters, page, setFilters, setPage, clear, filtered };
}

/** The filters as a route's query: empty ones left out. */
export function queryOf<K extends string>(filters: Record<K, string>): Partial<Record<K, string>> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== '')) as Partial<
    Record<K, string>
  >;
}
