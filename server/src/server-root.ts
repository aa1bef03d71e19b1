import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The server package's folder (`server/`), for the files it ships beside its code (fonts, package.json) and the web
 * shop's build next to it. Found by walking up from this module to the package.json named @shop/server, because this
 * module runs from different depths: as source (`server/src/server-root.ts`, under tsx in development and tests) and
 * inlined in the built bundle (`server/dist/main.js`); a path relative to a deeper module breaks in the bundle.
 */
function findServerRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (packageName(path.join(dir, 'package.json')) === '@shop/server') return dir;
    // Bundled into another program (the desktop's typesetter): files resolve beside the bundle, and a missing one
    // fails when read, naming its path, rather than at import.
    if (path.dirname(dir) === dir) return from;
  }
}

function packageName(file: string): string | null {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name ?? null;
  } catch {
    return null;
  }
}

export const serverRoot = findServerRoot(path.dirname(fileURLToPath(import.meta.url)));
/** The same folder as a URL ending in `/`, to resolve files against. */
export const serverRootUrl = pathToFileURL(serverRoot + path.sep);
