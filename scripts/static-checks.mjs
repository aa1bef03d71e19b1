#!/usr/bin/env node
// The checks `npm test` runs before the tests: four type checks, ESLint and Prettier. Each is one process on one
// core, so on CI's two cores they run two at a time instead of one after another (about half the wall time).
// The slowest come first. Each check's output is printed whole when it ends, so two never interleave.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const checks = [
  ['type check: server, shared, tests', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['lint: eslint', 'npx', ['eslint', '.']],
  ['type check: web shop', 'npx', ['tsc', '-p', 'webshop/tsconfig.json']],
  ['type check: desktop', 'npx', ['tsc', '-p', 'desktop/tsconfig.json']],
  ['type check: browser tests', 'npx', ['tsc', '-p', 'tests/e2e/tsconfig.json']],
  ['lint: prettier', 'npx', ['prettier', '--check', '.']],
];

function run([name, command, args]) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const verdict = code === 0 ? 'ok' : `FAILED (exit ${code})`;
      process.stdout.write(`\n== ${name}: ${verdict} in ${seconds} s\n${code === 0 ? '' : output}`);
      resolve(code === 0);
    });
  });
}

const queue = [...checks];
const atOnce = Math.max(1, Math.min(availableParallelism(), 2));
const results = await Promise.all(
  Array.from({ length: atOnce }, async () => {
    const passed = [];
    for (let check = queue.shift(); check; check = queue.shift()) passed.push(await run(check));
    return passed;
  }),
);
const failed = results.flat().filter((passed) => !passed).length;
if (failed > 0) {
  console.error(`\n${failed} of ${checks.length} checks failed`);
  process.exit(1);
}
