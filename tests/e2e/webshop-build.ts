import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * `vite build` of the web shop into `outDir` (emptied first), as production builds it: the e2e tests and the
 * benchmark serve exactly the code under test, and never empty webshop/dist under a running `npm start`.
 */
export function buildWebshop(outDir: string): Promise<void> {
  return viteBuild('@shop/webshop', 'build', outDir);
}

/** The counter's screens (desktop renderer), as `npm run pos` builds them, into `outDir`. */
export function buildCounterScreens(outDir: string): Promise<void> {
  return viteBuild('@shop/desktop', 'build:renderer', outDir);
}

async function viteBuild(workspace: string, script: string, outDir: string): Promise<void> {
  const args = ['run', script, '--workspace', workspace, '--', '--outDir', outDir, '--emptyOutDir'];
  const output = await new Promise<string>((resolve, reject) => {
    // Vitest sets NODE_ENV=test, which would make a development build of React: build what customers get.
    const child = spawn('npm', args, {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`npm ${args.join(' ')} failed (exit ${code}):\n${text}`)),
    );
  });
  if (!fs.existsSync(path.join(outDir, 'index.html')))
    throw new Error(`the ${workspace} build wrote no index.html to ${outDir}:\n${output}`);
}
