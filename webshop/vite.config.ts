import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API server that `npm run dev` proxies to (start it with `npm run dev` at the repository root). */
const server = 'http://127.0.0.1:3000';
const proxy = { '/api': server, '/files': server };

// The server serves dist/: hashed files under /assets are cached for a year, other paths get index.html.
export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
});
