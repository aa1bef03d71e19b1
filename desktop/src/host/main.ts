import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCoreRunner } from '../bridge/core-runner';
import { isLoopback, startHost } from './server';

/**
 * `npm run pos`: the counter in a browser. PORT (default 3100), HOST (default 127.0.0.1: this machine only; any
 * other address asks browsers for a staff PIN), POS_DATA_DIR (the device's local database, default ./data/pos).
 */
const rendererDir = fileURLToPath(new URL('../../dist/renderer', import.meta.url));
if (!existsSync(resolve(rendererDir, 'index.html'))) {
  console.error(
    `The counter's screens are not built: run "npm run build:renderer --workspace @shop/desktop" first.`,
  );
  process.exit(1);
}
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3100);
const dataDir = resolve(process.env.POS_DATA_DIR ?? 'data/pos');

const runner = await openCoreRunner({ dataDir });
const running = await startHost({
  runner,
  rendererDir,
  host,
  port,
  signIn: async (staffId, pin) => {
    await runner.run('signInWithPin', { staffId, pin });
  },
});
process.stdout.write(`Counter open at ${running.url} (data in ${dataDir})\n`);
if (!isLoopback(host))
  process.stdout.write('Listening beyond this machine: browsers sign in with a staff PIN first.\n');

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    void running
      .close()
      .then(() => runner.close())
      .then(() => process.exit(0));
  });
