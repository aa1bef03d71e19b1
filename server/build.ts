import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * `npm run build --workspace @shop/server`: the server as one JavaScript file, `dist/main.js`, so production starts
 * compiled code instead of compiling TypeScript at every start (tsx stays for development, tests and the command
 * line). The shop's own packages (`@shop/*`, TypeScript sources) are bundled in; every other dependency stays an
 * import of node_modules, as native addons (better-sqlite3, sharp) and packages that read their own files must.
 * The bundle finds the files it ships with (fonts, package.json) from the server's folder (src/server-root.ts), so
 * it runs from any folder below `server/`.
 */
const serverDir = import.meta.dirname;

export async function buildServer(outdir = path.join(serverDir, 'dist')): Promise<string> {
  const manifest = JSON.parse(readFileSync(path.join(serverDir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  await build({
    entryPoints: { main: path.join(serverDir, 'src/main.ts') },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: Object.keys(manifest.dependencies).filter((name) => !name.startsWith('@shop/')),
    // Stack traces in the logs point at the TypeScript sources (node --enable-source-maps).
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
  return path.join(outdir, 'main.js');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const entry = await buildServer(process.argv[2] && path.resolve(process.argv[2]));
  process.stdout.write(
    `server built into ${path.relative(process.cwd(), entry)} in ${Math.round(performance.now() - started)} ms\n`,
  );
}
