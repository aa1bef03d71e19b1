import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Request } from 'express';
import { apiRoutes, type ApiRoutes, type Locale, type PageApi, type RenderPage } from '@shop/shared';
import { PreparedAnswer } from '../../http/answer-cache';
import { readCookie } from '../../http/cookies';
import type { HandlerInput, Handlers } from '../../http/routes';

/**
 * The web shop's pages rendered on the server: the built entry (webshop/src/entry-server.tsx, compiled by Vite into
 * `<webshop>/server/entry-server.js`) renders them, with the answers of the API's own handlers (the catalog's
 * cached answers, serialized as the API sends them), called in-process: no HTTP hop, and nothing signed-in.
 */
export type PublicPageHandlers = Pick<
  Handlers,
  'getShopInfo' | 'listCategories' | 'listProducts' | 'getProduct' | 'getLivePromotions'
>;

/** The cookie the web shop keeps its language in (LocaleProvider's `cookie`, webshop/src/providers.tsx). */
export const LOCALE_COOKIE = 'shop.locale';

/**
 * The built entry's renderer, or null when the web shop was built without it (development serves the app from
 * Vite; some tests build only index.html): then the pages stay the shell they were.
 */
export async function loadPageRenderer(webshopDir: string): Promise<RenderPage | null> {
  const entry = path.join(webshopDir, 'server', 'entry-server.js');
  if (!fs.existsSync(entry)) return null;
  const loaded = (await import(pathToFileURL(entry).href)) as { renderPage?: unknown };
  if (typeof loaded.renderPage !== 'function') throw new Error(`${entry} exports no renderPage`);
  return loaded.renderPage as RenderPage;
}

/** The public answers a page is made of, from the handlers the API routes call, parsed as the routes parse them. */
export function pageApi(handlers: PublicPageHandlers): PageApi {
  const input = <R extends keyof ApiRoutes>(part: Partial<HandlerInput<ApiRoutes[R]>>) =>
    part as HandlerInput<ApiRoutes[R]>;
  return {
    getShopInfo: async () => answerOf(await handlers.getShopInfo(input<'getShopInfo'>({}))),
    listCategories: async () => answerOf(await handlers.listCategories(input<'listCategories'>({}))),
    listProducts: async (query) => {
      // What the browser's client would put in the address, read back as the route reads it.
      const parsed = apiRoutes.listProducts.query.parse(asQueryString(query));
      return answerOf(await handlers.listProducts(input<'listProducts'>({ query: parsed })));
    },
    getLivePromotions: async () => answerOf(await handlers.getLivePromotions(input<'getLivePromotions'>({}))),
    getProduct: async (idOrSlug) => {
      const params = apiRoutes.getProduct.params.parse({ idOrSlug });
      return answerOf(await handlers.getProduct(input<'getProduct'>({ params })));
    },
  };
}

/**
 * The page's language: the one the shop's language switch saved in its cookie, else the browser's first language
 * (what the web shop itself goes by, navigator.language, when nothing is saved).
 */
export function pageLocale(req: Request): Locale {
  const saved = readCookie(req, LOCALE_COOKIE);
  if (saved === 'en' || saved === 'km') return saved;
  return /^\s*km\b/i.test(req.headers['accept-language'] ?? '') ? 'km' : 'en';
}

function answerOf(result: unknown): unknown {
  return result instanceof PreparedAnswer ? JSON.parse(result.json.body.toString('utf8')) : result;
}

/** As client-core's toQueryString and Express's simple query parser: a repeated key is an array. */
function asQueryString(query: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    const items = (Array.isArray(value) ? value : [value]).map(String);
    out[key] = items.length === 1 ? items[0]! : items;
  }
  return out;
}
