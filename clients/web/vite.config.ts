import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The portal is served by the gateway at `/`; in development Vite proxies the gateway's paths.
const gateway = process.env.GATEWAY_ORIGIN ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    fs: { allow: ['..'] }, // the trusted documents in clients/operations
    proxy: Object.fromEntries(['/graphql', '/files', '/feeds', '/explorer'].map((p) => [p, gateway])),
  },
});
