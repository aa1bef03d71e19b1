import {
  PAGE_STATE_ID,
  type PageApi,
  type Category,
  type LivePromotions,
  type ProductList,
  type ProductSummary,
  type PageRenderRequest,
  type RenderedPage,
} from '@shop/shared';
import { dehydrate, type QueryClient } from '@tanstack/react-query';
import { renderToReadableStream } from 'react-dom/server';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router';
import { newQueryClient, queryKeys } from './api/client';
import { relatedQuery, showcaseQuery, showcaseShown } from './api/page-queries';
import { promoted } from './api/promotions';
import { listQuery, readFilters } from './catalog/url-filters';
import { ShopProviders } from './providers';
import { routes } from './router';

/**
 * The web shop rendered on the server (built by Vite into dist/server/entry-server.js, imported by the server's
 * storefront module): the home, category, search and product pages with their first products in the HTML, before
 * any script runs. The answers come from the server's own services (`api`), under the keys the pages ask with, and
 * go with the page so that hydration renders the same thing. Nothing signed-in is rendered here: the cart, the
 * account menu and the hearts render their visitor state on both sides and fill in once the browser asks.
 */
const handler = createStaticHandler(routes);
const DEFAULT_ABORT_MS = 2_000;

export async function renderPage(request: PageRenderRequest): Promise<RenderedPage> {
  const url = new URL(request.url, 'http://shop.invalid');
  const queryClient = newQueryClient();
  await prefetch(queryClient, url, request.api);

  const context = await handler.query(new Request(url));
  // No route of the shop redirects or loads data: anything else is not a page this entry renders.
  if (context instanceof Response)
    throw new Error(`the router answered ${context.status} for ${request.url}`);
  const router = createStaticRouter(handler.dataRoutes, context);

  const app = await renderToReadableStream(
    <ShopProviders queryClient={queryClient} initialLocale={request.locale}>
      {/* hydrate={false}: no inline script (the shop's content security policy allows none); main.tsx loads the
          matched routes itself. */}
      <StaticRouterProvider router={router} context={context} hydrate={false} />
    </ShopProviders>,
    {
      signal: AbortSignal.timeout(request.abortAfterMs ?? DEFAULT_ABORT_MS),
      onError: request.onError,
      // React sends a large finished Suspense boundary (the page under the layout's) after the shell, put in
      // place by an inline script, which the shop's content security policy blocks: every part goes in order.
      progressiveChunkSize: Number.MAX_SAFE_INTEGER,
    },
  );
  // Everything is prefetched, so this is quick; waiting keeps React from streaming late parts with inline
  // scripts, which the policy would block. A part still not ready at the abort is rendered by the browser.
  await app.allReady;
  const state = scriptJson(dehydrate(queryClient));
  const before = request.document.beforeRoot.replace(/<html lang="[^"]*"/, `<html lang="${request.locale}"`);
  const after = `<script type="application/json" id="${PAGE_STATE_ID}">${state}</script>${request.document.afterRoot}`;
  return { status: context.statusCode, body: framed(before, app, after) };
}

/** The answers each rendered page reads first, as the browser's queries would have fetched them. */
async function prefetch(queryClient: QueryClient, url: URL, api: PageApi): Promise<void> {
  const fill = async (key: readonly unknown[], answer: Promise<unknown>) =>
    queryClient.setQueryData(key, await answer);
  const common = [
    fill(queryKeys.shop, api.getShopInfo()),
    // Every page with products prices them with the promotions (api/promotions.ts), at the instant of this answer.
    fill(queryKeys.promotions, api.getLivePromotions()),
    fill(
      queryKeys.categories,
      api.listCategories().then((answer) => (answer as { items: unknown[] }).items),
    ),
  ];
  const path = url.pathname;
  const category = /^\/c\/([^/]+)\/?$/.exec(path);
  const product = /^\/products\/([^/]+)\/?$/.exec(path);
  const products = (query: object) =>
    fill(queryKeys.products(query), api.listProducts(query as Record<string, unknown>));
  if (path === '/') {
    // Only what the page shows of the list goes with it (showcaseShown): the document carries the state.
    // Its deals are picked by the promoted price, at the instant the promotions were fetched, as the page will.
    const [showcase] = await Promise.all([
      api.listProducts(showcaseQuery as Record<string, unknown>) as Promise<ProductList>,
      ...common,
    ]);
    const promotions = queryClient.getQueryState<LivePromotions>(queryKeys.promotions);
    const categories = queryClient.getQueryData<Category[]>(queryKeys.categories);
    const priceOf = (item: ProductSummary) =>
      promoted(item, promotions?.data, promotions?.dataUpdatedAt ?? Date.now(), categories);
    queryClient.setQueryData(queryKeys.products(showcaseQuery), showcaseShown(showcase, priceOf));
  } else if (path === '/search' || category) {
    const slug = category ? decodeURIComponent(category[1]!) : undefined;
    await Promise.all([...common, products(listQuery(readFilters(url.searchParams), slug))]);
  } else if (product) {
    const slug = decodeURIComponent(product[1]!);
    const detail = (await api.getProduct(slug)) as { category: { slug: string } };
    queryClient.setQueryData(queryKeys.product(slug), detail);
    await Promise.all([...common, products(relatedQuery(detail.category.slug))]);
  } else {
    throw new Error(`${path} is not a page the server renders`);
  }
}

/** The document: the index.html before #root's content, the app as React streams it, then the rest. */
function framed(before: string, app: ReadableStream<Uint8Array>, after: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const reader = app.getReader();
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(before));
        return;
      }
      const { done, value } = await reader.read();
      if (!done) return controller.enqueue(value);
      controller.enqueue(encoder.encode(after));
      controller.close();
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** JSON that can sit inside a <script> element, as the server escapes its JSON-LD. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
