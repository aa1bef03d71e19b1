import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { shopRoutesPlugin } from '@shop/shared/routes-plugin';
import { defineConfig } from 'vite';

/** The renderer alone, for the browser host (`npm run pos`): the same screens Electron shows, built to dist/renderer. */
export default defineConfig({
  root: fileURLToPath(new URL('src/renderer', import.meta.url)),
  base: './',
  plugins: [react(), tailwindcss(), shopRoutesPlugin()],
  build: { outDir: fileURLToPath(new URL('dist/renderer', import.meta.url)), emptyOutDir: true },
});
