import type { Locale } from '@shop/shared';
import { LocaleProvider } from '@shop/ui';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { StrictMode, useEffect, type ReactNode } from 'react';

/** What every page sits in, the same in the browser (main.tsx) and on the server (entry-server.tsx). */
export function ShopProviders({
  queryClient,
  initialLocale,
  children,
}: {
  queryClient: QueryClient;
  /** The language the server rendered the page in; absent when the browser renders it alone. */
  initialLocale?: Locale;
  children: ReactNode;
}) {
  // Says the page answers clicks now: until a server-rendered page is hydrated, its buttons do nothing (the
  // e2e harness waits for this after every load).
  useEffect(() => {
    document.documentElement.dataset.hydrated = '';
  }, []);
  return (
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        {/* The cookie tells the server which language to render the next page in. */}
        <LocaleProvider storageKey="shop.locale" cookie="shop.locale" initialLocale={initialLocale}>
          {children}
        </LocaleProvider>
      </QueryClientProvider>
    </StrictMode>
  );
}
