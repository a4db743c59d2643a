// The Electron main-process bundle: electron/main.ts with the core (main/) and its dependencies bundled in,
// CommonJS, at .vite/build/main.js. Works on its own (`vite build -c vite.main.config.ts`) and under Electron
// Forge's Vite plugin (which merges this over its defaults and adds MAIN_WINDOW_VITE_* defines).
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { commonjsScope, RUNTIME_EXTERNALS } from './electron/build/vite-node.js';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  build: {
    outDir: '.vite/build',
    // main and preload share the folder and may build concurrently.
    emptyOutDir: false,
    copyPublicDir: false,
    target: 'node22',
    minify: false,
    sourcemap: true,
    lib: { entry: 'electron/main.ts', formats: ['cjs'], fileName: () => 'main.js' },
    rollupOptions: {
      external: RUNTIME_EXTERNALS,
      // The bundle is CommonJS, where import.meta is an empty object: a module reading import.meta.dirname would
      // get undefined at run time (and crash the main process). Paths come from the composition root instead.
      onwarn(warning, warn) {
        if (warning.code === 'EMPTY_IMPORT_META') throw new Error(`import.meta in the Electron main bundle: ${warning.message}`);
        warn(warning);
      },
    },
  },
  // Node entry points of dependencies (ws, for one, has a browser entry that only throws).
  resolve: { conditions: ['node'], mainFields: ['module', 'jsnext:main', 'jsnext'] },
  define: { COCKPIT_VERSION: JSON.stringify(version) },
  plugins: [commonjsScope()],
});
