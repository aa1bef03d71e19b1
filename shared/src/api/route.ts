import type { z } from 'zod';
import type { Permission } from '../permissions';

/** Who may call a route: anyone, any signed-in user, or holders of a permission from the permission table. */
export type Access =
  | { kind: 'public' }
  /** Open to anyone; a signed-in caller is recognised (the cart of a guest or of a customer). */
  | { kind: 'optional' }
  | { kind: 'signed-in' }
  | { kind: 'permission'; permission: Permission }
  /** A paired counter, by its device token (devices.ts): the sync routes. No user session is accepted there. */
  | { kind: 'device' };

export const publicAccess = { kind: 'public' } as const satisfies Access;
export const anyone = { kind: 'optional' } as const satisfies Access;
export const signedIn = { kind: 'signed-in' } as const satisfies Access;
export const pairedDevice = { kind: 'device' } as const satisfies Access;
export const requires = (permission: Permission) =>
  ({ kind: 'permission', permission }) as const satisfies Access;

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * One API route: the single source for server validation, the OpenAPI document and the typed client.
 * `path` is relative to /api/v1 and uses Express-style parameters (`/products/:idOrSlug`).
 */
export interface RouteDef {
  method: HttpMethod;
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  /**
   * The route neither reads nor sets a cookie or a session (pairing a counter): a forged cross-site request could
   * ride on nothing, so it takes no CSRF token, which a desktop without a browser's cookie jar could not send.
   */
  cookieless?: true;
  /** Success status; 200 unless said otherwise. */
  status?: 200 | 201 | 202 | 204;
  /** Error statuses the route may answer besides the generic ones (400, 401/403 when protected, 500). */
  errors?: readonly number[];
  /** A multipart/form-data upload: one file in `field` (at most `maxBytes`); `body` describes the text fields. */
  upload?: { field: string; maxBytes: number };
  /**
   * The token of a guest order's link travels in the `x-order-token` header (ORDER_TOKEN_HEADER): an upload's body
   * is read only after the token is checked, and a URL (access logs, proxies) never carries it.
   */
  orderTokenHeader?: true;
  /**
   * A document rather than JSON (an invoice PDF, a payment screenshot): the content types it may answer. Its handler
   * returns a FileAnswer; `response` is then unused and may be `z.unknown()`.
   */
  produces?: readonly string[];
}

/** The answer of a route that `produces` a document. */
export interface FileAnswer {
  contentType: string;
  body: Uint8Array | string;
  /** Offered as the download's name; shown inline in the browser unless `download` is set. */
  fileName?: string;
  download?: boolean;
  /** Private documents must not be kept by shared caches. */
  cache?: 'private' | 'public-immutable';
}

/** The header a guest order's link token travels in, on routes marked `orderTokenHeader`. */
export const ORDER_TOKEN_HEADER = 'x-order-token';

export function defineRoute<const R extends RouteDef>(route: R): R {
  return route;
}

type Part<R, K extends 'params' | 'query' | 'body'> = R extends { [P in K]: infer S extends z.ZodType }
  ? undefined extends z.input<S>
    ? { [P in K]?: z.input<S> }
    : { [P in K]: z.input<S> }
  : unknown;

/** What a client passes to call route R: its parts, and the file of an upload route. */
export type RouteInput<R extends RouteDef> = Part<R, 'params'> &
  Part<R, 'query'> &
  Part<R, 'body'> &
  (R extends { upload: object } ? { file: Blob; fileName?: string } : unknown) &
  (R extends { orderTokenHeader: true } ? { orderToken: string } : unknown);
/** What route R's handler answers on success. */
export type RouteOutput<R extends RouteDef> = R extends { produces: readonly string[] }
  ? FileAnswer
  : z.output<R['response']>;
/** What the typed client gives back for route R: the JSON answer, or the document as a Blob. */
export type ClientOutput<R extends RouteDef> = R extends { produces: readonly string[] }
  ? Blob
  : z.output<R['response']>;
