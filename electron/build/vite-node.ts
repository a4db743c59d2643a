// Shared by vite.main.config.ts and vite.preload.config.ts: what stays outside the bundles, and the marker that
// makes Node and Electron read the bundles as CommonJS although the project's package.json says "type": "module".
import { builtinModules } from 'node:module';
import type { Plugin } from 'vite';

/** Provided by the runtime. Everything else (zod, yaml, ws, ...) is bundled: a packaged app has no node_modules. */
export const RUNTIME_EXTERNALS: (string | RegExp)[] = [
  'electron',
  /^electron\/(main|common|renderer)$/,
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
];

/**
 * Writes `.vite/build/package.json` with `"type": "commonjs"`, so `main.js` and `preload.js` keep the names
 * package.json's "main" and the e2e launcher use, yet load as CommonJS (Forge 8's default would be `.cjs`).
 */
export function commonjsScope(): Plugin {
  return {
    name: 'migration-cockpit:commonjs-scope',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'package.json', source: `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n` });
    },
  };
}
