import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const server = process.env.CKS_LAB_DEV_SERVER ?? 'http://localhost:3000';

/** Builds the browser app into web/dist, which the lab server serves; `vite` alone proxies to a running server. */
export default defineConfig({
  root: webRoot,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': server,
      '/auth': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
