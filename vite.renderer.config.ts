// Builds the React renderer (renderer/) into dist/renderer. The same bundle is loaded by the Electron
// window and served by the headless web bridge, so it uses relative asset URLs and no inline code (strict CSP).
// `--mode bench` (bench/lib/browser.ts, into its own out dir) also builds in what only the benchmarks use.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig(({ mode }) => ({
  root: 'renderer',
  base: './',
  plugins: [react()],
  define: {
    // The localStorage key of the plan view's rendering switch (renderer/src/components/plan/PlanView.tsx), which
    // bench:planview uses to measure both renderings side by side; null in every other build, which then has no
    // switch at all (the code reading it is dead and removed).
    __PLAN_RENDERING_SWITCH_KEY__: mode === 'bench' ? JSON.stringify('migration-cockpit:plan-rendering') : 'null',
  },
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
    // Two pages: the cockpit, and the read-only war-room view the core's war-room listener serves as its `/`
    // (renderer/src/war-room/); they share the store, the transport and recharts as common chunks.
    rollupOptions: {
      input: {
        index: 'renderer/index.html',
        'war-room': 'renderer/war-room.html',
      },
    },
  },
}));
