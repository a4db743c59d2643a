// The operator's read-only page at GET /.
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './view';
import { call, demoRegistration, TOKEN, useServices } from './test-support';

const start = useServices();

describe('HTML view', () => {
  it('lists what is registered, without needing the token', async () => {
    const service = await start({
      token: TOKEN,
      initial: [{ name: 'app1401', project: 'platform-production', attributes: { owner: 'analytics', wave: 'wave-4' } }],
    });
    await call(service, 'POST', '/api/v1/instances', { body: demoRegistration('app1402') });

    const page = await call(service, 'GET', '/', { token: null });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.text).toContain('<meta http-equiv="refresh" content="5">');
    expect(page.text).toContain('2 instances registered');
    for (const text of [
      'ci-000001',
      'app1401',
      'ci-000002',
      'app1402',
      'platform-production',
      '<dt>owner</dt><dd>analytics</dd>',
      '<dt>wave</dt><dd>wave-1</dd>',
    ]) {
      expect(page.text).toContain(text);
    }
    expect(page.text.indexOf('app1401')).toBeLessThan(page.text.indexOf('app1402'));
    expect(page.text).toContain(service.instances()[0]!.createdAt);
    expect(page.text).not.toContain(TOKEN);
    expect(page.text).not.toMatch(/<script/i);
  });

  it('escapes every value that came from a client', async () => {
    const service = await start();
    await call(service, 'POST', '/api/v1/instances', {
      body: { name: '<script>alert(1)</script>', project: 'p&"q"', '<img src=x onerror=alert(2)>': "it's <b>bold</b>" },
    });
    const page = await call(service, 'GET', '/');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).toContain('p&amp;&quot;q&quot;');
    expect(page.text).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(page.text).toContain('it&#39;s &lt;b&gt;bold&lt;/b&gt;');
    expect(page.text).not.toMatch(/<script|<img|<b>/i);
  });

  it('says so when nothing is registered, and warns while faults are injected', async () => {
    const service = await start();
    const empty = await call(service, 'GET', '/');
    expect(empty.text).toContain('Nothing is registered yet.');
    expect(empty.text).not.toContain('Fault injection is active');
    service.failNext(1);
    expect((await call(service, 'GET', '/')).text).toContain('Fault injection is active');
  });

  it('is read-only', async () => {
    const service = await start();
    expect((await call(service, 'POST', '/', { body: {} })).status).toBe(405);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });
});
