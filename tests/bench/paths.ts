import path from 'node:path';

/** Where things are, independent of the directory the benchmark was started from. */
export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const serverDir = path.join(repoRoot, 'server');
export const serverMain = path.join(serverDir, 'src/main.ts');
/** What `npm start` runs: the server bundled by server/build.ts (the benchmark builds it first). */
export const builtServerMain = path.join(serverDir, 'dist/main.js');
export const seedCli = path.join(serverDir, 'src/cli/seed.ts');
export const bareServerEntry = path.join(import.meta.dirname, 'bare-server.ts');
export const defaultCacheDir = path.join(import.meta.dirname, '.cache');
export const defaultReportFile = path.join(repoRoot, 'docs/benchmarks.md');
