import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveLayout, type LayoutFacts } from './app-layout';
import { parseLaunchArgs } from './launch-args';

const REPO = path.resolve('/home/op/cockpit');
const facts = (overrides: Partial<LayoutFacts>, existing: readonly string[]): LayoutFacts => ({
  mainDir: path.join(REPO, '.vite', 'build'),
  isPackaged: false,
  resourcesPath: '/opt/electron/resources',
  appPath: REPO,
  exists: (file) => existing.includes(file),
  ...overrides,
});

describe('resolveLayout', () => {
  it('finds the repo for a plain build run as `electron .vite/build/main.js`', () => {
    const layout = resolveLayout(
      facts({ appPath: path.join(REPO, '.vite', 'build') }, [path.join(REPO, 'examples'), path.join(REPO, 'dist', 'renderer', 'index.html')]),
    );
    expect(layout.appRoot).toBe(REPO);
    expect(layout.demoPlan).toBe(path.join(REPO, 'examples', 'demo', 'migration.yaml'));
    expect(layout.rendererDir).toBe(path.join(REPO, 'dist', 'renderer'));
    expect(layout.preload).toBe(path.join(REPO, '.vite', 'build', 'preload.js'));
  });

  it('prefers the Forge-built renderer in a Forge build', () => {
    const forgeRenderer = path.join(REPO, '.vite', 'renderer', 'main_window');
    const layout = resolveLayout(facts({ forgeRendererName: 'main_window' }, [path.join(REPO, 'examples'), path.join(forgeRenderer, 'index.html')]));
    expect(layout.rendererDir).toBe(forgeRenderer);
  });

  it('finds examples next to app.asar when packaged', () => {
    const resources = '/opt/Migration Cockpit/resources';
    const asarBuild = path.join(resources, 'app.asar', '.vite', 'build');
    const layout = resolveLayout(
      facts({ isPackaged: true, resourcesPath: resources, mainDir: asarBuild, appPath: path.join(resources, 'app.asar'), forgeRendererName: 'main_window' }, [
        path.join(resources, 'examples'),
        path.join(resources, 'app.asar', '.vite', 'renderer', 'main_window', 'index.html'),
      ]),
    );
    expect(layout.appRoot).toBe(resources);
    expect(layout.rendererDir).toBe(path.join(resources, 'app.asar', '.vite', 'renderer', 'main_window'));
  });

  it('falls back to the first expected place when nothing is there, so the error names it', () => {
    const layout = resolveLayout(facts({}, []));
    expect(layout.appRoot).toBe(REPO);
    expect(layout.rendererDir).toBe(path.join(REPO, 'dist', 'renderer'));
  });
});

describe('parseLaunchArgs', () => {
  it('reads --plan= and --data-dir= among Chromium and Playwright switches, relative to the cwd', () => {
    const argv = ['/usr/bin/electron', '--inspect=0', '.vite/build/main.js', '--plan=plans/a.yaml', '--data-dir=/tmp/d1'];
    expect(parseLaunchArgs(argv, '/work')).toEqual({ planFile: path.resolve('/work/plans/a.yaml'), dataDir: path.resolve('/tmp/d1') });
  });

  it('ignores empty values and the space-separated form', () => {
    expect(parseLaunchArgs(['electron', '--plan=', '--data-dir', '/tmp/x'], '/work')).toEqual({});
  });

  it('lets the last occurrence win', () => {
    expect(parseLaunchArgs(['electron', '--plan=/a.yaml', '--plan=/b.yaml'], '/')).toEqual({ planFile: path.resolve('/b.yaml') });
  });
});
