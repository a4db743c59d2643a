import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, contentTypeOf, rendererFileFor } from './renderer-files';

const ROOT = path.resolve('/opt/cockpit/dist/renderer');

describe('rendererFileFor', () => {
  it('maps app URLs to files of the renderer folder', () => {
    expect(rendererFileFor(ROOT, APP_INDEX_URL)).toBe(path.join(ROOT, 'index.html'));
    expect(rendererFileFor(ROOT, 'app://cockpit/')).toBe(path.join(ROOT, 'index.html'));
    expect(rendererFileFor(ROOT, 'app://cockpit/assets/index-abc.js?v=1')).toBe(path.join(ROOT, 'assets', 'index-abc.js'));
    expect(rendererFileFor(ROOT, 'app://cockpit/my%20file.svg')).toBe(path.join(ROOT, 'my file.svg'));
  });

  it('never leaves the folder', () => {
    expect(rendererFileFor(ROOT, 'app://cockpit/../../../etc/passwd')).toBe(path.join(ROOT, 'etc', 'passwd'));
    expect(rendererFileFor(ROOT, 'app://cockpit/assets/..%2F..%2F..%2Fsecret')).toBeUndefined();
    expect(rendererFileFor(ROOT, 'app://cockpit/%2e%2e/secret')).toBe(path.join(ROOT, 'secret'));
    expect(rendererFileFor(ROOT, 'app://cockpit/a%00b')).toBeUndefined();
    expect(rendererFileFor(ROOT, 'app://cockpit/%E0%A4%A')).toBeUndefined();
  });

  it('serves only its own scheme and host', () => {
    expect(rendererFileFor(ROOT, 'app://other/index.html')).toBeUndefined();
    expect(rendererFileFor(ROOT, 'file:///opt/cockpit/dist/renderer/index.html')).toBeUndefined();
    expect(rendererFileFor(ROOT, 'nonsense')).toBeUndefined();
  });
});

describe('contentTypeOf', () => {
  it('knows what the renderer build emits', () => {
    expect(contentTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/x/a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('/x/a.bin')).toBe('application/octet-stream');
  });
});
