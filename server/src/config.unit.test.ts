import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('runs with no settings at all: SQLite under ./data, port 3000, demo data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      seed: 'demo',
      publicUrl: 'http://localhost:3000',
    });
    expect(config.databaseUrl).toBe(`sqlite:${path.join(config.dataDir, 'shop.sqlite')}`);
    expect(path.isAbsolute(config.dataDir)).toBe(true);
  });

  it('stops on a bad value with a message naming the variable', () => {
    const cases: [Record<string, string>, string][] = [
      [{ PORT: 'eighty' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
      [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
      [{ SEED: 'lots' }, 'SEED'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    ];
    for (const [env, variable] of cases) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}: `));
    }
  });

  it('keeps MySQL URLs as given and trims a trailing slash from the public URL', () => {
    const config = loadConfig({
      DATABASE_URL: 'mysql://shop:pw@db:3306/shop',
      PUBLIC_URL: 'https://shop.example.com/',
    });
    expect(config.databaseUrl).toBe('mysql://shop:pw@db:3306/shop');
    expect(config.publicUrl).toBe('https://shop.example.com');
  });

  it('refuses TRUST_PROXY=true and says what to set instead: a client would choose its own address', () => {
    for (const value of ['true', 'TRUE', ' true ']) {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(
        /TRUST_PROXY: 'true' would let any client choose its own address with X-Forwarded-For; set the number of proxies in front of the shop \(1 for one nginx or Caddy\) or their addresses, e\.g\. loopback or 10\.0\.0\.0\/8/,
      );
    }
    const trust = (value: string) => loadConfig({ TRUST_PROXY: value }).trustProxy;
    expect(trust('1')).toBe(1);
    expect(trust('2')).toBe(2);
    expect(trust('0')).toBe(false);
    expect(trust('loopback')).toEqual(['loopback']);
    expect(trust('linklocal, uniquelocal, 10.0.0.0/8')).toEqual(['linklocal', 'uniquelocal', '10.0.0.0/8']);
    expect(() => loadConfig({ TRUST_PROXY: '11' })).toThrow(/TRUST_PROXY: a hop count is at most 10/);
    expect(() => loadConfig({ TRUST_PROXY: 'all' })).toThrow(
      /TRUST_PROXY: must be 'false', a number of proxies/,
    );
  });

  it('limits what one client may take: tight header and body timeouts, longer only for uploads', () => {
    expect(loadConfig({}).limits).toEqual({
      headersTimeoutMs: 10_000,
      bodyTimeoutMs: 10_000,
      uploadTimeoutMs: 120_000,
      maxConnections: null,
      bodyReaders: 256,
      bodyMemoryBytes: 16 * 1024 * 1024,
      bodyWaitMs: 1_000,
    });
    expect(
      loadConfig({
        HEADERS_TIMEOUT_MS: '500',
        BODY_TIMEOUT_MS: '700',
        UPLOAD_TIMEOUT_MS: '60000',
        MAX_CONNECTIONS: '20',
        BODY_READS_AT_ONCE: '8',
        BODY_MEMORY_BYTES: '65536',
        BODY_WAIT_MS: '0',
      }).limits,
    ).toEqual({
      headersTimeoutMs: 500,
      bodyTimeoutMs: 700,
      uploadTimeoutMs: 60_000,
      maxConnections: 20,
      bodyReaders: 8,
      bodyMemoryBytes: 65_536,
      bodyWaitMs: 0,
    });
    const cases: [Record<string, string>, RegExp][] = [
      [{ HEADERS_TIMEOUT_MS: '0' }, /HEADERS_TIMEOUT_MS: /],
      [{ MAX_CONNECTIONS: '0' }, /MAX_CONNECTIONS: /],
      [{ BODY_MEMORY_BYTES: '1000' }, /BODY_MEMORY_BYTES: /],
      [{ HEADERS_TIMEOUT_MS: '30000', UPLOAD_TIMEOUT_MS: '20000' }, /UPLOAD_TIMEOUT_MS: must be at least/],
    ];
    for (const [env, message] of cases) expect(() => loadConfig(env)).toThrow(message);
  });
});
