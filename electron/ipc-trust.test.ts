import { describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedSender } from './ipc-trust';

const INDEX = 'file:///opt/cockpit/dist/renderer/index.html';
const APP = 'app://cockpit/';
const DEV = 'http://localhost:5173/';

describe('isTrustedSender', () => {
  it('accepts the main frame showing our renderer file', () => {
    expect(isTrustedSender(INDEX, true, [INDEX])).toBe(true);
    expect(isTrustedSender(`${INDEX}?tab=waves#w1`, true, [INDEX])).toBe(true);
  });

  it('rejects another file, even next to ours or reached through ..', () => {
    expect(isTrustedSender('file:///opt/cockpit/dist/renderer/other.html', true, [INDEX])).toBe(false);
    expect(isTrustedSender('file:///tmp/index.html', true, [INDEX])).toBe(false);
    expect(isTrustedSender('file:///opt/cockpit/dist/renderer/sub/../../../secret/index.html', true, [INDEX])).toBe(false);
  });

  it('accepts every page of the app scheme, and nothing of another host on it', () => {
    expect(isTrustedSender('app://cockpit/index.html', true, [APP])).toBe(true);
    expect(isTrustedSender('app://evil/index.html', true, [APP])).toBe(false);
  });

  it('rejects remote pages', () => {
    expect(isTrustedSender('http://evil.example/', true, [INDEX, APP])).toBe(false);
    expect(isTrustedSender('https://cockpit/index.html', true, [APP])).toBe(false);
  });

  it('accepts the dev server origin only, on its exact port and scheme', () => {
    expect(isTrustedSender('http://localhost:5173/index.html', true, [DEV])).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', true, [DEV])).toBe(false);
    expect(isTrustedSender('https://localhost:5173/', true, [DEV])).toBe(false);
    expect(isTrustedSender('http://user:pw@localhost:5173/', true, [DEV])).toBe(false);
  });

  it('rejects a subframe, even one showing our page', () => {
    expect(isTrustedSender(INDEX, false, [INDEX])).toBe(false);
    expect(isTrustedSender('app://cockpit/index.html', false, [APP])).toBe(false);
  });

  it('rejects about:blank, garbage and a missing frame', () => {
    expect(isTrustedSender('about:blank', true, [INDEX, APP])).toBe(false);
    expect(isTrustedSender('about:srcdoc', true, [APP])).toBe(false);
    expect(isTrustedSender('not a url', true, [APP])).toBe(false);
    expect(isTrustedSender('', true, [APP])).toBe(false);
    expect(isTrustedSender(undefined, true, [INDEX, APP])).toBe(false);
  });

  it('trusts nothing when nothing is allowed', () => {
    expect(isTrustedSender(INDEX, true, [])).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('is the navigation check: our pages yes, anything else no', () => {
    expect(isAppUrl('app://cockpit/index.html', [APP])).toBe(true);
    expect(isAppUrl('https://example.com/', [APP])).toBe(false);
    expect(isAppUrl('file:///etc/passwd', [APP])).toBe(false);
  });
});
