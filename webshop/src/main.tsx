import { PAGE_STATE_ID } from '@shop/shared';
import { hydrate, type DehydratedState } from '@tanstack/react-query';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { createBrowserRouter, matchRoutes, RouterProvider, type RouteObject } from 'react-router';
import { newQueryClient } from './api/client';
import { ShopProviders } from './providers';
import { routes } from './router';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const queryClient = newQueryClient();
// The server rendered this page (entry-server.tsx) and sent the answers it rendered it with.
const pageState = document.getElementById(PAGE_STATE_ID);

// Not a top-level await: with one, the bundler splits every module a lazy page shares with this entry into files of
// its own (37 scripts on the home page instead of about 10, each a request of its own on a slow network).
void start(root);

async function start(root: HTMLElement): Promise<void> {
  if (!pageState || !root.firstChild) {
    createRoot(root).render(
      <ShopProviders queryClient={queryClient}>
        <RouterProvider router={createBrowserRouter(routes)} />
      </ShopProviders>,
    );
    return;
  }
  hydrate(queryClient, JSON.parse(pageState.textContent || '{}') as DehydratedState);
  // Hydration must render what the server did: the page's own code is loaded first, not a loading fallback.
  await loadMatchedRoutes(routes);
  // Not shared's asLocale: its module carries zod, which the first view does without.
  const locale = document.documentElement.lang === 'km' ? 'km' : 'en';
  hydrateRoot(
    root,
    <ShopProviders queryClient={queryClient} initialLocale={locale}>
      <RouterProvider router={createBrowserRouter(routes)} />
    </ShopProviders>,
  );
}

/** Resolves the lazy routes this address matches, in place, as React Router's own server rendering guide does. */
async function loadMatchedRoutes(list: RouteObject[]): Promise<void> {
  const matches = matchRoutes(list, window.location) ?? [];
  await Promise.all(
    matches.map(async ({ route }) => {
      if (typeof route.lazy !== 'function') return;
      const loaded = await route.lazy();
      Object.assign(route, { ...loaded, lazy: undefined });
    }),
  );
}
