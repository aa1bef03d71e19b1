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

/** What can be built: the server, and the command line (`npm run shop -- …`, which tests run built). */
const entryPoints = { main: 'src/main.ts', shop: 'src/cli/shop.ts' } as const;

/** Builds `dist/main.js` (and, with `entries`, the others: `<outdir>/shop.js`); answers the first one's path. */
export async function buildServer(
  outdir = path.join(serverDir, 'dist'),
  entries: readonly (keyof typeof entryPoints)[] = ['main'],
): Promise<string> {
  const manifest = JSON.parse(readFileSync(path.join(serverDir, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  await build({
    entryPoints: Object.fromEntries(entries.map((name) => [name, path.join(serverDir, entryPoints[name])])),
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
  return path.join(outdir, `${entries[0]}.js`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const entry = await buildServer(process.argv[2] && path.resolve(process.argv[2]));
  process.stdout.write(
    `server built into ${path.relative(process.cwd(), entry)} in ${Math.round(performance.now() - started)} ms\n`,
  );
}
