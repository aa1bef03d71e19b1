import http from 'node:http';
import { createShopClient, type ShopClient } from '@shop/shared';

/**
 * A client that connects from a chosen loopback address (127.0.0.2, 127.0.0.3, …) to the test server on 127.0.0.1,
 * so the server sees a different client address, as it would see another customer's phone: no X-Forwarded-For.
 * With `cookies`, it keeps cookies and echoes the CSRF token like a browser tab; with `token`, it signs requests as
 * the desktop app does.
 */
export interface AddressedClient {
  client: ShopClient;
  cookies: Map<string, string>;
}

export function clientFrom(
  baseUrl: string,
  localAddress: string,
  options: { token?: string; cookies?: boolean } = {},
): AddressedClient {
  const cookies = new Map<string, string>();
  const send = fetchFrom(localAddress, options.cookies ? cookies : null);
  const withCsrf: typeof fetch = async (url, init = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    if (options.token) headers.set('authorization', `Bearer ${options.token}`);
    if (options.cookies && method !== 'GET') {
      if (!cookies.has('csrf_token')) await send(`${baseUrl}/api/v1/auth/csrf`);
      headers.set('x-csrf-token', cookies.get('csrf_token') ?? '');
    }
    return send(url, { ...init, headers });
  };
  return { client: createShopClient({ baseUrl, fetch: withCsrf }), cookies };
}

/** fetch over node:http from `localAddress`, for JSON requests; keeps cookies in `jar` when one is given. */
function fetchFrom(localAddress: string, jar: Map<string, string> | null): typeof fetch {
  return (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init.headers);
    if (jar?.size) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (body !== undefined) headers.set('content-length', String(Buffer.byteLength(body)));
    return new Promise<Response>((resolve, reject) => {
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: `${url.pathname}${url.search}`,
          method: init.method ?? 'GET',
          headers: Object.fromEntries(headers),
          localAddress,
          agent: false,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const answer = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
                answer.append(name, v);
            }
            if (jar) keepCookies(jar, answer.getSetCookie());
            const status = response.statusCode ?? 500;
            resolve(new Response(status === 204 ? null : Buffer.concat(chunks), { status, headers: answer }));
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  };
}

function keepCookies(jar: Map<string, string>, lines: string[]): void {
  for (const line of lines) {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const cleared = attributes.some(
      (a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0/i.test(a),
    );
    if (cleared) jar.delete(name);
    else jar.set(name, pair.slice(eq + 1).trim());
  }
}
