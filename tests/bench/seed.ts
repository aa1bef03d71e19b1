import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { seedCli, serverDir } from './paths';
import type { ShopServerTarget } from './server-process';

export interface SeedResult {
  /** Products the run added (the demo catalog counts when the database was empty). */
  added: number;
  /** Wall-clock seconds, start-up of the CLI included. */
  seconds: number;
  /** The progress callback asked to stop: the database holds a partial catalog. */
  aborted: boolean;
}

const running = new Set<ChildProcess>();

/** Kills seed runs still going (on an interrupted run); their databases are left half-built and rebuilt next time. */
export function killSeeding(): void {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * Grows the database to `products` with the server's own seed CLI (`npm run seed -- --products N`), in a child
 * process. `onProgress` sees each batch (products added so far, seconds elapsed) and may return false to stop it.
 */
export function runSeedCli(
  target: ShopServerTarget,
  products: number,
  onProgress?: (added: number, seconds: number) => boolean,
): Promise<SeedResult> {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const child = spawn(process.execPath, ['--import', 'tsx', seedCli, '--products', String(products)], {
    cwd: serverDir,
    env: { ...process.env, DATABASE_URL: target.databaseUrl, DATA_DIR: target.dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let added = 0;
  let aborted = false;
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split(/[\r\n]+/)) {
      const match = /^(\d+) products added/.exec(line);
      if (!match) continue;
      added = Number(match[1]);
      if (!aborted && onProgress && !onProgress(added, elapsed())) {
        aborted = true;
        child.kill('SIGKILL');
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-2_000)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (aborted) resolve({ added, seconds: elapsed(), aborted });
      else if (code === 0) resolve({ added, seconds: elapsed(), aborted });
      else
        reject(
          new Error(`seeding ${target.databaseUrl} to ${products} products failed (${code}):\n${output}`),
        );
    });
  });
}
