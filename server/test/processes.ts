import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildServer } from '../build';
import { serverRoot } from '../src/server-root';

const serverMain = path.resolve(import.meta.dirname, '../src/main.ts');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGKILL: the process dies at once, mid-whatever, as a crash or a pulled plug would. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<number | null>;
}

/**
 * The real server in a process of its own, on a free loopback port: its sources under tsx
 * (`node --import tsx server/src/main.ts`), or with `built`, a bundle made by server/build.ts, as production runs it.
 */
export async function spawnServer(
  env: Record<string, string>,
  options: { built?: string } = {},
): Promise<ServerProcess> {
  const args = options.built ? ['--enable-source-maps', options.built] : ['--import', 'tsx', serverMain];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.once('exit', () => reject(new Error(`server exited at start:\n${output}`)));
    child.stdout!.on('data', () => {
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
  return {
    url,
    child,
    output: () => output,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      const [code] = await exited;
      return code as number | null;
    },
  };
}

/** The server and its command line as bundles (server/build.ts), for the tests of one file. */
export interface BuiltServer {
  /** The server, as `npm start` runs it: pass as `spawnServer(env, { built: built.main })`. */
  main: string;
  /** `npm run shop -- …`: `node <shop> <command> …`. */
  shop: string;
}

/**
 * Builds the server and its command line once for a test file (in `beforeAll`; removed in `afterAll`), beside
 * dist/main.js so a running shop's bundle is left alone. Tests that start processes run these: under tsx every
 * process compiled the server's modules first, two to three seconds of CPU each, and a file starting forty
 * commands spent minutes of CI's two cores on it. The bundle is what production runs (built-server.test.ts).
 */
export function useBuiltServer(): BuiltServer {
  const outdir = path.join(serverRoot, 'dist', `test-${process.pid}-${Date.now()}`);
  const built: BuiltServer = { main: path.join(outdir, 'main.js'), shop: path.join(outdir, 'shop.js') };
  beforeAll(async () => {
    await buildServer(outdir, ['main', 'shop']);
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));
  return built;
}
