import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jwtExpiry } from '../modules/settings/bakong-token';
import { createSecretBox, SecretUnreadable } from './secret-box';
import { openSecretBox, SECRET_KEY_FILE } from './secret-key';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
const dataDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-secrets-'));
  dirs.push(dir);
  return dir;
};

describe('secrets at rest', () => {
  it('a sealed secret shows nothing of itself and opens only with its key and for its purpose', () => {
    const box = createSecretBox(Buffer.alloc(32, 7));
    const sealed = box.seal('eyJhbGciOiJIUzI1NiJ9.token-text', 'payments.bakongToken');
    expect(sealed).not.toContain('token-text');
    expect(box.seal('same', 'p')).not.toBe(box.seal('same', 'p'));
    expect(box.open(sealed, 'payments.bakongToken')).toBe('eyJhbGciOiJIUzI1NiJ9.token-text');
    expect(() => box.open(sealed, 'mail.delivery.smtp.password')).toThrow(SecretUnreadable);
    expect(() => createSecretBox(Buffer.alloc(32, 8)).open(sealed, 'payments.bakongToken')).toThrow(
      SecretUnreadable,
    );
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(tampered, 'payments.bakongToken')).toThrow(SecretUnreadable);
    expect(() => box.open('plain text', 'payments.bakongToken')).toThrow(SecretUnreadable);
  });

  it('without SECRETS_KEY, a key is made once in the data folder, readable by the owner only, and kept', () => {
    const dir = dataDir();
    const first = openSecretBox({ secretsKey: null, dataDir: dir });
    const file = path.join(dir, SECRET_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const sealed = first.seal('smtp-password', 'x');
    // A restart (or a second process on the same folder) opens what the first sealed.
    expect(openSecretBox({ secretsKey: null, dataDir: dir }).open(sealed, 'x')).toBe('smtp-password');
    expect(fs.readdirSync(dir)).toEqual([SECRET_KEY_FILE]);
  });

  it('SECRETS_KEY, as hex or base64, is the key', () => {
    const key = Buffer.alloc(32, 3);
    const sealed = openSecretBox({ secretsKey: key.toString('hex'), dataDir: dataDir() }).seal('s', 'x');
    expect(openSecretBox({ secretsKey: key.toString('base64'), dataDir: dataDir() }).open(sealed, 'x')).toBe(
      's',
    );
  });
});

describe('the Bakong token expiry', () => {
  const jwt = (claims: object) =>
    ['{"alg":"HS256"}', JSON.stringify(claims)].map((p) => Buffer.from(p).toString('base64url')).join('.') +
    '.signature';

  it('is read from a JWT, and unknown for anything else', () => {
    expect(jwtExpiry(jwt({ exp: 1_800_000_000 }))).toBe(1_800_000_000_000);
    expect(jwtExpiry(jwt({ sub: 'shop' }))).toBeNull();
    expect(jwtExpiry('not-a-jwt-token-at-all')).toBeNull();
    expect(jwtExpiry('a.b.c')).toBeNull();
  });
});
