import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getShopIdentity } from '../src/modules/settings/service';
import { DEMO_CONTACT } from '../src/modules/settings/shop-info';
import { browserClient, startTestServer, type TestServer } from './support';

/** The embedded default as a person trying the shop meets it: demo data, demo staff, mail as files. */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ seed: 'demo', env: { MAIL_POLL_MS: '50' } });
});
afterAll(() => server?.stop());

function demoPassword(role: 'admin' | 'staff'): { email: string; password: string } {
  const line = server.logLines.find((l) => l.includes(`Demo ${role} account`));
  const match = /account: (\S+) with password (\S+) /.exec(line ?? '');
  if (!match) throw new Error(`no demo ${role} line in the log`);
  return { email: match[1]!, password: match[2]! };
}

async function readMailFile(to: string, timeoutMs = 5000): Promise<string> {
  const dir = path.join(server.dataDir, 'mail');
  for (
    const started = Date.now();
    Date.now() - started < timeoutMs;
    await new Promise((r) => setTimeout(r, 50))
  ) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')) : [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      if (text.includes(to)) return text;
    }
  }
  throw new Error(`no mail file for ${to}`);
}

describe('the demo shop', () => {
  it('prints a demo admin and staff password once, and the admin signs in with the code from the mail file', async () => {
    const admin = demoPassword('admin');
    expect(server.logLines.filter((l) => l.includes(admin.password))).toHaveLength(1);
    const browser = browserClient(server.url);
    const first = await browser.client.login({ body: { email: admin.email, password: admin.password } });
    expect(first).toMatchObject({ otpRequired: true });
    if (!('otpRequired' in first)) return;

    const eml = await readMailFile(admin.email);
    const code = /^\s*(\d{6})\s*$/m.exec(eml.replace(/=\r?\n/g, ''))?.[1];
    expect(code).toBeDefined();
    expect(server.logLines.some((l) => l.includes('mail written to file'))).toBe(true);
    expect(server.logLines.join('\n')).not.toContain(code!);

    const signedIn = await browser.client.loginOtp({ body: { challengeId: first.challengeId, code: code! } });
    expect(signedIn.user).toMatchObject({ role: 'admin', email: admin.email });
    expect(
      (await browser.client.listUsers({ query: { role: 'staff' } })).items.map((u) => u.email),
    ).toContain(demoPassword('staff').email);
  });

  it("keeps a whole shop's address, opening hours, phone and email in its settings, for mails and pages", async () => {
    const identity = await getShopIdentity(server.database.db);
    expect(identity).toMatchObject({
      address: DEMO_CONTACT.address,
      hours: DEMO_CONTACT.hours,
      phone: DEMO_CONTACT.phone,
      supportEmail: DEMO_CONTACT.email,
    });
    expect(identity.address).toMatch(/Phnom Penh$/);
    expect((await server.client.getShopInfo({})).contact).toEqual({
      address: DEMO_CONTACT.address,
      hours: DEMO_CONTACT.hours,
      phone: DEMO_CONTACT.phone,
      email: DEMO_CONTACT.email,
    });
  });

  it('sends security headers with every answer', async () => {
    const response = await fetch(`${server.url}/api/v1/health`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});

describe('an empty shop', () => {
  it('with SEED=none has no products and no accounts', async () => {
    const empty = await startTestServer({ seed: 'none' });
    try {
      expect((await empty.client.listProducts({ query: {} })).total).toBe(0);
      const users = await empty.database.db.selectFrom('users').select('id').execute();
      expect(users).toEqual([]);
      expect(empty.logLines.some((l) => l.includes('Demo admin'))).toBe(false);
    } finally {
      await empty.stop();
    }
  });
});
