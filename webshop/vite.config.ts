import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { shopRoutesPlugin } from '@shop/shared/routes-plugin';
import { defineConfig, type Plugin } from 'vite';

/** The API server that `npm run dev` proxies to (start it with `npm run dev` at the repository root). */
const server = 'http://127.0.0.1:3000';
const proxy = { '/api': server, '/files': server, '/bakong-standin': server };

/**
 * Writes .br and .gz copies of the text assets once at build time; the server answers with them (best compression,
 * no per-request CPU). Fonts and pictures are already compressed.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'precompress',
    apply: 'build',
    configResolved: (config) => {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: async () => {
      const assets = path.join(outDir, 'assets');
      // A failed build leaves no assets: let its own error be the one reported.
      if (!existsSync(assets)) return;
      const brotli = promisify(brotliCompress);
      const gz = promisify(gzip);
      for (const name of await readdir(assets)) {
        if (!/\.(js|css|svg|json)$/.test(name)) continue;
        const content = await readFile(path.join(assets, name));
        if (content.length < 1024) continue;
        const params = {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        };
        await writeFile(path.join(assets, `${name}.br`), await brotli(content, { params }));
        await writeFile(path.join(assets, `${name}.gz`), await gz(content, { level: 9 }));
      }
    },
  };
}

// The server serves dist/: hashed files under /assets are cached for a year, other paths get index.html.
export default defineConfig({
  plugins: [react(), tailwindcss(), shopRoutesPlugin(), precompress()],
  server: { proxy },
  preview: { proxy },
  build: {
    // Pages are split per route; the shared chunks (React, router, query, zod) are what every page needs.
    chunkSizeWarningLimit: 400,
  },
});
