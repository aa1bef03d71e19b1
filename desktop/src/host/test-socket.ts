import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';

/**
 * A WebSocket client for the host's tests, written out so a test can also send what no browser would (an unmasked
 * frame, a forged Origin): `status` is 101 when the host took the upgrade, else its refusal.
 */
export interface TestSocket {
  status: number;
  send(value: unknown): void;
  sendFrame(payload: Buffer, options?: { masked?: boolean; opcode?: number }): void;
  /** The next text message, parsed. */
  next(): Promise<unknown>;
  closed: Promise<void>;
  close(): void;
}

export function openTestSocket(url: string, headers: Record<string, string>): Promise<TestSocket> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: target.hostname,
      port: target.port,
      path: target.pathname,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        ...headers,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      res.resume();
      resolve(refused(res.statusCode ?? 0));
    });
    req.on('upgrade', (_res, socket: Socket, head: Buffer) => resolve(client(socket, head)));
    req.end();
  });
}

function refused(status: number): TestSocket {
  const nothing = () => {
    throw new Error(`the host refused the socket (${status})`);
  };
  return { status, send: nothing, sendFrame: nothing, next: nothing, closed: Promise.resolve(), close() {} };
}

function client(socket: Socket, head: Buffer): TestSocket {
  let buffered = head;
  const messages: unknown[] = [];
  const waiting: ((value: unknown) => void)[] = [];
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      if (buffered.length < 2) return;
      let length = buffered[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        length = buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        length = Number(buffered.readBigUInt64BE(2));
        offset = 10;
      }
      if (buffered.length < offset + length) return;
      const opcode = buffered[0]! & 0x0f;
      const payload = buffered.subarray(offset, offset + length);
      buffered = buffered.subarray(offset + length);
      if (opcode !== 1) continue;
      const message = JSON.parse(payload.toString('utf8')) as unknown;
      const wake = waiting.shift();
      if (wake) wake(message);
      else messages.push(message);
    }
  });
  const sendFrame: TestSocket['sendFrame'] = (payload, { masked = true, opcode = 1 } = {}) => {
    const length = payload.length;
    const size =
      length < 126
        ? Buffer.from([length])
        : length < 65_536
          ? Buffer.from([126, length >> 8, length & 0xff])
          : Buffer.concat([Buffer.from([127]), bigEndian(length)]);
    if (masked) size[0]! |= 0x80;
    const mask = masked ? randomBytes(4) : Buffer.alloc(0);
    const body = Buffer.from(payload);
    if (masked) for (let i = 0; i < body.length; i++) body[i]! ^= mask[i & 3]!;
    socket.write(Buffer.concat([Buffer.from([0x80 | opcode]), size, mask, body]));
  };
  return {
    status: 101,
    send: (value) => sendFrame(Buffer.from(JSON.stringify(value))),
    sendFrame,
    next: () =>
      messages.length > 0
        ? Promise.resolve(messages.shift())
        : new Promise((resolve) => waiting.push(resolve)),
    closed,
    close: () => socket.destroy(),
  };
}

function bigEndian(length: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(length));
  return out;
}
