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
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      // The renderer is served over app:// (electron/app-protocol.ts), so file:// needs no extra powers.
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    }),
  ],
};

export default config;
