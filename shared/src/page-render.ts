import type { Locale } from './accounts';

/**
 * What the server and the web shop's server entry (webshop/src/entry-server.tsx, built by Vite into
 * `dist/server/entry-server.js`) agree on: the server calls `renderPage` for the home, category, search and product
 * pages, and the entry renders the app into the page before any script runs. Only the built entry is imported at run
 * time, never web shop source.
 */

/** The public catalog answers a page is made from, as the API answers them (the same services, no HTTP hop). */
export interface PageApi {
  getShopInfo(): Promise<unknown>;
  listCategories(): Promise<unknown>;
  /** `query` as the web shop's client would send it (ProductListQueryInput). */
  listProducts(query: Record<string, unknown>): Promise<unknown>;
  /** Rejects with an error whose `status` is 404 when there is no such product. */
  getProduct(idOrSlug: string): Promise<unknown>;
  /** The live and coming promotions (GET /promotions): product prices are priced with them. */
  getLivePromotions(): Promise<unknown>;
}

export interface PageRenderRequest {
  /** Path and query string, e.g. `/search?q=ssd`. */
  url: string;
  locale: Locale;
  api: PageApi;
  /** The built index.html, with the page's head, cut at its empty `<div id="root"></div>`. */
  document: { beforeRoot: string; afterRoot: string };
  /** Past this, what is not rendered yet is left to the browser (its Suspense boundaries render there). */
  abortAfterMs?: number;
  onError?: (error: unknown) => void;
}

/** A page whose first part is ready: the document streams from `body` (a web stream, in Node as in a browser). */
export interface RenderedPage {
  status: number;
  body: ReadableStream<Uint8Array>;
}

export type RenderPage = (request: PageRenderRequest) => Promise<RenderedPage>;

/** The id of the `<script type="application/json">` holding the answers the page was rendered with. */
export const PAGE_STATE_ID = 'shop-state';
