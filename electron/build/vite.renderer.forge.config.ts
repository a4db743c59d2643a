// The renderer config Electron Forge uses: the project's own vite.renderer.config.ts, with the output moved to
// where Forge packages renderers from. vite.renderer.config.ts writes dist/renderer (served by the web bridge
// and loaded by a plain-built shell), but Forge's packager keeps only .vite/, so a Forge build must put the
// renderer in .vite/renderer/<name> (electron/app-layout.ts looks there first in a Forge build).
import path from 'node:path';
import { defineConfig, mergeConfig, type ConfigEnv, type UserConfig, type UserConfigExport } from 'vite';
import projectRendererConfig from '../../vite.renderer.config.js';

/** Forge passes its own fields in the config env (see @electron-forge/plugin-vite forge-vite-env.d.ts). */
type ForgeConfigEnv = ConfigEnv & { root?: string; forgeConfigSelf?: { name?: string } };

export default defineConfig(async (env: ForgeConfigEnv): Promise<UserConfig> => {
  // Widened on purpose: the project's config may become a function or a promise without this file changing.
  const exported = projectRendererConfig as UserConfigExport;
  const base = await (typeof exported === 'function' ? exported(env) : exported);
  const name = env.forgeConfigSelf?.name ?? 'main_window';
  return mergeConfig(base, { build: { outDir: path.resolve(env.root ?? process.cwd(), '.vite', 'renderer', name) } });
});
