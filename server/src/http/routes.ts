import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import {
  apiRoutes,
  can,
  ORDER_TOKEN_HEADER,
  type Access,
  type ApiRoutes,
  type FileAnswer,
  type RouteDef,
  type RouteName,
  type RouteOutput,
} from '@shop/shared';
import type { Authentication, SignedInUser } from '../modules/accounts/sessions';
import type { CallingCounter } from '../modules/devices/service';
import type { Actor } from '../modules/audit/audit';
import type { IncomingUpload, UploadReceiver } from '../storage/upload';
import { PreparedAnswer, sendPrepared } from './answer-cache';
import type { BodyBudget } from './body-budget';
import { bodyLimitOf } from './body-limits';
import {
  CART_COOKIE,
  clearSessionCookie,
  readCookie,
  setCartCookie,
  setSessionCookie,
  type CookiePolicy,
} from './cookies';
import { checkCsrf, offerCsrfCookie, renewCsrfToken } from './csrf';
import { DEVICE_COOKIE, setDeviceCookie } from './device-cookie';
import { SIGN_UP_COOKIE, setSignUpCookie } from './sign-up-cookie';
import { Forbidden, Invalid, Unauthenticated } from './errors';
import { readJsonBody } from './json-body';

type Parsed<R, K extends 'params' | 'query' | 'body'> = R extends { [P in K]: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

/** The caller of a route: signed-in and permission routes always have one, since `authorize` refused anyone else. */
type CallerOf<A extends Access> = A extends { kind: 'signed-in' | 'permission' }
  ? SignedInUser
  : SignedInUser | null;

/** The counter calling a device route (the sync routes): always there, since `authorize` refused anyone else. */
type CounterOf<A extends Access> = A extends { kind: 'device' } ? CallingCounter : null;

/** What a handler gets: the request's parts already parsed by the route's schemas, and who is calling. */
export interface HandlerInput<R extends RouteDef> {
  params: Parsed<R, 'params'>;
  query: Parsed<R, 'query'>;
  /** Upload routes have their text fields in `upload` instead, read with the file. */
  body: R extends { upload: object } ? undefined : Parsed<R, 'body'>;
  /** Upload routes: the multipart request, read when the handler calls `receive()`, after checking the target. */
  upload: R extends { upload: object } ? IncomingUpload<Parsed<R, 'body'>> : undefined;
  /**
   * Routes marked `orderTokenHeader`: the `x-order-token` header, the token of a guest order's link ('' when absent
   * or not a token's shape, which opens nothing: the same 404 as a wrong one).
   */
  orderToken: R extends { orderTokenHeader: true } ? string : undefined;
  user: CallerOf<R['access']>;
  /** The paired counter calling a sync route, by its device token; null on every other route. */
  counter: CounterOf<R['access']>;
  /** The caller as the audit log records them. */
  actor: Actor;
  client: { ip: string | null; userAgent: string | null };
  /** The browser session cookie: routes that sign in or out set or clear it; the token itself never reaches logs. */
  session: { start(token: string, expiresAt: number): void; end(): void };
  /** A guest's cart token (cookie): remembered when a guest's first cart is made, kept when it joins an account. */
  cart: { token: string | null; remember(token: string | null): void };
  /** The sign-in device cookie: a browser that signed in before skips the account-wide slow-down. */
  device: { token: string | null; remember(token: string, expiresAt: number): void };
  /** The sign-up attempt cookie: a sign-up code is checked only against the attempt of the browser that made it. */
  signUpAttempt: { token: string | null; remember(token: string, expiresAt: number): void };
  /** The Idempotency-Key header: a retried request with the same key gets the first answer. */
  idempotencyKey: string | null;
  /** This browser's CSRF token (double submit), for pages that need to read it from an answer. */
  csrfToken: string;
  requestId: string;
}

/** A handler answers the route's output, or that output already serialized (answer-cache.ts). */
export type Handler<R extends RouteDef> = (
  input: HandlerInput<R>,
) => Promise<RouteOutput<R> | PreparedAnswer>;
export type Handlers<K extends RouteName = RouteName> = { [N in K]: Handler<ApiRoutes[N]> };

export interface MountOptions {
  /** Resolves the caller from the bearer token or the session cookie; null when anonymous. */
  authenticate: (req: Request) => Promise<Authentication | null>;
  /** Resolves the paired counter from its device token; null for anything else (a user's session included). */
  authenticateCounter: (req: Request) => Promise<CallingCounter | null>;
  cookies: CookiePolicy;
  /** Checks every answer against the route's response schema (tests and development). */
  validateResponses: boolean;
  /** Receives upload routes' files (to temporary files, so many at once per user and in total). */
  uploads: UploadReceiver;
  /** Says in `x-cache` whether a cached answer was served (tests and development, never production). */
  cacheHeader: boolean;
  /** JSON bodies: what the process may spend on bodies being read at once, and how long one may take to arrive. */
  bodies: { budget: BodyBudget; timeoutMs: number };
}

/** Mounts every route of the shared route table with its handler: authorize, validate, call, answer. */
export function mountRoutes(router: Router, handlers: Handlers, options: MountOptions): void {
  for (const name of Object.keys(apiRoutes) as RouteName[]) {
    const route: RouteDef = apiRoutes[name];
    // The one place where a handler's narrowed `user` (CallerOf) is taken on trust: `authorize` below throws before
    // the handler runs when a signed-in or permission route has no caller.
    const handler = handlers[name] as unknown as Handler<RouteDef>;
    // Answers that no cache keeps (see below) hand the browser its CSRF cookie; public catalog answers stay cacheable.
    const neverStored = route.access.kind !== 'public' || route.method !== 'get';
    const bodyReading = route.body && !route.upload && { ...options.bodies, maxBytes: bodyLimitOf(name) };
    router[route.method](route.path, async (req: Request, res: Response) => {
      if (neverStored) offerCsrfCookie(res);
      if (!route.cookieless) checkCsrf(req);
      const counterRoute = route.access.kind === 'device';
      const counter = counterRoute ? await options.authenticateCounter(req) : null;
      if (counterRoute && !counter) throw new Unauthenticated("This route takes a paired device's token");
      const auth = route.access.kind === 'public' || counterRoute ? null : await options.authenticate(req);
      if (!counterRoute) authorize(route, auth?.user ?? null);
      // A sliding session that was just extended: move the cookie's expiry along with it.
      if (auth?.via === 'cookie' && auth.extendedUntil)
        setSessionCookie(res, options.cookies, auth.token, auth.extendedUntil);
      // A JSON body only for a route that takes one, and only now that the caller may: any other body is never read.
      const body = bodyReading ? await readJsonBody(req, bodyReading) : undefined;
      const user = auth?.user ?? null;
      const ip = req.ip ?? null;
      // Read only when the handler asks, so that nobody unauthorized makes the server take in megabytes.
      const upload =
        route.upload &&
        options.uploads.incoming(req, res, {
          ...route.upload,
          sender: user?.id ?? ip ?? 'unknown',
          readFields: (fields) => parsePart(route.body, fields, 'body'),
        });
      const input: HandlerInput<RouteDef> = {
        params: parsePart(route.params, req.params, 'params'),
        query: parsePart(route.query, req.query, 'query'),
        body: upload ? undefined : parsePart(route.body, body, 'body'),
        upload,
        orderToken: route.orderTokenHeader ? orderTokenOf(req) : undefined,
        user,
        counter,
        actor: { userId: user?.id ?? null, ip },
        client: { ip, userAgent: req.headers['user-agent']?.slice(0, 300) ?? null },
        // A new session or none: the CSRF token changes with it (bound to the session, csrf.ts).
        session: {
          start: (token, expiresAt) => {
            setSessionCookie(res, options.cookies, token, expiresAt);
            renewCsrfToken(res, options.cookies, token);
          },
          end: () => {
            clearSessionCookie(res, options.cookies);
            renewCsrfToken(res, options.cookies, null);
          },
        },
        cart: {
          token: readCookie(req, CART_COOKIE),
          remember: (token) => setCartCookie(res, options.cookies, token),
        },
        device: {
          token: readCookie(req, DEVICE_COOKIE),
          remember: (token, expiresAt) => setDeviceCookie(res, options.cookies, token, expiresAt),
        },
        signUpAttempt: {
          token: readCookie(req, SIGN_UP_COOKIE),
          remember: (token, expiresAt) => setSignUpCookie(res, options.cookies, token, expiresAt),
        },
        idempotencyKey: idempotencyKeyOf(req),
        csrfToken: String(res.locals.csrfToken ?? ''),
        requestId: String(req.id),
      } as HandlerInput<RouteDef>;
      const result = await handler(input);
      if (result instanceof PreparedAnswer)
        return sendPrepared(req, res, result, {
          status: route.status ?? 200,
          schema: options.validateResponses ? route.response : null,
          cacheHeader: options.cacheHeader,
        });
      if (route.produces) return sendFile(res, result as FileAnswer);
      if (options.validateResponses) route.response.parse(result);
      if (neverStored) res.setHeader('cache-control', 'no-store');
      res.status(route.status ?? 200).json(result);
    });
  }
}

function authorize(route: RouteDef, user: SignedInUser | null): void {
  const { access } = route;
  if (access.kind === 'public' || access.kind === 'optional') return;
  if (!user) throw new Unauthenticated();
  if (access.kind === 'permission' && !can(user.role, access.permission)) throw new Forbidden();
}

function parsePart(schema: z.ZodType | undefined, value: unknown, part: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(part === 'body' && value === undefined ? {} : value);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : part;
    fields[key] ??= issue.message;
  }
  throw new Invalid(`Some ${part === 'body' ? 'fields' : `${part} parameters`} are not valid`, fields);
}

function orderTokenOf(req: Request): string {
  const token = req.headers[ORDER_TOKEN_HEADER];
  return typeof token === 'string' && /^[A-Za-z0-9_-]{32,64}$/.test(token) ? token : '';
}

function idempotencyKeyOf(req: Request): string | null {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || !/^[A-Za-z0-9._:-]{8,100}$/.test(key)) {
    throw new Invalid('The Idempotency-Key header must be 8 to 100 letters, digits, dots, dashes or colons', {
      'Idempotency-Key': 'not a valid key',
    });
  }
  return key;
}

function sendFile(res: Response, answer: FileAnswer): void {
  res.setHeader('content-type', answer.contentType);
  res.setHeader(
    'cache-control',
    answer.cache === 'public-immutable' ? 'public, max-age=31536000, immutable' : 'private, no-store',
  );
  res.setHeader('x-content-type-options', 'nosniff');
  if (answer.fileName) {
    const disposition = answer.download ? 'attachment' : 'inline';
    res.setHeader(
      'content-disposition',
      `${disposition}; filename*=UTF-8''${encodeURIComponent(answer.fileName)}`,
    );
  }
  res.status(200).send(typeof answer.body === 'string' ? answer.body : Buffer.from(answer.body));
}
