import { describe, expect, it } from 'vitest';
import { launcherPage, opener } from './open-browser';

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
});
