import { createShopClient, type Category, type ProductList } from '@shop/shared';
import { useEffect, useState, type DependencyList } from 'react';

/** The typed API client, same origin as the page (the server serves both the shop and /api). */
export const client = createShopClient();

export const PAGE_SIZE = 24;

export type Remote<T> =
  | { status: 'loading'; data: T | undefined }
  | { status: 'success'; data: T }
  | { status: 'error'; data: T | undefined; error: Error };

/**
 * Loads data when `deps` change, aborting the request it replaces, and keeps the previous data while
 * reloading so the page does not flash. Stand-in until the web shop moves to TanStack Query.
 */
function useRemote<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): Remote<T> & { retry: () => void } {
  const [state, setState] = useState<Remote<T>>({ status: 'loading', data: undefined });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((prev) => (prev.status === 'loading' ? prev : { status: 'loading', data: prev.data }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'success', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const cause = error instanceof Error ? error : new Error(String(error));
        setState((prev) => ({ status: 'error', data: prev.data, error: cause }));
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure every render; `deps` lists everything it reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  return { ...state, retry: () => setAttempt((n) => n + 1) };
}

export function useCategories(): Remote<Category[]> & { retry: () => void } {
  return useRemote(async (signal) => {
    const { items } = await client.listCategories({}, { signal });
    return items.filter((c) => c.parentId === null).sort((a, b) => a.position - b.position);
  }, []);
}

export function useProducts(q: string, category: string | null): Remote<ProductList> & { retry: () => void } {
  return useRemote(
    (signal) =>
      client.listProducts(
        { query: { q: q || undefined, category: category ?? undefined, pageSize: PAGE_SIZE } },
        { signal },
      ),
    [q, category],
  );
}

/** `value`, but only once it has stopped changing for `delayMs` (typing in the search box). */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
