// The preload bundle: electron/preload.ts as one CommonJS file at .vite/build/preload.js. Sandboxed preloads
// cannot load modules (only `electron` and a few built-ins are available to require), so everything but
// electron is bundled in; it stays tiny because it imports only types from the contract.
import { defineConfig } from 'vite';
import { commonjsScope, RUNTIME_EXTERNALS } from './electron/build/vite-node.js';

export default defineConfig({
  build: {
    outDir: '.vite/build',
    emptyOutDir: false,
    copyPublicDir: false,
    // It runs in the window's renderer process (Chromium), not in Node.
    target: 'es2023',
    minify: false,
    sourcemap: false,
    rollupOptions: {
      input: 'electron/preload.ts',
      external: RUNTIME_EXTERNALS,
      output: { format: 'cjs', entryFileNames: 'preload.js', chunkFileNames: 'preload-[name].js' },
    },
  },
  plugins: [commonjsScope()],
});
