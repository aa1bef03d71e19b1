import fs from 'node:fs/promises';
import net from 'node:net';
import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';
import type { PrinterTarget } from './printer';

/** The counter's receipt printer: a network printer's raw port, a device file, or none (print from the screen). */
export type PrinterSetting =
  { kind: 'none' } | { kind: 'tcp'; host: string; port: number } | { kind: 'device'; path: string };

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/**
 * Device files a receipt printer shows up as: USB printer class, serial and USB-serial adapters, Bluetooth serial,
 * the stable by-id/by-path links to those (Linux), and call-out serial devices (macOS). Nothing else under /dev:
 * /dev/fd/N and /dev/stdout would write into the app's own open files (its database), a disk device would be
 * destroyed, /dev/shm is a place to write files. The browser host can be reached from a tablet, so a setting sent
 * from there must never name such a file.
 */
const PRINTER_DEVICES = [
  /^\/dev\/usb\/lp[0-9]{1,3}$/,
  /^\/dev\/lp[0-9]{1,3}$/,
  /^\/dev\/tty(?:USB|ACM|S)[0-9]{1,3}$/,
  /^\/dev\/rfcomm[0-9]{1,3}$/,
  /^\/dev\/serial\/by-(?:id|path)\/[A-Za-z0-9][A-Za-z0-9_.:+-]{0,200}$/,
  /^\/dev\/cu\.[A-Za-z0-9][A-Za-z0-9_.-]{0,100}$/,
];
/** Windows' serial and parallel ports, as COM3 or \\.\COM12 (ports above 9 need the prefix to be opened). */
const WINDOWS_PORT = /^(?:\\\\\.\\)?(COM[1-9][0-9]{0,2}|LPT[1-9])$/i;

const invalid = (message: string) => new PosError('invalid', message);

/** A printer setting as the screens send it, checked; anything else is refused with what to enter. */
export function parsePrinterSetting(input: unknown): PrinterSetting {
  const fields = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  switch (fields.kind) {
    case 'none':
      return { kind: 'none' };
    case 'tcp': {
      const { host, port } = fields;
      if (typeof host !== 'string' || !(HOSTNAME.test(host) || net.isIP(host) !== 0))
        throw invalid(
          "enter the printer's address only, such as 192.168.1.50 or printer.local (no port or path)",
        );
      if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535)
        throw invalid("enter the printer's port from 1 to 65535 (network receipt printers use 9100)");
      return { kind: 'tcp', host: host.toLowerCase(), port };
    }
    case 'device': {
      const { path } = fields;
      if (typeof path !== 'string') throw invalid('enter the printer device, such as /dev/usb/lp0 or COM3');
      const windows = WINDOWS_PORT.exec(path);
      if (windows) return { kind: 'device', path: `\\\\.\\${windows[1]!.toUpperCase()}` };
      if (!isPrinterDevice(path))
        throw invalid(
          'a receipt printer device is a printer or serial port: /dev/usb/lp0, /dev/ttyUSB0, /dev/serial/by-id/…, ' +
            '/dev/cu.… (macOS) or COM3 (Windows)',
        );
      return { kind: 'device', path };
    }
    default:
      throw invalid("choose the printer's connection: tcp (network), device (USB or serial) or none");
  }
}

function isPrinterDevice(path: string): boolean {
  return PRINTER_DEVICES.some((pattern) => pattern.test(path));
}

/**
 * Where the bytes go, checked again just before printing: a by-id link (or a device renamed since it was set) must
 * still lead to a printer-like character device, never to a file the setting could not have named itself.
 */
export async function printerTarget(setting: PrinterSetting): Promise<PrinterTarget> {
  if (setting.kind === 'none')
    throw new PosError('not_found', 'no receipt printer is set for this counter: choose one in the settings');
  if (setting.kind === 'tcp') return { kind: 'tcp', host: setting.host, port: setting.port };
  if (WINDOWS_PORT.test(setting.path)) return { kind: 'device', path: setting.path };
  let real: string;
  try {
    real = await fs.realpath(setting.path);
  } catch (error) {
    throw new PosError(
      'printer_unreachable',
      `the receipt printer ${setting.path} is not connected: ${(error as Error).message}`,
    );
  }
  const stat = await fs.stat(real);
  if (!isPrinterDevice(real) || !stat.isCharacterDevice())
    throw new PosError(
      'invalid',
      `${setting.path} is not a printer device (it leads to ${real}): choose the printer again`,
    );
  return { kind: 'device', path: real };
}

const PRINTER_KEY = 'receiptPrinter';

/** The printer setting of this machine, kept in its own database (never synced: printers belong to a machine). */
export function printerSettings(db: LocalDb) {
  const read = db.prepare('SELECT value FROM device_settings WHERE key = ?').pluck();
  const write = db.prepare(
    'INSERT INTO device_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    current(): PrinterSetting {
      const value = read.get(PRINTER_KEY) as string | undefined;
      return value ? parsePrinterSetting(JSON.parse(value)) : { kind: 'none' };
    },
    set(input: unknown): PrinterSetting {
      const setting = parsePrinterSetting(input);
      write.run(PRINTER_KEY, JSON.stringify(setting));
      return setting;
    },
  };
}
