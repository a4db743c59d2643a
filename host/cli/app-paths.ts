// Where the installed app and the cockpit's own data live, for the headless entry points.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEMO_PLAN = path.join(APP_ROOT, 'examples', 'demo', 'migration.yaml');
export const RENDERER_DIR = path.join(APP_ROOT, 'dist', 'renderer');

export function appVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(APP_ROOT, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** $MIGRATION_COCKPIT_DATA_DIR, else the XDG data folder. */
export function defaultDataDir(): string {
  if (process.env.MIGRATION_COCKPIT_DATA_DIR) return path.resolve(process.env.MIGRATION_COCKPIT_DATA_DIR);
  const base = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'migration-cockpit');
}
