import type { ErrorCode } from '../errors';
import { ORDER_TOKEN_HEADER, type ClientOutput, type RouteDef, type RouteInput } from './route';
import type { ApiRoutes } from './routes';

/** An error answer of the API, with the server's code, message and field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ClientOptions {
  /** Origin of the server, e.g. "http://127.0.0.1:3000"; empty for same-origin pages. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Extra headers per request, e.g. the desktop's `Authorization: Bearer …` or a browser's CSRF header. */
  headers?: () => Record<string, string>;
}

export type ShopClient = {
  [K in keyof ApiRoutes]: (
    input: RouteInput<ApiRoutes[K]>,
    init?: RequestInit,
  ) => Promise<ClientOutput<ApiRoutes[K]>>;
};

/** What the client needs to know of a route to call it: no schemas, so a browser bundle carries no zod. */
export type RouteCall = Pick<RouteDef, 'method' | 'path' | 'produces' | 'upload' | 'orderTokenHeader'>;
export type RouteManifest = Record<keyof ApiRoutes, RouteCall>;

/** The route table reduced to what calling needs (the web shop gets it at build time, see webshop/vite.config.ts). */
export function routeManifest(routes: Record<string, RouteDef>): Record<string, RouteCall> {
  const manifest: Record<string, RouteCall> = {};
  for (const [name, { method, path, produces, upload, orderTokenHeader }] of Object.entries(routes)) {
    manifest[name] = {
      method,
      path,
      ...(produces && { produces }),
      ...(upload && { upload }),
      ...(orderTokenHeader && { orderTokenHeader }),
    };
  }
  return manifest;
}

/** The typed API client over a route manifest: one method per route, no hand-written fetch per page. */
export function createClientFromManifest(manifest: RouteManifest, options: ClientOptions = {}): ShopClient {
  const client: Record<string, unknown> = {};
  for (const [name, route] of Object.entries<RouteCall>(manifest)) {
    client[name] = (input: Record<string, unknown>, init?: RequestInit) =>
      callRoute(options, route, input, init);
  }
  return client as ShopClient;
}

async function callRoute(
  options: ClientOptions,
  route: RouteCall,
  input: {
    params?: Record<string, unknown>;
    query?: Record<string, unknown>;
    body?: unknown;
    file?: Blob;
    fileName?: string;
    orderToken?: string;
  },
  init: RequestInit = {},
): Promise<unknown> {
  const url = `${options.baseUrl ?? ''}/api/v1${fillPath(route.path, input.params ?? {})}${toQueryString(input.query)}`;
  const headers: Record<string, string> = {
    accept: route.produces ? route.produces.join(', ') : 'application/json',
    ...options.headers?.(),
  };
  const csrf = route.method === 'get' ? null : browserCsrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  if (route.orderTokenHeader) headers[ORDER_TOKEN_HEADER] = input.orderToken ?? '';
  let body: FormData | string | undefined;
  if (route.upload) {
    // multipart/form-data: the browser (or undici) sets the boundary itself.
    const form = new FormData();
    for (const [key, value] of Object.entries((input.body ?? {}) as Record<string, unknown>)) {
      if (value !== undefined && value !== null) form.append(key, String(value));
    }
    if (input.file) form.append(route.upload.field, input.file, input.fileName ?? 'upload');
    body = form;
  } else if (input.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(input.body);
  }
  const response = await (options.fetch ?? fetch)(url, {
    ...init,
    method: route.method.toUpperCase(),
    headers: { ...headers, ...(init.headers as Record<string, string> | undefined) },
    body,
    credentials: init.credentials ?? 'include',
  });
  if (response.status === 204) return undefined;
  if (response.ok && route.produces) return response.blob();
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(response.status, payload);
  return payload;
}

function fillPath(path: string, params: Record<string, unknown>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new TypeError(`missing path parameter "${key}"`);
    return encodeURIComponent(String(value));
  });
}

function toQueryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function toApiError(status: number, payload: unknown): ApiError {
  const error = (
    payload as { error?: { code?: ErrorCode; message?: string; fields?: Record<string, string> } }
  )?.error;
  return new ApiError(
    status,
    error?.code ?? 'internal',
    error?.message ?? `HTTP ${status}`,
    error?.fields ?? {},
  );
}

/** In a browser, the double-submit CSRF token the server put in the readable `csrf_token` cookie. */
function browserCsrfToken(): string | null {
  const cookies = (globalThis as { document?: { cookie?: string } }).document?.cookie;
  const match = cookies ? /(?:^|;\s*)csrf_token=([^;]+)/.exec(cookies) : null;
  return match ? decodeURIComponent(match[1]!) : null;
}
