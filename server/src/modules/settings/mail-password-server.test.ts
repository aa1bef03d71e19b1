import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '@shop/shared';
import { failure, startTestShop, type TestShop } from '../../../test/factory';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp';

/**
 * The SMTP password is sealed and never answered, so whoever holds an admin's session (a stolen cookie, a borrowed
 * laptop) cannot read it. Kept when a form leaves it out, it must not follow the settings to another server: pointing
 * the host or port at one's own server and sending a test mail would make the shop log in there with it.
 */
const PASSWORD = 'the-real-smtp-password';

/** A mail server that keeps the passwords clients log in with (what an attacker would run). */
async function startPasswordCatcher() {
  const passwords: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      passwords.push(auth.password ?? '');
      callback(null, { user: auth.username ?? 'x' });
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, passwords, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let shop: TestShop;
let smtp: TestSmtpServer;
let catcher: Awaited<ReturnType<typeof startPasswordCatcher>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  catcher = await startPasswordCatcher();
  shop = await startTestShop();
  await shop.admin.setMailSettings({
    body: {
      senderName: 'Angkor PC',
      senderAddress: 'hello@angkorpc.example',
      smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'shop', password: PASSWORD },
    },
  });
});
afterAll(async () => {
  await shop?.stop();
  await catcher?.stop();
  await smtp?.stop();
});

describe('the stored SMTP password stays with its server', () => {
  it('another server (port, host or user) without the password again: 400, nothing changed, nothing sent', async () => {
    const before = (await shop.admin.getAdminSettings({})).mail;
    for (const smtpChange of [
      { host: '127.0.0.1', port: catcher.port, security: 'none', user: 'shop' },
      { host: 'localhost', port: smtp.port, security: 'none', user: 'shop' },
      { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'someone-else' },
    ] as const) {
      const error = await failure<ApiError>(
        shop.admin.setMailSettings({
          body: { senderName: 'Angkor PC', senderAddress: 'hello@angkorpc.example', smtp: smtpChange },
        }),
      );
      expect(error).toMatchObject({ status: 400, fields: { 'smtp.password': expect.any(String) } });
    }
    expect((await shop.admin.getAdminSettings({})).mail).toEqual(before);
    await shop.admin.sendTestMail({});
    expect(catcher.passwords).toEqual([]);
  });

  it('the same server keeps it; another server takes a password entered for it', async () => {
    const same = await shop.admin.setMailSettings({
      body: {
        senderName: 'Angkor PC Shop',
        senderAddress: 'hello@angkorpc.example',
        smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'shop' },
      },
    });
    expect(same.smtp).toMatchObject({ passwordSet: true });
    const moved = await shop.admin.setMailSettings({
      body: {
        senderName: 'Angkor PC',
        senderAddress: 'hello@angkorpc.example',
        smtp: {
          host: '127.0.0.1',
          port: catcher.port,
          security: 'none',
          user: 'shop',
          password: 'its-own-pass',
        },
      },
    });
    expect(moved.smtp).toMatchObject({ port: catcher.port, passwordSet: true });
    await shop.admin.sendTestMail({});
    expect(catcher.passwords).toEqual(['its-own-pass']);
  });

  it('a server without a user drops the password: a user named later logs in with none until one is entered', async () => {
    const noUser = await shop.admin.setMailSettings({
      body: {
        senderName: 'Angkor PC',
        senderAddress: 'hello@angkorpc.example',
        smtp: { host: '127.0.0.1', port: catcher.port, security: 'none', user: null },
      },
    });
    expect(noUser.smtp).toMatchObject({ user: null, passwordSet: false });
    const userAgain = await shop.admin.setMailSettings({
      body: {
        senderName: 'Angkor PC',
        senderAddress: 'hello@angkorpc.example',
        smtp: { host: '127.0.0.1', port: catcher.port, security: 'none', user: 'shop' },
      },
    });
    expect(userAgain.smtp).toMatchObject({ user: 'shop', passwordSet: false });
  });
});
