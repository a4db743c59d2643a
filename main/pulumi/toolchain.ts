// Where the Pulumi CLI comes from. The Automation API drives a `pulumi` binary; the cockpit needs one whose
// version matches the @pulumi/pulumi package it ships (the engine and the SDK speak one protocol), next to
// the Node.js language host (`pulumi-language-nodejs`) and the dynamic-provider plugin
// (`pulumi-resource-pulumi-nodejs`).
//
// Lookup order:
//   1. MIGRATION_COCKPIT_PULUMI_BIN — a folder chosen by the operator. Authoritative: when set and unusable,
//      the lookup stops with the reason instead of silently taking another CLI.
//   2. The toolchain cache that scripts/pulumi-toolchain.sh builds:
//      ${XDG_CACHE_HOME:-$HOME/.cache}/migration-cockpit/pulumi-<version>/bin
//   3. PATH.
// Plain Node: no electron import.
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { version as sdkVersion } from '@pulumi/pulumi/version';

export const PULUMI_BIN_ENV = 'MIGRATION_COCKPIT_PULUMI_BIN';
export const LANGUAGE_HOST = 'pulumi-language-nodejs';
export const DYNAMIC_PROVIDER_PLUGIN = 'pulumi-resource-pulumi-nodejs';

export interface PulumiCliLocation {
  found: true;
  /** Folder holding pulumi, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs. */
  binDir: string;
  pulumiPath: string;
  /** As `pulumi version` prints it, without the leading "v" (e.g. "3.260.0"). */
  version: string;
  source: 'env' | 'path' | 'cache';
}

export interface PulumiCliMissing {
  found: false;
  /** What was looked at and what to do about it; names the wanted version. */
  message: string;
}

export interface FindPulumiCliOptions {
  /** Environment to read MIGRATION_COCKPIT_PULUMI_BIN, PATH, XDG_CACHE_HOME and HOME from. Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Version to require, with or without "v". Default: the installed @pulumi/pulumi version. */
  wantedVersion?: string;
  /** Folder that holds pulumi-<version>/bin. Default: ${XDG_CACHE_HOME:-$HOME/.cache}/migration-cockpit. */
  cacheRoot?: string;
}

const VERSION_TIMEOUT_MS = 10_000;

/** The version of @pulumi/pulumi that the cockpit was installed with. */
export function installedSdkVersion(): string {
  // Imported, not read through import.meta: the Electron main bundle is CommonJS, where import.meta is empty.
  return sdkVersion;
}

export function defaultCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const cacheHome = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(cacheHome, 'migration-cockpit');
}

/** The bin folder scripts/pulumi-toolchain.sh fills for a version. */
export function cacheBinDir(version: string, cacheRoot: string): string {
  return path.join(cacheRoot, `pulumi-${stripV(version)}`, 'bin');
}

/**
 * Finds a Pulumi CLI of the wanted version. Never throws for a missing or unusable CLI: the result says
 * what was found or why nothing fits.
 */
export async function findPulumiCli(options: FindPulumiCliOptions = {}): Promise<PulumiCliLocation | PulumiCliMissing> {
  const env = options.env ?? process.env;
  const wanted = stripV(options.wantedVersion ?? installedSdkVersion());
  const cacheRoot = options.cacheRoot ?? defaultCacheRoot(env);
  const rejected: string[] = [];

  const envDir = env[PULUMI_BIN_ENV];
  if (envDir) {
    const probe = await probeBinDir(path.resolve(envDir), wanted, env);
    if (probe.ok) return { found: true, ...probe.cli, source: 'env' };
    return { found: false, message: `${PULUMI_BIN_ENV}=${envDir}: ${probe.reason}. ${remedy(wanted)}` };
  }

  const cacheDir = cacheBinDir(wanted, cacheRoot);
  const cached = await probeBinDir(cacheDir, wanted, env);
  if (cached.ok) return { found: true, ...cached.cli, source: 'cache' };
  rejected.push(`toolchain cache ${cacheDir}: ${cached.reason}`);

  const onPath = await findOnPath('pulumi', env.PATH ?? '');
  if (onPath) {
    const probe = await probeBinDir(path.dirname(onPath), wanted, env);
    if (probe.ok) return { found: true, ...probe.cli, source: 'path' };
    rejected.push(`PATH: ${probe.reason}`);
  } else {
    rejected.push('PATH: no pulumi');
  }

  return {
    found: false,
    message: `No Pulumi CLI v${wanted} found (${rejected.join('; ')}). ${remedy(wanted)}`,
  };
}

function remedy(wanted: string): string {
  return (
    `Run scripts/pulumi-toolchain.sh to build Pulumi CLI v${wanted} from the Go module proxy (needs Go; ` +
    `no internet beyond the proxy), or set ${PULUMI_BIN_ENV} to a folder holding pulumi v${wanted} and ` +
    `${LANGUAGE_HOST}. With internet access, the Automation API can install it: ` +
    `PulumiCommand.install({ version: new SemVer('${wanted}') }).`
  );
}

type Probe = { ok: true; cli: Omit<PulumiCliLocation, 'found' | 'source'> } | { ok: false; reason: string };

async function probeBinDir(binDir: string, wanted: string, env: NodeJS.ProcessEnv): Promise<Probe> {
  const pulumiPath = path.join(binDir, 'pulumi');
  if (!(await isExecutableFile(pulumiPath))) return { ok: false, reason: `no executable ${pulumiPath}` };
  let reported: string;
  try {
    reported = await pulumiVersion(pulumiPath, env);
  } catch (err) {
    return { ok: false, reason: `\`${pulumiPath} version\` failed: ${errorText(err)}` };
  }
  const version = stripV(reported);
  if (!version) return { ok: false, reason: `\`${pulumiPath} version\` printed no version` };
  if (version !== wanted) {
    return { ok: false, reason: `${pulumiPath} is v${version}, but v${wanted} is wanted (the @pulumi/pulumi version)` };
  }
  if (!(await isExecutableFile(path.join(binDir, LANGUAGE_HOST)))) {
    return { ok: false, reason: `${pulumiPath} is v${version} but ${binDir} has no ${LANGUAGE_HOST}` };
  }
  return { ok: true, cli: { binDir, pulumiPath, version } };
}

function pulumiVersion(pulumiPath: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(pulumiPath, ['version'], { env: { ...env, PULUMI_SKIP_UPDATE_CHECK: 'true' }, timeout: VERSION_TIMEOUT_MS, windowsHide: true }, (err, stdout) =>
      err ? reject(err) : resolve(String(stdout).trim()),
    );
  });
}

async function findOnPath(name: string, searchPath: string): Promise<string | undefined> {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    if (!(await stat(file)).isFile()) return false;
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function stripV(version: string): string {
  return version.trim().replace(/^v/, '');
}

function errorText(err: unknown): string {
  if (err && typeof err === 'object' && 'killed' in err && (err as { killed?: boolean }).killed) {
    return `timed out after ${VERSION_TIMEOUT_MS / 1000} s`;
  }
  return err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
}

export interface PulumiEnvironmentOptions {
  /**
   * PULUMI_HOME for the engine (plugins, credentials, workspace settings). Point it at a folder under the
   * cockpit's data folder so nothing is written to ~/.pulumi. Unset: inherited from the base environment.
   */
  pulumiHome?: string;
}

/**
 * Environment variables for the Automation API (`LocalWorkspace` `envVars`) and the processes it starts:
 * the CLI's folder first on PATH (the engine finds pulumi-language-nodejs and the dynamic-provider plugin
 * there), no update check and no plugin downloads (nothing may reach the network). The CLI version check
 * stays on: PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK is removed if the base environment had it.
 */
export function pulumiEnvironment(binDir: string, base: NodeJS.ProcessEnv = process.env, options: PulumiEnvironmentOptions = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value !== undefined) env[key] = value;
  }
  delete env.PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK;
  env.PATH = base.PATH ? `${binDir}${path.delimiter}${base.PATH}` : binDir;
  env.PULUMI_SKIP_UPDATE_CHECK = 'true';
  env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION = 'true';
  if (options.pulumiHome) env.PULUMI_HOME = options.pulumiHome;
  return env;
}
