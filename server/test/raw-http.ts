import net from 'node:net';

/**
 * A client connection written by hand, byte by byte, for tests of what the server does with clients that are slow,
 * stall or send more than they should: what an HTTP library would never do.
 */
export interface RawConnection {
  send(data: string | Buffer): void;
  /** What the server sent so far. */
  received(): string;
  /** The status of the server's first answer once its status line has arrived; null if it closed without one. */
  status: Promise<number | null>;
  /** Settles when the connection is closed (by the server, or by `close`). */
  closed: Promise<void>;
  readonly isClosed: boolean;
  close(): void;
}

/** Connects to `url`'s host and port (from `localAddress`, another loopback address, when given). */
export function rawConnection(url: string, options: { localAddress?: string } = {}): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = net.connect({ host: hostname, port: Number(port), localAddress: options.localAddress });
  let text = '';
  let isClosed = false;
  let answered: (status: number | null) => void = () => {};
  const status = new Promise<number | null>((resolve) => (answered = resolve));
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      isClosed = true;
      answered(null);
      resolve();
    }),
  );
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    const line = /^HTTP\/1\.1 (\d{3}) /.exec(text);
    if (line) answered(Number(line[1]));
  });
  // A reset after the answer (the server dropping a client that kept sending) is an outcome, not a failure.
  socket.on('error', () => {});
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('connect', () =>
      resolve({
        send: (data) => void (socket.writable && socket.write(data)),
        received: () => text,
        status,
        closed,
        get isClosed() {
          return isClosed;
        },
        close: () => socket.destroy(),
      }),
    );
  });
}

/** The head of a request with a body of `length` bytes (the body itself is sent separately, or never). */
export function requestHead(
  method: string,
  path: string,
  headers: Record<string, string | number>,
  length?: number,
): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: shop.test'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (length !== undefined) lines.push(`Content-Length: ${length}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Settles with `promise`, or with `fallback` after `ms`: to tell "has not happened yet" without hanging. */
export function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
