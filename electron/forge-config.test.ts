// The packaging half of the hardening (forge.config.ts): every fuse at its safe value, the app in an asar. A fuse
// dropped or flipped by mistake fails here, and so does one a newer @electron/fuses knows that nobody decided on.
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { describe, expect, it } from 'vitest';
import config from '../forge.config';

/** The decision for each fuse (the reasons are next to them in forge.config.ts). */
const SAFE_FUSES: Record<keyof typeof FuseV1Options, boolean> = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
  WasmTrapHandlers: true,
};

/** The fuse names @electron/fuses knows (a numeric enum also maps the numbers back to names). */
const knownFuses = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));

describe('forge.config.ts', () => {
  it('decides every fuse @electron/fuses knows', () => {
    expect(Object.keys(SAFE_FUSES).sort()).toEqual([...knownFuses].sort());
  });

  it('sets every fuse to its safe value, and refuses to package a binary with a fuse it does not set', () => {
    const fuses = config.plugins?.filter((plugin) => plugin instanceof FusesPlugin) ?? [];
    expect(fuses).toHaveLength(1);
    const expected = Object.fromEntries(Object.entries(SAFE_FUSES).map(([name, value]) => [FuseV1Options[name as keyof typeof FuseV1Options], value]));
    expect((fuses[0] as FusesPlugin).fusesConfig).toEqual({ version: FuseVersion.V1, strictlyRequireAllFuses: true, ...expected });
  });

  it('packages the app into an asar (what the integrity and only-from-asar fuses guard)', () => {
    expect(config.packagerConfig?.asar).toBe(true);
  });
});
