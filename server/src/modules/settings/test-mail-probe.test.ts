import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '@shop/shared';
import { failure, startTestShop, type TestShop } from '../../../test/factory';

/**
 * The test mail says what the mail server answered, so an admin can fix a refused login. Pointed at something that
 * is not a mail server (an internal SSH or database port of the shop's network), it must not read that service's
 * greeting back to whoever holds the session: the back office would become a scanner of the network behind it.
 */
const BANNER = 'SSH-2.0-OpenSSH_9.6 internal-build-7f3a';

let shop: TestShop;
let service: net.Server;

beforeAll(async () => {
  service = net.createServer((socket) => {
    socket.on('error', () => {});
    socket.write(`${BANNER}\r\n`);
  });
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
  shop = await startTestShop();
});
afterAll(async () => {
  await shop?.stop();
  await new Promise((resolve) => service?.close(resolve));
});

describe('a test mail through a server that is not a mail server', () => {
  it('is a 502 saying so, without what that service said', async () => {
    await shop.admin.setMailSettings({
      body: {
        senderName: 'Angkor PC',
        senderAddress: 'hello@angkorpc.example',
        smtp: {
          host: '127.0.0.1',
          port: (service.address() as AddressInfo).port,
          security: 'none',
          user: null,
        },
      },
    });
    const error = await failure<ApiError>(shop.admin.sendTestMail({}));
    expect(error).toMatchObject({ status: 502, code: 'upstream_failed' });
    expect(error.message).toMatch(/not as a mail server/);
    expect(error.message).not.toContain('OpenSSH');
  });
});
