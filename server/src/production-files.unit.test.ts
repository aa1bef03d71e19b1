import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

/**
 * The files the production guide (README, "Production guide") tells an operator to install: the systemd unit passes
 * `systemd-analyze verify` (where systemd is installed), and the environment file is a configuration the server
 * starts with, naming every variable it reads.
 */
const deploy = path.resolve(import.meta.dirname, '../../deploy');
const systemdAnalyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((file) =>
  fs.existsSync(file),
);

/** KEY=value lines as systemd's EnvironmentFile reads them (and `set -a; . file` in a shell). */
function readEnvFile(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (!match) continue;
    const value = match[2]!;
    env[match[1]!] = /^(['"]).*\1$/.test(value) ? value.slice(1, -1) : value;
  }
  return env;
}

describe('the production files', () => {
  it.runIf(systemdAnalyze)('the systemd unit passes systemd-analyze verify', () => {
    // Throws with systemd's complaint on stderr (an unknown key, a command that is not executable).
    const output = execFileSync(systemdAnalyze!, ['verify', path.join(deploy, 'computer-shop.service')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(output).toBe('');
  });

  it('the environment file names every variable the server reads, and the server takes it', () => {
    const env = readEnvFile(path.join(deploy, 'shop.env.example'));
    const source = fs.readFileSync(path.join(import.meta.dirname, 'config.ts'), 'utf8');
    // The keys of envSchema: the object's own lines, two spaces in, up to its closing line.
    const start = source.indexOf('const envSchema');
    const schema = source.slice(start, source.indexOf('\n});\n', start));
    const read = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]!);
    expect(read.length).toBeGreaterThan(30);
    expect(Object.keys(env).sort()).toEqual([...read].sort());
    const config = loadConfig(env);
    expect(config).toMatchObject({
      env: 'production',
      host: '127.0.0.1',
      seed: 'none',
      trustProxy: 1,
      dataDir: '/var/lib/computer-shop',
      mailFrom: '"Angkor PC" <shop@example.com.kh>',
      bakong: { standin: false, baseUrl: 'https://api-bakong.nbc.gov.kh' },
      storage: { kind: 'disk' },
    });
  });
});
