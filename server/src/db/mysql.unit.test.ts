import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { mysqlPoolOptions } from './mysql';

describe('MySQL connection settings', () => {
  it('always speaks utf8mb4 and reads the URL parts', () => {
    const options = mysqlPoolOptions('mysql://shop:p%40ss@db.example:3307/shop_prod');
    expect(options).toMatchObject({
      host: 'db.example',
      port: 3307,
      user: 'shop',
      password: 'p@ss',
      database: 'shop_prod',
      charset: 'utf8mb4_unicode_ci',
    });
    expect(options.ssl).toBeUndefined();
  });

  it('turns on verified TLS with a CA file for managed MySQL', () => {
    const ca = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ca-')), 'ca.pem');
    fs.writeFileSync(ca, '-----BEGIN CERTIFICATE-----\ntest\n-----END CERTIFICATE-----\n');
    const options = mysqlPoolOptions(
      `mysql://u:p@mysql.aivencloud.com:12345/defaultdb?ssl-mode=REQUIRED&ssl-ca=${ca}`,
    );
    expect(options.ssl).toEqual({ rejectUnauthorized: true, ca: fs.readFileSync(ca, 'utf8') });
    expect(() => mysqlPoolOptions('mysql://u@h/db?ssl-mode=SOMETIMES')).toThrow(/ssl-mode/);
    expect(() => mysqlPoolOptions('mysql://u@h/')).toThrow(/must name the database/);
  });

  it('retries an unreachable server, then gives up with a message that says so', async () => {
    const started = Date.now();
    // Port 9 (discard) on loopback refuses connections.
    await expect(openDatabase('mysql://root@127.0.0.1:9/shop', { connectAttempts: 2 })).rejects.toThrow(
      /^Cannot reach MySQL at 127\.0\.0\.1:9 after 2 attempts: connect ECONNREFUSED/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });
});
