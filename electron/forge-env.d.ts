// Build-time constants. Each is replaced by Vite's `define`, or is absent altogether, so code reads them only
// behind `typeof X === 'string'` (a reference to an undefined global would throw).

// Defined by Electron Forge's Vite plugin for the renderer named 'main_window' in forge.config.ts:
// the dev server's URL under `electron-forge start` only, and the renderer's name in every Forge build.
// A plain `vite build -c vite.main.config.ts` defines neither.
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string | undefined;

// Defined by vite.main.config.ts from package.json: app.getVersion() is Electron's own version when the
// bundle is started as `electron .vite/build/main.js` (no package.json next to it).
declare const COCKPIT_VERSION: string | undefined;
