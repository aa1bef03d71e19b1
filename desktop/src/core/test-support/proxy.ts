import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy between a counter and its server, to make the network fail the ways a shop's does: the
 * server unreachable (new connections refused), the line dropped (every open connection cut now), or a connection
 * cut after the request went and part of the answer came back (`cutAfterResponseBytes`). Bytes pass unchanged
 * otherwise, so the counter speaks real HTTP to the real server through it.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const open = new Set<net.Socket>();
  const switches = {
    /** New connections are closed at once, as an unreachable server looks to the counter. */
    refuse: false,
    /**
     * The next connection whose answer reaches this many bytes is cut there (0 = cut as soon as the answer starts);
     * null: no cut. Used once, then cleared.
     */
    cutAfterResponseBytes: null as number | null,
    /** Only connections whose request starts with this text are cut (e.g. 'POST /api/v1/sync/push'). */
    cutOnlyRequestsStarting: null as string | null,
    /** Answers are held back (never reach the counter) while true: the server worked, the counter still waits. */
    holdResponses: false,
  };
  let cuts = 0;
  const requestStarts: string[] = [];

  const server = net.createServer((client) => {
    if (switches.refuse) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    const forget = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', forget);
    upstream.on('close', forget);
    client.on('error', forget);
    upstream.on('error', forget);

    let armed: number | null = null;
    let answered = 0;
    client.on('data', (chunk: Buffer) => {
      const head = chunk.toString('latin1', 0, 64);
      if (/^[A-Z]+ \//.test(head)) requestStarts.push(head);
      // Armed per request of this connection (keep-alive): a matching request takes the pending cut for itself.
      if (
        armed === null &&
        switches.cutAfterResponseBytes !== null &&
        (!switches.cutOnlyRequestsStarting ||
          chunk.toString('latin1').startsWith(switches.cutOnlyRequestsStarting))
      ) {
        armed = switches.cutAfterResponseBytes;
        switches.cutAfterResponseBytes = null;
        answered = 0;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (switches.holdResponses) return;
      if (armed !== null && answered + chunk.length > armed) {
        client.write(chunk.subarray(0, Math.max(0, armed - answered)));
        cuts++;
        forget();
        return;
      }
      answered += chunk.length;
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    switches,
    /** Connections cut by `cutAfterResponseBytes` so far. */
    cuts: () => cuts,
    /** How many requests so far began with `prefix` (e.g. 'POST /api/v1/sync/push'). */
    requestsStarting: (prefix: string) => requestStarts.filter((head) => head.startsWith(prefix)).length,
    /** Drops every open connection now (the cable pulled). */
    cutAll() {
      for (const socket of open) socket.destroy();
      open.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export type TcpProxy = Awaited<ReturnType<typeof startTcpProxy>>;

/** host and port of a URL such as the test server's `http://127.0.0.1:PORT`. */
export function hostAndPort(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port) };
}
