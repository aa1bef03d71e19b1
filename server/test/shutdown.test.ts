import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { testDialect } from './support';

const serverMain = path.resolve(import.meta.dirname, '../src/main.ts');

describe.runIf(testDialect === 'sqlite')('shutdown on SIGTERM', () => {
  it('finishes the request in flight, refuses new ones, closes the database and exits 0', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-shutdown-'));
    const child = spawn(process.execPath, ['--import', 'tsx', serverMain], {
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        SEED: 'none',
        DATABASE_URL: '',
        NODE_ENV: 'production',
        // Production refuses the Bakong stand-in; this address is never called during the test.
        BAKONG_API_URL: 'https://127.0.0.1:9',
        BAKONG_TOKEN: 'unused',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');

    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
      child.once('exit', () => reject(new Error(`server exited at start:\n${output}`)));
      child.stdout.on('data', () => {
        const match = /"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
    });

    // A request whose body is still arriving when the signal comes.
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const body = JSON.stringify({ sku: 'LATE-1', name: 'Arrives during shutdown' });
    socket.write(
      `POST /api/v1/admin/products HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    await new Promise((resolve) => setTimeout(resolve, 200));

    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(child.exitCode).toBeNull();
    const refused = await new Promise<string>((resolve) => {
      const late = net.connect(port, '127.0.0.1');
      late.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      late.on('connect', () => resolve('connected'));
    });
    expect(refused).toBe('ECONNREFUSED');

    socket.write(body.slice(10));
    const [code] = await exited;
    expect(code).toBe(0);
    // The whole request was read and answered (403: a browser request without its CSRF token).
    expect(answer).toMatch(/^HTTP\/1\.1 403 /);
    expect(answer).toContain('CSRF token');
    expect(output).toContain('shutting down');
    // better-sqlite3 checkpoints and removes the WAL file when the database is closed properly.
    expect(fs.existsSync(path.join(dataDir, 'shop.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'shop.sqlite-wal'))).toBe(false);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
