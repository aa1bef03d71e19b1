import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, can, roles, type RouteDef } from '@shop/shared';
import { startSession } from '../src/modules/accounts/sessions';
import { signedInAs, startTestServer, type TestServer } from './support';

/**
 * Every route of the OpenAPI document, called as anonymous, customer, staff and admin, compared with the
 * permission table: a route open to a caller never answers 401/403, a closed one always does.
 */
let server: TestServer;
const tokens: Record<string, string | null> = { anonymous: null };
const userIds: Record<string, string> = {};
let csrf: Record<string, string>;

beforeAll(async () => {
  server = await startTestServer();
  for (const role of roles) userIds[role] = (await signedInAs(server.database.db, role)).userId;
  // Callers carry a valid CSRF token, as a page would, so the answers are about authorization alone.
  const { csrfToken } = await server.client.getCsrfToken({});
  csrf = { cookie: `csrf_token=${csrfToken}`, 'x-csrf-token': csrfToken };
});
afterAll(() => server?.stop());

function expectedStatus(route: RouteDef, caller: string): 'allowed' | 401 | 403 {
  if (route.access.kind === 'public' || route.access.kind === 'optional') return 'allowed';
  if (caller === 'anonymous') return 401;
  if (route.access.kind === 'signed-in') return 'allowed';
  return can(caller as (typeof roles)[number], route.access.permission) ? 'allowed' : 403;
}

describe('authorization matrix', () => {
  it('the OpenAPI document lists exactly the routes of the route table', async () => {
    const doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, object>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m} ${path}`),
    );
    const table = Object.values(apiRoutes).map(
      (r) => `${r.method} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`,
    );
    expect(documented.sort()).toEqual(table.sort());
  });

  for (const [name, route] of Object.entries(apiRoutes) as [string, RouteDef][]) {
    it(`${route.method.toUpperCase()} ${route.path} (${name})`, async () => {
      const path = route.path.replace(/:([A-Za-z]+)/g, 'unknown-id');
      // Fresh sessions per route: the sign-out routes end the ones before.
      for (const role of roles) tokens[role] = (await startSession(server.database.db, userIds[role]!)).token;
      for (const caller of ['anonymous', ...roles]) {
        const token = tokens[caller];
        const response = await fetch(`${server.url}/api/v1${path}`, {
          method: route.method.toUpperCase(),
          headers: {
            'content-type': 'application/json',
            ...csrf,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          ...(route.method === 'get' ? {} : { body: '{}' }),
        });
        const expected = expectedStatus(route, caller);
        if (expected === 'allowed') expect([401, 403], `${caller} ${name}`).not.toContain(response.status);
        else expect(response.status, `${caller} ${name}`).toBe(expected);
        await response.body?.cancel();
      }
    });
  }
});
