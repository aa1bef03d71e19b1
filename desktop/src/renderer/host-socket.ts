import type { CommandAnswer, CoreMessage } from '../bridge/protocol';

/**
 * The page's WebSocket to the browser host (`/pos/socket`, host/command-socket.ts): commands as messages over one
 * connection kept open, a fraction of a request's round trip (what a scan waits for). `send` answers null while
 * there is no open socket (the page just loaded, the host restarted, a remote tablet not signed in yet): the caller
 * then uses the host's HTTP route, and a new socket is tried in the background, at most once a second.
 */
const RETRY_MS = 1_000;

export function hostSocket(url: () => string) {
  let socket: WebSocket | null = null;
  let triedAt = -Infinity;
  let nextId = 1;
  const waiting = new Map<number, { resolve(answer: CommandAnswer): void; reject(error: Error): void }>();

  const connect = () => {
    triedAt = performance.now();
    const opened = new WebSocket(url());
    opened.onmessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as CoreMessage;
      if (message.kind !== 'answer') return;
      const { kind: _kind, id, ...answer } = message;
      waiting.get(id)?.resolve(answer);
      waiting.delete(id);
    };
    opened.onclose = () => {
      if (socket === opened) socket = null;
      // Whether these commands ran is unknown, as when a request's connection drops: the screens say so.
      for (const { reject } of waiting.values()) reject(new Error('The counter closed the connection'));
      waiting.clear();
    };
    socket = opened;
  };

  return {
    send(command: string, input: unknown): Promise<CommandAnswer> | null {
      if (socket?.readyState !== WebSocket.OPEN) {
        if (!socket && performance.now() - triedAt > RETRY_MS) connect();
        return null;
      }
      const id = nextId++;
      const open = socket;
      return new Promise<CommandAnswer>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        open.send(JSON.stringify({ id, command, input }));
      });
    },
  };
}
