// Where the shell finds its files in each way it runs. Pure (the caller passes the facts and an `exists` check)
// so every layout is unit-tested without Electron:
//   - electron-forge start:  <repo>/.vite/build/main.js, app path <repo>, renderer from the Vite dev server
//   - a plain Vite build run by `electron .vite/build/main.js` (the e2e launcher): renderer in <repo>/dist/renderer
//   - the packaged app:      <resources>/app.asar/.vite/build/main.js, renderer in .vite/renderer/<name>,
//                            examples/ copied next to app.asar by packagerConfig.extraResource
import path from 'node:path';

export interface LayoutFacts {
  /** Folder of the running main bundle (`__dirname`): .vite/build. */
  readonly mainDir: string;
  readonly isPackaged: boolean;
  readonly resourcesPath: string;
  /** app.getAppPath(). */
  readonly appPath: string;
  /** MAIN_WINDOW_VITE_NAME when Forge built the bundle. */
  readonly forgeRendererName?: string;
  readonly exists: (file: string) => boolean;
}

export interface AppLayout {
  /** Folder holding examples/, handed to the core. */
  readonly appRoot: string;
  readonly demoPlan: string;
  /** Folder of the built renderer (index.html and assets). */
  readonly rendererDir: string;
  readonly preload: string;
}

export function resolveLayout(facts: LayoutFacts): AppLayout {
  const repoRoot = path.resolve(facts.mainDir, '..', '..');
  const appRoots = [...(facts.isPackaged ? [facts.resourcesPath] : []), repoRoot, facts.appPath];
  const appRoot = firstMatch(appRoots, (dir) => facts.exists(path.join(dir, 'examples')));
  const rendererDirs = [
    ...(facts.forgeRendererName ? [path.resolve(facts.mainDir, '..', 'renderer', facts.forgeRendererName)] : []),
    path.join(repoRoot, 'dist', 'renderer'),
  ];
  const rendererDir = firstMatch(rendererDirs, (dir) => facts.exists(path.join(dir, 'index.html')));
  return {
    appRoot,
    demoPlan: path.join(appRoot, 'examples', 'demo', 'migration.yaml'),
    rendererDir,
    preload: path.join(facts.mainDir, 'preload.js'),
  };
}

/** The first candidate that passes, else the first one (so a missing folder is reported where it was expected). */
function firstMatch(candidates: readonly string[], test: (candidate: string) => boolean): string {
  return candidates.find(test) ?? candidates[0]!;
}
