import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  isCommandName,
  toCommandError,
  type CommandAnswer,
  type CommandRunner,
  type CoreMessage,
} from '../bridge/protocol';
import { acceptWebSocket, type WebSocketChannel } from './websocket';

/**
 * `GET /pos/socket` upgraded to a WebSocket: the same commands as `POST /pos/run/<command>`, kept open so a scan
 * costs one message each way instead of a request (measured in Chromium here: a request and its answer take about
 * 3.6 ms at the median, a message and its answer 0.8 ms; pos-scan in tests/bench). The page sends
 * `{ id, command, input }` (a CommandRequest) and gets `{ kind: "answer", id, ok, … }` back (a CoreMessage).
 *
 * A browser lets any page open a WebSocket to any address and cannot add the `x-pos-client` header to it, so the
 * header's job is done by the Origin, which the browser always sends and a page cannot forge: it must be this
 * host's own page. The Host rule and, beyond loopback, the staff PIN's cookie are the same as for `/pos/run`, and the
 * cookie is checked again at every message, so a session that ends also ends what its socket may do.
 */
export interface SocketAccess {
  /** Why the upgrade is refused (an HTTP status), or how to tell at each message that its session still holds. */
  check(req: IncomingMessage): { refused: number } | { stillAllowed: () => boolean };
  maxMessage: number;
  /** The largest message for a command (the back office's requests carry pictures). */
  maxFor(command: string): number;
}

export function commandSocket(runner: CommandRunner, access: SocketAccess) {
  const open = new Set<WebSocketChannel>();

  const answer = async (command: string, input: unknown): Promise<CommandAnswer> => {
    try {
      return { ok: true, output: await runner.run(command, input) };
    } catch (error) {
      return { ok: false, error: toCommandError(error) };
    }
  };

  return {
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      const verdict = access.check(req);
      if ('refused' in verdict) return refuse(socket, verdict.refused);
      const channel = acceptWebSocket(req, socket, head, {
        maxMessage: access.maxMessage,
        onText: (text) => {
          let request: { id?: unknown; command?: unknown; input?: unknown };
          try {
            request = JSON.parse(text) as typeof request;
          } catch {
            return channel && channel.close();
          }
          const { id, command } = request ?? {};
          // Without an id there is no one to answer: a page of ours never sends that.
          if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0)
            return channel && channel.close();
          const reply = (message: CommandAnswer) => {
            if (channel)
              channel.send(JSON.stringify({ kind: 'answer', id, ...message } satisfies CoreMessage));
          };
          if (!verdict.stillAllowed()) {
            reply({ ok: false, error: { code: 'host_sign_in', message: 'Sign in with your PIN' } });
            return channel && channel.close();
          }
          if (!isCommandName(command))
            return reply({ ok: false, error: { code: 'unknown_command', message: 'No such command' } });
          if (Buffer.byteLength(text) > access.maxFor(command))
            return reply({ ok: false, error: { code: 'too_large', message: 'The request is too large' } });
          void answer(command, request.input ?? null).then(reply);
        },
        onClose: () => {
          if (channel) open.delete(channel);
        },
      });
      if (!channel) return refuse(socket, 400);
      open.add(channel);
    },
    closeAll(): void {
      for (const channel of open) channel.close();
      open.clear();
    },
  };
}

function refuse(socket: Duplex, status: number): void {
  const reason = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    421: 'Misdirected Request',
  }[status];
  socket.end(`HTTP/1.1 ${status} ${reason ?? 'Refused'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
