// Builds the React renderer (renderer/) into dist/renderer. The same bundle is loaded by the Electron
// window and served by the headless web bridge, so it uses relative asset URLs and no inline code (strict CSP).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Keep every asset a file: a data: URL or inlined module would need a looser CSP.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
    target: 'es2023',
    // One bundle for a local desktop app; recharts alone is most of it.
    chunkSizeWarningLimit: 1024,
  },
});
