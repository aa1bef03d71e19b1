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
});
