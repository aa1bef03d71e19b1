import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { shopRoutesPlugin } from '@shop/shared/routes-plugin';
import { defineConfig } from 'electron-vite';

/**
 * The Electron build: main (with the core's utility process as a second entry), the sandboxed preload (CommonJS,
 * as sandboxed preloads must be) and the renderer. better-sqlite3 stays external: it is a native module rebuilt for
 * Electron by electron-builder (electron-builder.yml at the repository root).
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve('src/main/index.ts'), 'core-process': resolve('src/main/core-process.ts') },
        external: ['better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    build: { outDir: 'out/renderer', rollupOptions: { input: resolve('src/renderer/index.html') } },
    plugins: [react(), tailwindcss(), shopRoutesPlugin()],
  },
});
