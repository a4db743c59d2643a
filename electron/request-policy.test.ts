import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import { contentSecurityPolicy } from './csp';
import { isAllowedRequest } from './request-policy';

describe('isAllowedRequest', () => {
  it('allows the app scheme, devtools and in-memory content', () => {
    expect(isAllowedRequest('app://cockpit/assets/index.js', {})).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', {})).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA', {})).toBe(true);
  });

  it('blocks remote origins, local files and other hosts of the app scheme', () => {
    expect(isAllowedRequest('https://example.com/x.js', {})).toBe(false);
    expect(isAllowedRequest('http://127.0.0.1:8080/', {})).toBe(false);
    expect(isAllowedRequest('wss://example.com/socket', {})).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd', {})).toBe(false);
    expect(isAllowedRequest('app://elsewhere/index.html', {})).toBe(false);
    expect(isAllowedRequest('not a url', {})).toBe(false);
  });

  it('allows the dev server and its HMR socket in dev only', () => {
    const dev = { devServerUrl: 'http://localhost:5173' };
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/?token=x', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedRequest('https://localhost:5173/', dev)).toBe(false);
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', {})).toBe(false);
  });
});

describe('contentSecurityPolicy', () => {
  it('is the web bridge policy outside dev', () => {
    expect(contentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY);
  });

  it('loosens only what the Vite dev server needs, under forge start', () => {
    const policy = contentSecurityPolicy('http://localhost:5173');
    expect(policy).toContain("connect-src 'self' ws://localhost:5173");
    expect(policy).toContain("script-src 'self' 'unsafe-inline'");
    expect(policy).toContain("style-src 'self' 'unsafe-inline'");
    expect(policy).toContain("object-src 'none'");
    expect(policy.match(/connect-src/g)).toHaveLength(1);
    expect(policy).not.toMatch(/https?:|\*/);
  });
});
