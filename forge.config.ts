// Electron Forge: Vite builds the main process, the preload and the renderer; the fuses lock the packaged
// binary down. Run `npx electron-forge package` for an unpacked app in out/ (no makers are installed).
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ForgeConfig } from '@electron-forge/shared-types';

const config: ForgeConfig = {
  packagerConfig: {
    asar: true,
    // The example plans live next to app.asar (process.resourcesPath/examples): the core lists them, and the
    // demo plan opens at start. electron/app-layout.ts finds them there.
    extraResource: ['examples'],
  },
  rebuildConfig: {},
  // Only @electron-forge/maker-base is installed; add e.g. @electron-forge/maker-zip to `make` distributables.
  makers: [],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
      ],
      // The project's renderer config with its output moved into .vite/, which is all Forge packages.
      renderer: [{ name: 'main_window', config: 'electron/build/vite.renderer.forge.config.ts' }],
    }),
    // Flipped in the packaged binary, before signing (https://www.electronjs.org/docs/latest/tutorial/fuses).
    // Every fuse is set explicitly: the types then demand a value for each fuse @electron/fuses knows, and
    // packaging fails on a binary whose fuse wire has one this config does not set (a newer Electron).
    new FusesPlugin({
      version: FuseVersion.V1,
      strictlyRequireAllFuses: true,
      // ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node (nothing here forks the binary).
      [FuseV1Options.RunAsNode]: false,
      // Chromium's cookie store encrypted with OS keys, as in Chrome (one-way: never switch it back off).
      [FuseV1Options.EnableCookieEncryption]: true,
      // NODE_OPTIONS / NODE_EXTRA_CA_CERTS could inject code or trust into the main process.
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      // --inspect flags and SIGUSR1 would open a debugger into the main process.
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      // app.asar is checked against the hash embedded at package time (macOS and Windows).
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      // Only app.asar, never a loose app/ folder next to it, so no unvalidated code loads.
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      // No browser_v8_context_snapshot.bin is shipped: every process uses Electron's own snapshot.
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      // The renderer is served over app:// (electron/app-protocol.ts), so file:// needs no extra powers.
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      // Electron's and Chrome's default: guard regions bound WebAssembly memory (explicit checks are no safer).
      [FuseV1Options.WasmTrapHandlers]: true,
    }),
  ],
};

export default config;
