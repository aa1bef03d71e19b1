import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The little of WebSocket (RFC 6455) the browser host needs to keep one channel open to its page: the upgrade, text
 * messages each way, ping/pong and close. No extensions, no binary messages, no fragments longer than `maxMessage`.
 * Written here rather than taken from a package: the host's commands are small JSON texts, and this is all of it.
 */
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface WebSocketChannel {
  send(text: string): void;
  close(): void;
}

/**
 * Answers an upgrade request and speaks WebSocket on its socket: `onText` for every message the page sends,
 * `onClose` once the channel ends (either side, or a broken frame). False when the request is not a valid
 * WebSocket upgrade (the caller answers it and destroys the socket).
 */
export function acceptWebSocket(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  options: { maxMessage: number; onText(text: string): void; onClose(): void },
): WebSocketChannel | false {
  const key = req.headers['sec-websocket-key'];
  if (
    typeof key !== 'string' ||
    !/^[A-Za-z0-9+/]{22}==$/.test(key) ||
    req.headers['sec-websocket-version'] !== '13' ||
    String(req.headers.upgrade).toLowerCase() !== 'websocket'
  )
    return false;
  const accept = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  // Each message goes out at once, as one segment: Nagle's wait would be latency for nothing here.
  if ('setNoDelay' in socket && typeof socket.setNoDelay === 'function') socket.setNoDelay(true);

  let buffered: Buffer = head.length > 0 ? Buffer.from(head) : Buffer.alloc(0);
  let parts: Buffer[] = [];
  let partsLength = 0;
  let open = true;

  const writeFrame = (opcode: number, payload: Buffer) => {
    if (!open || socket.destroyed) return;
    const length = payload.length;
    const header =
      length < 126
        ? Buffer.from([0x80 | opcode, length])
        : length < 65_536
          ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff])
          : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(length)]);
    socket.write(Buffer.concat([header, payload]));
  };

  const end = (code?: number) => {
    if (!open) return;
    if (code !== undefined) writeFrame(0x8, Buffer.from([code >> 8, code & 0xff]));
    open = false;
    socket.end();
    options.onClose();
  };

  const readFrames = () => {
    while (open) {
      if (buffered.length < 2) return;
      const first = buffered[0]!;
      const second = buffered[1]!;
      const fin = (first & 0x80) !== 0;
      const opcode = first & 0x0f;
      // A browser masks every frame it sends and uses no extensions: anything else is not our page.
      if ((first & 0x70) !== 0 || (second & 0x80) === 0) return end(1002);
      let length = second & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffered.length < 4) return;
        length = buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffered.length < 10) return;
        const big = buffered.readBigUInt64BE(2);
        if (big > BigInt(options.maxMessage)) return end(1009);
        length = Number(big);
        offset = 10;
      }
      if (length > options.maxMessage || partsLength + length > options.maxMessage) return end(1009);
      if (buffered.length < offset + 4 + length) return;
      const mask = buffered.subarray(offset, offset + 4);
      const payload = Buffer.from(buffered.subarray(offset + 4, offset + 4 + length));
      for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i & 3]!;
      buffered = buffered.subarray(offset + 4 + length);

      if (opcode === 0x8) return end(1000);
      if (opcode === 0x9) {
        writeFrame(0xa, payload);
        continue;
      }
      if (opcode === 0xa) continue;
      // Text (1) starts a message, continuation (0) carries on one; binary (2) has no use here.
      if (opcode !== 0x1 && opcode !== 0x0) return end(1003);
      if ((opcode === 0x1) === parts.length > 0) return end(1002);
      parts.push(payload);
      partsLength += payload.length;
      if (!fin) continue;
      const message = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
      parts = [];
      partsLength = 0;
      options.onText(message.toString('utf8'));
    }
  };

  socket.on('data', (chunk: Buffer) => {
    buffered = buffered.length > 0 ? Buffer.concat([buffered, chunk]) : chunk;
    readFrames();
  });
  socket.on('close', () => {
    if (open) {
      open = false;
      options.onClose();
    }
  });
  socket.on('error', () => socket.destroy());
  // What came with the upgrade is read once the caller holds the channel, so its answers have somewhere to go.
  process.nextTick(readFrames);

  return {
    send: (text) => writeFrame(0x1, Buffer.from(text, 'utf8')),
    close: () => end(1001),
  };
}

function bigLength(length: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(length));
  return out;
}
