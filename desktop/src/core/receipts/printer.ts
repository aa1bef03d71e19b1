import fs from 'node:fs/promises';
import net from 'node:net';

/**
 * Where the receipt printer is: a network printer's raw port (9100, "JetDirect"), or a device file the operating
 * system gives a USB or serial printer (/dev/usb/lp0 on Linux). Bytes go as they are: no driver, no spooler.
 */
export type PrinterTarget =
  { kind: 'tcp'; host: string; port?: number; timeoutMs?: number } | { kind: 'device'; path: string };

export class PrinterUnreachable extends Error {
  constructor(where: string, cause: unknown) {
    super(`The receipt printer at ${where} did not take the receipt: ${(cause as Error).message ?? cause}`, {
      cause,
    });
    this.name = 'PrinterUnreachable';
  }
}

export async function sendToPrinter(bytes: Uint8Array, target: PrinterTarget): Promise<void> {
  if (target.kind === 'device') {
    try {
      // Append, never truncate: a device file is a stream, and a regular file used in tests keeps every job.
      await fs.appendFile(target.path, bytes);
    } catch (error) {
      throw new PrinterUnreachable(target.path, error);
    }
    return;
  }
  const { host, port = 9100, timeoutMs = 10_000 } = target;
  await new Promise<void>((resolve, reject) => {
    const socket = net.connect({ host, port });
    const fail = (error: unknown) => {
      socket.destroy();
      reject(new PrinterUnreachable(`${host}:${port}`, error));
    };
    // A printer that stops reading (paper out, cover open) must not hold the counter forever.
    socket.setTimeout(timeoutMs, () => fail(new Error(`no progress for ${timeoutMs} ms`)));
    socket.once('error', fail);
    // Done once every byte is handed to the network: the printer closes its side when it pleases.
    socket.once('connect', () =>
      socket.end(bytes, () => {
        socket.setTimeout(0);
        resolve();
      }),
    );
  });
}
