import http from 'node:http';

/**
 * A fetch whose connections leave from the given loopback address (127.0.0.2, 127.0.1.7, …: Linux routes all of
 * 127.0.0.0/8 to the loopback interface), so a test acts as another client address without X-Forwarded-For and
 * the server sees that address in `req.ip` exactly as it would a real phone's. One connection per request.
 */
export function fetchFrom(localAddress: string): typeof fetch {
  return async (input, init = {}) => {
    // A Request encodes the body (JSON text, FormData…) and its content type the way fetch would.
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = http.request(
        request.url,
        {
          method: request.method,
          headers: Object.fromEntries(request.headers),
          localAddress,
          agent: false,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) {
              for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
                headers.append(name, one);
            }
            const status = incoming.statusCode ?? 0;
            const noBody = status === 204 || status === 304 || request.method === 'HEAD';
            resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers }));
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };
}
