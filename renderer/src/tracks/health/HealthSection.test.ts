// The stack panel's Health section in words: healthy, failing with its problem, no URL yet, not probed yet, stale
// (on the monitor's data clock, also when it runs ahead of the wall clock), and nothing for a stack not probed.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MonitorStatusView } from '../../../../main/api/contract';
import type { HealthProbeView } from '../../../../main/tracks/health/contract';
import { createCockpitStore } from '../../store/cockpit-store';
import { CockpitStoreProvider } from '../../store/context';
import { fakeApi, withBrowserGlobals } from '../../store/fake-cockpit-api';
import { demoLike } from '../../store/test-fixtures';
import { HealthReport, HealthSection } from './HealthSection';
import { healthMonitor, probe } from './health-fixtures';
import { healthUi } from './ui';
import { judgeHealth } from './words';

const CHECKED = Date.parse('2026-12-05T02:00:03.000Z');

function words(view: HealthProbeView, monitor: MonitorStatusView | null = healthMonitor(), now = CHECKED + 2_000): string {
  const html = renderToStaticMarkup(createElement(HealthReport, { stackName: 'app1', probe: view, monitor, now }));
  return html
    .replace(/<\/(dd|h3)>/g, ' | ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

withBrowserGlobals();

describe('the Health section', () => {
  it('says a current healthy probe with its status, latency and data-clock times', () => {
    expect(words(probe('apps/app1'))).toBe(
      'Health | Status Healthy | URL http://127.0.0.1:4566/_apps/apps/app1/healthz | HTTP 200, the expected status | Latency 12 ms | ' +
        'Checked 02:00:03 UTC | Healthy since 01:58:00 UTC |',
    );
  });

  it('says a failing probe and its problem, in red', () => {
    const view = probe('apps/app1', { ok: false, httpStatus: 503, healthySince: null, problem: 'HTTP 503, expected 200' });
    expect(words(view)).toContain('Status Failing | ');
    expect(words(view)).toContain('HTTP 503, not the expected status | ');
    expect(words(view)).toContain('Problem HTTP 503, expected 200 |');
    expect(words(view)).not.toContain('Healthy since');
    const html = renderToStaticMarkup(createElement(HealthReport, { stackName: 'app1', probe: view, monitor: healthMonitor(), now: CHECKED }));
    expect(html).toContain('data-gate="red"');
  });

  it('says a stack without its URL output yet, and one not probed yet, in neutral words', () => {
    const noUrl = probe('apps/app1', {
      url: null,
      httpStatus: null,
      ok: false,
      latencyMs: null,
      checkedAt: null,
      healthySince: null,
      problem: "the stack has no output 'healthUrl' yet: deploy it first",
    });
    expect(words(noUrl)).toBe("Health | Status No URL yet | Problem the stack has no output 'healthUrl' yet: deploy it first |");
    const waiting = probe('apps/app1', { httpStatus: null, ok: false, latencyMs: null, checkedAt: null, healthySince: null });
    expect(words(waiting)).toBe('Health | Status Not probed yet | URL http://127.0.0.1:4566/_apps/apps/app1/healthz |');
  });

  it('says a check older than three monitor cycles is stale, and never healthy', () => {
    // 5 s cycles: current for 15 s of data time.
    expect(judgeHealth(probe('apps/app1'), healthMonitor(), CHECKED + 15_000).status).toBe('healthy');
    const stale = words(probe('apps/app1'), healthMonitor(), CHECKED + 16_000);
    expect(stale).toContain('Status Stale · last check 16 s ago |');
    expect(stale).not.toContain('Healthy |');
    // On a rehearsal clock at 10× the data clock is 10 s ahead after 1 wall second, and three cycles last 150 s of it.
    const fast = healthMonitor(10);
    expect(judgeHealth(probe('apps/app1'), fast, CHECKED + 14_000).status).toBe('healthy');
    expect(judgeHealth(probe('apps/app1'), fast, CHECKED + 16_000)).toEqual({ status: 'stale', ageMs: 160_000 });
    expect(words(probe('apps/app1'), fast, CHECKED + 1_000)).toContain('Checked 02:00:03 UTC on the rehearsal clock (10× real time) |');
    // Without the monitor's status a check cannot be dated.
    expect(words(probe('apps/app1'), null)).toContain('Status Stale · the monitor has not reported |');
  });

  it('renders nothing for a stack the monitor does not probe', () => {
    // A static render reads the store's initial slice (zustand's server snapshot): no stack is probed there.
    const { plan } = demoLike();
    const store = createCockpitStore(fakeApi({}).api, [healthUi]);
    const section = createElement(HealthSection, { plan, stack: plan.stacks[0]! });
    const html = renderToStaticMarkup(createElement(CockpitStoreProvider, { store, children: section }));
    expect(html).toBe('');
  });
});
