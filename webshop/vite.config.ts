import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { shopRoutesPlugin } from '@shop/shared/routes-plugin';
import { build, defineConfig, type Plugin } from 'vite';

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
    // The server's entry (serverEntry below) is read from disk by the server, never sent.
    apply: (config, env) => env.command === 'build' && !config.build?.ssr,
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
        const params = {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        };
        // Small files too (the home page's first view has several of under 1 KB, halved by brotli): a copy is
        // written whenever it is smaller than the file, else the file goes as it is.
        const copies = { br: await brotli(content, { params }), gz: await gz(content, { level: 9 }) };
        for (const [suffix, copy] of Object.entries(copies))
          if (copy.length < content.length) await writeFile(path.join(assets, `${name}.${suffix}`), copy);
      }
    },
  };
}

/**
 * The stylesheet inside the document (`<style>` in index.html's head instead of its `<link>`): it is the one file the
 * first paint waits for, and fetching it cost a round trip after the document's (562 ms on Slow 4G). All of it
 * (about 10 KB as brotli) rather than a page's critical part: the pages are rendered per request, and the rest could
 * only be loaded later by an inline handler, which the content security policy forbids. The file itself is still
 * written (a lazy page's own CSS, if one ever has some, is linked by Vite as usual).
 */
function inlineStylesheet(): Plugin {
  return {
    name: 'inline-stylesheet',
    apply: (config, env) => env.command === 'build' && !config.build?.ssr,
    transformIndexHtml: {
      order: 'post',
      handler: (html, context) => {
        const bundle = context.bundle;
        if (!bundle) return html;
        return html.replace(/<link rel="stylesheet"[^>]*? href="\/([^"]+\.css)">/g, (tag, file: string) => {
          const asset = bundle[file];
          if (asset?.type !== 'asset') return tag;
          const css =
            typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
          if (/<\/style/i.test(css)) return tag;
          return `<style>${css}</style>`;
        });
      },
    },
  };
}

/**
 * The page's script at low priority (`fetchpriority="low"` on its tag and any modulepreload): the pages are
 * rendered on the server, so the first paint and the largest text need none of it, and the document, the web font
 * and the pictures go first on a slow connection. Lighthouse agrees only then: it counts a high-priority script that
 * happened to run before the first paint of its unthrottled load as holding that paint back (FCP 1.0 s or 2.4 s from
 * one run to the next on the same build, as the race went).
 */
function scriptAfterPaint(): Plugin {
  return {
    name: 'script-after-paint',
    apply: (config, env) => env.command === 'build' && !config.build?.ssr,
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(
          /<(script type="module"|link rel="modulepreload") crossorigin /g,
          (_tag, start: string) => `<${start} fetchpriority="low" crossorigin `,
        ),
    },
  };
}

/**
 * After the browser's build, the server's entry (src/entry-server.tsx) into `<outDir>/server/entry-server.js`: one
 * build command makes both, into the folder it was given (tests and the bench build into their own). Everything is
 * bundled in (React included), so the server imports one folder of compiled JavaScript that resolves nothing
 * outside it, wherever the build was put.
 */
function serverEntry(): Plugin {
  let outDir = 'dist';
  let root = '.';
  let mode = 'production';
  return {
    name: 'server-entry',
    apply: (config, env) => env.command === 'build' && !config.build?.ssr,
    configResolved: (config) => {
      outDir = path.resolve(config.root, config.build.outDir);
      root = config.root;
      mode = config.mode;
    },
    closeBundle: async () => {
      if (!existsSync(path.join(outDir, 'index.html'))) return;
      await build({
        root,
        mode,
        configLoader: 'runner',
        logLevel: 'warn',
        ssr: { noExternal: true, target: 'node' },
        build: {
          ssr: 'src/entry-server.tsx',
          outDir: path.join(outDir, 'server'),
          emptyOutDir: true,
          copyPublicDir: false,
        },
      });
    },
  };
}

// The server serves dist/: hashed files under /assets are cached for a year, other paths get index.html.
export default defineConfig({
  plugins: [
    react(),
    tailwindcss(),
    shopRoutesPlugin(),
    inlineStylesheet(),
    scriptAfterPaint(),
    precompress(),
    serverEntry(),
  ],
  server: { proxy },
  preview: { proxy },
  build: {
    // Pages are split per route; the shared chunks (React, router, query, zod) are what every page needs.
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the entry imports statically goes in its file: the home page's first view is one script
          // (it was 12: the small modules a lazy page shares went to files of their own, a request each).
          groups: [{ name: 'first-view', tags: ['$initial'] }],
        },
      },
    },
  },
});
