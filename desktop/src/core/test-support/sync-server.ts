import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChangesPage, PushBody, PushItem, PushResult } from '@shop/shared';

/**
 * A small stand-in for the server's sync routes, for the pusher and puller tests until the real push and pull land
 * (then these tests move to a real server). It follows the contract: one answer per item in order, the same answer
 * again for the same id, `Authorization: Bearer` required.
 */
export async function startTestSyncServer(options: {
  token: string;
  decide?: (item: PushItem) => Omit<PushResult, 'id'>;
  pages?: ChangesPage[];
}) {
  const pages = options.pages ?? [];
  const answers = new Map<string, PushResult>();
  const requests: PushBody[] = [];
  const events = new Set<http.ServerResponse>();
  let pullCount = 0;
  const behaviour = {
    /** The next push requests are answered with this status (503…) before anything is applied. */
    failWith: null as number | null,
    /** The next push is applied, then its connection dropped before the answer. */
    dropAfterApply: 0,
  };
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/api/v1/devices/pair') {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const { pairingCode } = JSON.parse(raw) as { pairingCode: string };
        if (pairingCode !== 'GOOD-CODE')
          return send(400, {
            error: { code: 'validation', message: 'this pairing code is used or expired' },
          });
        send(201, { device: { id: 'dev_01HX9Z', name: 'Front counter' }, token: options.token });
      });
      return;
    }
    if (req.headers.authorization !== `Bearer ${options.token}`)
      return send(401, { error: { code: 'unauthenticated', message: 'this device is not paired' } });
    if (req.method === 'GET' && url.pathname === '/api/v1/sync/changes') {
      pullCount++;
      const after = Number(url.searchParams.get('after') ?? 0);
      const page = pages.find((p) => p.changes[0] && p.changes[0].seq > after);
      return send(200, page ?? { changes: [], cursor: after, hasMore: false });
    }
    if (req.method === 'GET' && url.pathname === '/api/v1/sync/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(': connected\n\n');
      events.add(res);
      req.on('close', () => events.delete(res));
      return;
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/sync/push') {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        if (behaviour.failWith)
          return send(behaviour.failWith, { error: { code: 'internal', message: 'the server is busy' } });
        const body = JSON.parse(raw) as PushBody;
        requests.push(body);
        const results = body.items.map((item) => {
          const earlier = answers.get(item.id);
          if (earlier) return earlier;
          const answer: PushResult = { id: item.id, ...(options.decide?.(item) ?? { status: 'applied' }) };
          answers.set(item.id, answer);
          return answer;
        });
        if (behaviour.dropAfterApply > 0) {
          behaviour.dropAfterApply--;
          return req.socket.destroy();
        }
        send(200, { results });
      });
      return;
    }
    send(404, { error: { code: 'not_found', message: 'no such route' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    /** Pages of the change feed served to `GET /sync/changes`; push more to publish. */
    pages,
    requests,
    answers,
    behaviour,
    /** Counters listening on the event stream. */
    listeners: () => events.size,
    /** GET /sync/changes requests so far. */
    pulls: () => pullCount,
    /** Tells every connected counter to pull. */
    nudge: () => {
      for (const res of events) res.write('event: changes\ndata: {}\n\n');
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of events) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
