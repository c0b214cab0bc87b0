import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web app: index.html at the repository root is the entry; the server serves dist/web.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
