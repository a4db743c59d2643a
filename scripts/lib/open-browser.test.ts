import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { launcherPage, openInBrowser, opener } from './open-browser';

describe('opening the headless cockpit in a browser', () => {
  it('picks the desktop opener, and none without a display', () => {
    expect(opener('linux', { DISPLAY: ':0' })).toEqual({ command: 'xdg-open', args: [] });
    expect(opener('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toEqual({ command: 'xdg-open', args: [] });
    expect(opener('linux', {})).toEqual({ none: expect.stringContaining('no graphical display') });
    expect(opener('darwin', {})).toEqual({ command: 'open', args: [] });
  });

  it('sends the browser on with the token in a file, escaped for HTML', () => {
    const page = launcherPage('http://127.0.0.1:5000/?token=a&b="<x>');
    expect(page).toContain('content="0;url=http://127.0.0.1:5000/?token=a&amp;b=&quot;&lt;x>"');
    expect(page).not.toContain('"<x>');
  });

  it('hands the opener an owner-only file, never the URL with its token', async () => {
    const bin = await mkdtemp(path.join(os.tmpdir(), 'mc-opener-'));
    try {
      // A stand-in xdg-open that records what it was asked to open.
      const record = path.join(bin, 'opened.txt');
      await writeFile(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$*" > '${record}'\n`);
      await chmod(path.join(bin, 'xdg-open'), 0o755);
      const url = 'http://127.0.0.1:5000/?token=canary-token-4711';
      const said = await openInBrowser(url, 'linux', { ...process.env, DISPLAY: ':0', PATH: `${bin}:${process.env.PATH}` });
      expect(said).toBe('opened in your default browser');
      const argument = await readFile(record, 'utf8');
      expect(argument).toMatch(/^file:\/\//);
      expect(argument).not.toContain('canary-token-4711');
      const launcher = fileURLToPath(argument);
      expect(await readFile(launcher, 'utf8')).toContain(url);
      expect((await stat(launcher)).mode & 0o777).toBe(0o600);
      expect((await stat(path.dirname(launcher))).mode & 0o777).toBe(0o700);
    } finally {
      await rm(bin, { recursive: true, force: true });
    }
  });
});
