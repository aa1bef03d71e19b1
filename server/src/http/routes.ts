import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import {
  apiRoutes,
  can,
  type ApiRoutes,
  type RouteDef,
  type RouteName,
  type RouteOutput,
} from '@shop/shared';
import { Forbidden, Invalid, Unauthenticated } from './errors';
import type { SignedInUser } from '../modules/accounts/sessions';
import type { Actor } from '../modules/audit/audit';

type Parsed<R, K extends 'params' | 'query' | 'body'> = R extends { [P in K]: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

/** What a handler gets: the request's parts already parsed by the route's schemas, and who is calling. */
export interface HandlerInput<R extends RouteDef> {
  params: Parsed<R, 'params'>;
  query: Parsed<R, 'query'>;
  body: Parsed<R, 'body'>;
  user: SignedInUser | null;
  /** The caller as the audit log records them. */
  actor: Actor;
  requestId: string;
}

export type Handler<R extends RouteDef> = (input: HandlerInput<R>) => Promise<RouteOutput<R>>;
export type Handlers<K extends RouteName = RouteName> = { [N in K]: Handler<ApiRoutes[N]> };

export interface MountOptions {
  /** Resolves the caller from the request (session cookie or bearer token); null when anonymous. */
  authenticate: (req: Request) => Promise<SignedInUser | null>;
  /** Checks every answer against the route's response schema (tests and development). */
  validateResponses: boolean;
}

/** Mounts every route of the shared route table with its handler: validate, authorize, call, answer. */
export function mountRoutes(router: Router, handlers: Handlers, options: MountOptions): void {
  for (const name of Object.keys(apiRoutes) as RouteName[]) {
    const route: RouteDef = apiRoutes[name];
    const handler = handlers[name] as unknown as Handler<RouteDef>;
    router[route.method](route.path, async (req: Request, res: Response) => {
      const user = route.access.kind === 'public' ? null : await options.authenticate(req);
      authorize(route, user);
      const input = {
        params: parsePart(route.params, req.params, 'params'),
        query: parsePart(route.query, req.query, 'query'),
        body: parsePart(route.body, req.body, 'body'),
        user,
        actor: { userId: user?.id ?? null, ip: req.ip ?? null },
        requestId: String(req.id),
      } as HandlerInput<RouteDef>;
      const result = await handler(input);
      if (options.validateResponses) route.response.parse(result);
      if (route.access.kind !== 'public') res.setHeader('cache-control', 'no-store');
      res.status(route.status ?? 200).json(result);
    });
  }
}

function authorize(route: RouteDef, user: SignedInUser | null): void {
  const { access } = route;
  if (access.kind === 'public') return;
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
