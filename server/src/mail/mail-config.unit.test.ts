import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';
import { retryDelayMs } from './worker';

describe('mail and proxy configuration', () => {
  it('defaults: no SMTP (mails go to files), a local sender, a 1 s poll, no trusted proxy', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      smtpUrl: null,
      mailFrom: '"Computer Shop" <shop@localhost>',
      mailPollMs: 1000,
      trustProxy: false,
    });
  });

  it('takes smtp:// and smtps:// URLs and refuses anything else', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://user:pa%40ss@mail.example.com:587' }).smtpUrl).toBe(
      'smtp://user:pa%40ss@mail.example.com:587',
    );
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example.com' }).smtpUrl).toBe('smtps://mail.example.com');
    expect(loadConfig({ SMTP_URL: '' }).smtpUrl).toBeNull();
    for (const bad of ['http://mail.example.com', 'mail.example.com:587', 'smtp://']) {
      expect(() => loadConfig({ SMTP_URL: bad })).toThrow(/^Invalid configuration:\n {2}SMTP_URL: /);
    }
    expect(() => loadConfig({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM: /);
    expect(() => loadConfig({ MAIL_POLL_MS: 'often' })).toThrow(/MAIL_POLL_MS: /);
    expect(loadConfig({ MAIL_FROM: 'Shop <a@b.kh>', MAIL_POLL_MS: '250' })).toMatchObject({
      mailFrom: 'Shop <a@b.kh>',
      mailPollMs: 250,
    });
  });

  it("reads TRUST_PROXY as Express's 'trust proxy' value", () => {
    const trust = (value: string) => loadConfig({ TRUST_PROXY: value }).trustProxy;
    // Refused since issue 9: a client would choose its own address (config.unit.test.ts).
    expect(() => trust('true')).toThrow(/TRUST_PROXY: 'true' would let any client choose its own address/);
    expect(trust('false')).toBe(false);
    expect(trust('1')).toBe(1);
    expect(trust('10.0.0.1')).toEqual(['10.0.0.1']);
    expect(trust('loopback, 10.0.0.0/8, 192.168.1.0/255.255.255.0, ::1, fd00::/8')).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.168.1.0/255.255.255.0',
      '::1',
      'fd00::/8',
    ]);
    for (const bad of ['yes', 'proxy.example.com', '10.0.0.0/33', '10.0.0.1,', '1.2.3']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY: /);
    }
  });
});

describe('outbox retry delays', () => {
  it('start near 5 s, double, stop at 1 h, and are jittered', () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(5_000);
    expect(retryDelayMs(2, () => 0.5)).toBe(10_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(20_000);
    expect(retryDelayMs(9, () => 0.5)).toBe(1_280_000);
    expect(retryDelayMs(10, () => 0.5)).toBe(2_560_000);
    expect(retryDelayMs(12, () => 0.5)).toBe(3_600_000);
    expect(retryDelayMs(1, () => 0)).toBe(4_000);
    expect(retryDelayMs(1, () => 0.999_999)).toBeLessThanOrEqual(6_000);
    expect(retryDelayMs(30, () => 0.999_999)).toBe(3_600_000);
  });
});
