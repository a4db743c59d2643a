// The Schedules tab and the stack panel's section as they render (renderToStaticMarkup of the pure views fed props), on
// the fixtures' plan: jobs grouped by wave and stack in the plan's order; the Jenkins job mid-handover with its DC build
// running, neither trigger on and what comes of it said as danger; the cron-endpoint job owned by AWS; both sides with
// every time on its clock and every number with its unit; the slot strip with its double and missed slots in words and
// "now" in place; the totals and the alerts newest first with Acknowledge; the test invocation, its result, its
// button held or not, its refusal; a side's problem; the empty states; and the stack panel's lines.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { PlanView } from '../../../../main/api/contract';
import { createCockpitStore } from '../../store/cockpit-store';
import { CockpitStoreProvider } from '../../store/context';
import { fakeApi, withBrowserGlobals } from '../../store/fake-cockpit-api';
import { demoLike } from '../../store/test-fixtures';
import { SchedulesBoard } from './components/SchedulesBoard';
import { SchedulesSection, SchedulesSummary } from './components/SchedulesSection';
import { ALERTS, cachePurge, jobView, ledgerClose, monthlyReport, schedulesMonitor } from './schedules-fixtures';
import { NO_SCHEDULES, type SchedulesActions, type SchedulesSlice } from './slice';
import { schedulesUi } from './ui';

const actions: SchedulesActions = {
  testInvoke: vi.fn(async () => null),
  acknowledge: vi.fn(async () => null),
  dismissRefusal: vi.fn(),
  dismissAckRefusal: vi.fn(),
  openSchedules: vi.fn(),
};

const JOBS = [monthlyReport, cachePurge, ledgerClose];

function board(slice: Partial<SchedulesSlice>, plan: PlanView | null = demoLike().plan): string {
  return renderToStaticMarkup(
    createElement(SchedulesBoard, { plan, slice: { ...NO_SCHEDULES, monitor: schedulesMonitor(), jobs: JOBS, alerts: ALERTS, ...slice }, actions }),
  );
}

/** The markup as a reader meets it: text only, one space between elements, `|` after each value and heading. */
function words(html: string): string {
  return html
    .replace(/<\/(dd|h[2-6]|li|td|th|p|pre|button|strong)>/g, ' | ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The markup of the element holding `marker` (an attribute such as `data-testid="x"`), from `from` on. */
function part(html: string, marker: string, from = 0): string {
  const at = html.indexOf(marker, from);
  if (at < 0) throw new Error(`no ${marker}`);
  const start = html.lastIndexOf('<', at);
  const tag = /^<(\w+)/.exec(html.slice(start))![1]!;
  // Nested elements of the same tag: count them until the one that opened closes.
  let depth = 0;
  const pattern = new RegExp(`<${tag}[\\s>]|</${tag}>`, 'g');
  pattern.lastIndex = start;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    depth += match[0].startsWith('</') ? -1 : 1;
    if (depth === 0) return html.slice(start, match.index + match[0].length);
  }
  return html.slice(start);
}

const job = (html: string, key: string) => part(html, `data-job="${key}"`);
const LEDGER = 'apps/app1#ledger-close';
const PURGE = 'apps/app2#cache-purge';

withBrowserGlobals();

describe('the Schedules tab', () => {
  it('shows every job grouped by wave, then stack, in the plan order, after the monitor line, totals, alerts and legend', () => {
    const html = board({});
    const text = words(html);
    expect(text).toMatch(/^Scheduled jobs \| Schedules monitor polling · rehearsal environment · every 30 s · last cycle 14 ms at 02:00:03 UTC \|/);
    expect([...html.matchAll(/data-job="([^"]+)"/g)].map((match) => match[1])).toEqual([LEDGER, PURGE, 'apps/app3#monthly-report']);
    expect([...html.matchAll(/data-schedules-stack="([^"]+)"/g)].map((match) => match[1])).toEqual(['apps/app1', 'apps/app2', 'apps/app3']);
    expect(text.indexOf('2 Pilot |')).toBeLessThan(text.indexOf('3 Finance |'));
    expect(text.indexOf('Alerts |')).toBeLessThan(text.indexOf('2 Pilot |'));
  });

  it('says the Jenkins job mid-handover: trigger off, the DC build running since when, AWS not enabled yet, and the missed run coming', () => {
    const card = job(board({}), LEDGER);
    expect(card).toContain('data-owner="neither"');
    expect(card).toContain('data-danger="true"');
    expect(part(card, 'data-testid="schedules-owner"')).toContain('data-gate="red"');
    const text = words(card);
    expect(text).toMatch(
      /^ledger-close \| NEITHER: missed run coming not idempotent: a double run does its work twice watched since 04 Dec 2026, 22:00:00 UTC/,
    );
    expect(words(part(card, 'data-testid="schedules-owner-danger"'))).toBe(
      'Neither trigger fires: the next slot (02:30:00 UTC on neither side) runs on neither side (a missed run) unless one is turned on. |',
    );
    expect(words(part(card, 'data-testid="schedules-dc"'))).toBe(
      'Data center | Jenkins job on jenkins-dc1 Job payments/ledger-close | Schedule */30 * * * * (UTC) | Trigger OFF: disabled | ' +
        'Running since 02:00:00 UTC (build #412), 3 s at the last check | Queued no | Last run started 01:30:00 UTC, succeeded | ' +
        'Next slot none: the trigger is off | Read 02:00:03 UTC |',
    );
    expect(words(part(card, 'data-testid="schedules-aws"'))).toContain(
      'AWS | EventBridge Scheduler → Lambda Schedule default/app1-ledger-close cron(0/30 * * * ? *) (UTC) | State DISABLED | Start date none | ' +
        'Next slot none: the schedule is disabled | Function app1-ledger-close | Concurrency none reserved (the account’s unreserved pool) | ' +
        'Last run no invocations seen yet | Read 02:00:03 UTC |',
    );
  });

  it('says the cron-endpoint job owned by AWS, its schedule on, its start date, concurrency and last invocations with units', () => {
    const card = job(board({}), PURGE);
    const head = card.slice(0, card.indexOf('>'));
    expect(head).toContain('data-owner="aws"');
    expect(head).not.toContain('data-danger');
    expect(words(part(card, 'data-testid="schedules-owner-line"'))).toBe('The AWS schedule fires; the data-center trigger does not. |');
    expect(words(part(card, 'data-testid="schedules-dc"'))).toContain(
      'Data center | cron entry on cron-dc1 Entry cache-purge | Schedule 15 * * * * (Europe/Berlin) |',
    );
    expect(words(part(card, 'data-testid="schedules-dc"'))).toContain('Last run started 04 Dec 2026, 23:15:02 UTC, succeeded |');
    expect(words(part(card, 'data-testid="schedules-aws"'))).toContain(
      'State ENABLED: fires on its schedule | Start date 00:10:00 UTC | Next slot 02:15:00 UTC | Function app2-cache-purge | ' +
        'Concurrency 5 concurrent executions reserved | Last run 2 invocations, 0 errors in the minute from 01:15:00 UTC |',
    );
    expect(words(part(card, 'data-testid="schedules-job-totals"'))).toBe(
      '0 double runs | 1 missed run | 0 failed data-center runs | 0 failed AWS invocations | 1 throttled invocation | 1 duplicate delivery | ' +
        '2 invocations dropped in schedule group default (the group’s count) |',
    );
  });

  it('draws the slots around now: which side ran each in words, double and missed as danger, marks, and now before the upcoming', () => {
    const html = board({});
    const strip = part(job(html, LEDGER), 'data-testid="schedules-strip"');
    expect([...strip.matchAll(/data-verdict="([^"]+)"/g)].map((match) => match[1])).toEqual(['dc', 'dc', 'double', 'dc', 'upcoming', 'upcoming']);
    // "now" sits between the 02:00 slot and the first upcoming one.
    expect(strip.indexOf('data-testid="schedules-now"')).toBeGreaterThan(strip.indexOf('02:00</time>'));
    expect(strip.indexOf('data-testid="schedules-now"')).toBeLessThan(strip.indexOf('02:30</time>'));
    const double = part(strip, 'data-verdict="double"');
    expect(double).toContain('data-danger="true"');
    expect(words(double)).toBe('Slot 01:30:00 UTC: ran on both sides: a double run; 1 data-center run; 1 AWS invocation 05 Dec 01:30 Double run |');

    const purge = part(job(html, PURGE), 'data-testid="schedules-strip"');
    const missed = part(purge, 'data-verdict="missed"');
    expect(missed).toContain('data-danger="true"');
    expect(words(missed)).toContain('ran on neither side: a missed run');
    expect(words(missed)).toMatch(/00:15 Missed \|$/);
    const delivered = part(purge, 'data-verdict="aws"');
    expect(words(delivered)).toContain('01:15 AWS thr 1 AWS ×2 |');
    // The first slot's day shows; a slot on the next day shows its day again.
    expect(purge).toMatch(/class="sch-slot-day"[^>]*>04 Dec</);
    expect(purge).toMatch(/class="sch-slot-day"[^>]*>05 Dec<\/span><time[^>]*>00:15/);
  });

  it('says what the strips mean once: every verdict, the marks and the clock; each strip says its clock', () => {
    const html = board({ monitor: schedulesMonitor(10) });
    const folded = part(html, 'data-testid="schedules-legend"');
    // Folded under its summary, which says the clock.
    expect(folded).toMatch(/^<details /);
    expect(folded).not.toMatch(/^<details[^>]* open/);
    expect(words(part(folded, 'class="sch-legend-summary"'))).toContain('Slot times UTC on the rehearsal clock (10× real time)');
    const legend = words(folded);
    expect(legend).toContain('Slot times UTC on the rehearsal clock (10× real time)');
    for (const phrase of [
      'DC ran in the data center only',
      'AWS ran on AWS only',
      'Double run ran on both sides: a double run',
      'Missed ran on neither side: a missed run',
    ])
      expect(legend).toContain(phrase);
    expect(legend).toContain('err n runs that failed');
    expect(legend).toContain('thr n AWS invocations throttled');
    // A strip read alone (the tab scrolled to a job) has its clock at its head.
    for (const key of [LEDGER, PURGE]) expect(words(part(job(html, key), 'data-testid="schedules-strip-clock"'))).toBe('UTC, rehearsal clock 10×');
    expect(words(part(job(board({}), LEDGER), 'data-testid="schedules-strip-clock"'))).toBe('UTC');
  });

  it('says at a glance who runs the jobs now, both and neither in the danger colour when there are some', () => {
    const html = board({});
    const owners = part(html, 'data-testid="schedules-owners"');
    expect(words(owners)).toBe('1 job on AWS | 1 job in the data center | 0 jobs on BOTH sides | 1 job on NEITHER side: a missed run is coming |');
    expect(part(owners, 'data-owner="neither"')).toContain('class="count-bad"');
    expect(part(owners, 'data-owner="both"')).not.toContain('count-bad');
    // Before the jobs, after the monitor line.
    expect(html.indexOf('data-testid="schedules-owners"')).toBeLessThan(html.indexOf('data-testid="schedules-job"'));
  });

  it('sums up every job with units, and lists the alerts newest first with Acknowledge for the open ones', () => {
    const html = board({});
    expect(words(part(html, 'data-testid="schedules-totals"'))).toBe(
      '1 double run | 1 missed run | 0 failed data-center runs | 0 failed AWS invocations | 1 throttled invocation | 1 duplicate delivery | ' +
        '2 invocations dropped by Scheduler (each schedule group counted once) |',
    );
    const alerts = part(html, 'data-testid="schedules-alerts"');
    expect([...alerts.matchAll(/data-alert-id="([^"]+)"/g)].map((match) => match[1])).toEqual(['a-double', 'a-duplicate', 'a-missed']);
    expect(words(alerts)).toMatch(/^Alerts \| 2 open alerts of 3 Acknowledge all 2 \|/);
    expect(words(part(alerts, 'data-alert-id="a-double"'))).toBe(
      'Critical Double run | app1 · ledger-close slot 01:30:00 UTC raised 01:31:00 UTC ' +
        'Both the data center (build #411) and AWS (1 invocation) ran the 01:30 slot of ledger-close | Acknowledge | |',
    );
    expect(words(part(alerts, 'data-alert-id="a-missed"'))).toContain('acknowledged 00:25:00 UTC');
    expect(part(alerts, 'data-alert-id="a-missed"')).not.toContain('data-command="ack"');
  });

  it('reads an alert acknowledged from the answer, one on its way as such, and a refused acknowledgement in its words', () => {
    const html = board({ acknowledging: { 'a-double': 'sent', 'a-duplicate': 'sending' }, ackRefusal: null });
    const alerts = part(html, 'data-testid="schedules-alerts"');
    expect(words(part(alerts, 'data-alert-id="a-double"'))).toMatch(/\| acknowledged \|$/);
    expect(words(part(alerts, 'data-alert-id="a-duplicate"'))).toMatch(/\| acknowledging… \|$/);
    expect(words(alerts)).toContain('0 open alerts of 3');
    expect(alerts).not.toContain('data-command="ack-all"');
    const refused = board({ ackRefusal: 'the schedules monitor is not running' });
    expect(words(part(refused, 'data-testid="schedules-ack-refusal"'))).toBe(
      'Acknowledging was refused; the alerts stay open. | the schedules monitor is not running | Dismiss |',
    );
  });

  it('shows the test invocation, wants one that succeeded, and holds the button while one is on its way or there is no function', () => {
    const html = board({});
    const ledgerTest = part(job(html, LEDGER), 'data-testid="schedules-test"');
    expect(words(ledgerTest)).toBe('Test invocation none yet | The readiness gate wants a test invocation that succeeded. | Test invocation |');
    expect(ledgerTest).not.toMatch(/<button[^>]*disabled/);
    const purgeTest = part(job(html, PURGE), 'data-testid="schedules-test"');
    expect(words(purgeTest)).toBe('Test invocation Succeeded at 00:05:00 UTC: StatusCode 200, no function error | Test invocation |');
    expect(purgeTest).toContain('data-ok="true"');
    expect(part(job(html, 'apps/app3#monthly-report'), 'data-testid="schedules-test"')).toMatch(/<button[^>]*disabled=""[^>]*>Test invocation/);

    const sending = board({ pending: { [LEDGER]: 'test-invoke' } });
    const held = part(job(sending, LEDGER), 'data-testid="schedules-test"');
    expect(held).toMatch(/<button[^>]*disabled=""[^>]*>Test invocation/);
    expect(words(held)).toContain('Invoking the function…');
  });

  it("shows the operator's newer test answer, a failed one as such, and the core's refusal in its words", () => {
    const failed = { at: '2026-12-05T02:01:00.000Z', ok: false, message: 'FunctionError Unhandled: cannot reach the ledger database' };
    const html = board({
      tests: { [PURGE]: failed },
      refusals: { [LEDGER]: { action: 'test-invoke', message: "the function app1-ledger-close does not exist: deploy the stack's AWS side first" } },
    });
    const purgeTest = part(job(html, PURGE), 'data-testid="schedules-test"');
    expect(words(purgeTest)).toContain('Failed at 02:01:00 UTC: FunctionError Unhandled: cannot reach the ledger database');
    expect(purgeTest).toContain('data-ok="false"');
    expect(words(purgeTest)).toContain('The readiness gate wants a test invocation that succeeded.');
    expect(words(part(job(html, LEDGER), 'data-testid="schedules-refusal"'))).toBe(
      "Test invocation was refused; the function was not invoked. | the function app1-ledger-close does not exist: deploy the stack's AWS side first | Dismiss |",
    );
  });

  it("says a side's problem, and the kill switch", () => {
    const html = board({
      jobs: [
        monthlyReport,
        jobView('apps/app1', 'killed', 'w1', { owner: 'dc', aws: { reservedConcurrency: 0 }, dc: { problem: 'Jenkins answered HTTP 503' } }),
        jobView('apps/app1', 'starved', 'w1', { owner: 'aws', dc: { enabled: false }, aws: { reservedConcurrency: 0, state: 'ENABLED' } }),
      ],
    });
    expect(words(part(job(html, 'apps/app3#monthly-report'), 'data-testid="schedules-aws-problem"'))).toBe(
      "The AWS side could not be read: | the stack has no output 'schedulesJobs' yet: deploy it first |",
    );
    expect(words(part(job(html, 'apps/app3#monthly-report'), 'data-testid="schedules-aws-concurrency"'))).toBe('no function yet |');
    const killed = job(html, 'apps/app1#killed');
    expect(words(part(killed, 'data-testid="schedules-dc-problem"'))).toBe('The data-center side could not be read: | Jenkins answered HTTP 503 |');
    // After a rollback the kill switch is the safe state: said in the warning colour, with what removes it.
    const safe = part(killed, 'data-testid="schedules-aws"');
    expect(safe).toContain('data-kill-switch="true"');
    expect(safe).not.toContain('data-danger');
    expect(part(killed, 'data-testid="schedules-aws-concurrency"')).toContain('class="count-warn"');
    expect(words(part(killed, 'data-testid="schedules-aws-concurrency"'))).toBe(
      'KILL SWITCH ON: 0 concurrent executions reserved, every invocation is throttled (the next handover removes it) |',
    );
    // With the schedule firing, its slots run nowhere: a danger.
    const starved = job(html, 'apps/app1#starved');
    expect(part(starved, 'data-testid="schedules-aws"')).toContain('data-danger="true"');
    expect(part(starved, 'data-testid="schedules-aws-concurrency"')).toContain('class="count-bad"');
    expect(words(part(starved, 'data-testid="schedules-aws-concurrency"'))).toBe(
      'KILL SWITCH ON while the schedule is ENABLED: 0 concurrent executions reserved, every invocation is throttled, so its slots run nowhere |',
    );
  });

  it('says when there is nothing to show: no plan, a plan without scheduled jobs, a monitor yet to report', () => {
    expect(words(board({ monitor: null, jobs: [] }, null))).toBe('Scheduled jobs | No plan loaded: the schedules monitor is not running. |');
    const reported = words(board({ jobs: [], alerts: [] }));
    expect(reported).toContain('No stack of this plan has scheduled jobs (no stack lists schedules.jobs).');
    const waiting = words(board({ monitor: null, jobs: [], alerts: [] }));
    expect(waiting).toContain('The schedules monitor has not reported yet.');
    expect(waiting).toContain('or the schedules monitor has not reported yet.');
    const { plan } = demoLike();
    const withGate = { ...plan, gateColumns: [...plan.gateColumns, { id: 'schedules.ready', label: 'Jobs', help: '', track: 'schedules' }] };
    expect(words(board({ monitor: null, jobs: [], alerts: [] }, withGate))).toContain('The schedules monitor has not reported this plan’s scheduled jobs yet.');
  });

  it("says a job's slots are not known yet", () => {
    expect(words(part(job(board({}), 'apps/app3#monthly-report'), 'data-testid="schedules-strip"'))).toBe(
      'No slots around now yet: the monitor has not expanded the job’s schedule. |',
    );
  });
});

describe("the stack panel's section of scheduled jobs", () => {
  it('says each job of the stack in one line: owner, next slot, last run, and the way to the tab', () => {
    const html = renderToStaticMarkup(
      createElement(SchedulesSummary, {
        stackName: 'app1',
        jobs: [ledgerClose, { ...cachePurge, stackId: 'apps/app1' }],
        monitor: schedulesMonitor(),
        onOpen: () => {},
      }),
    );
    expect(words(html)).toBe(
      'Scheduled jobs | ' +
        'ledger-close : NEITHER trigger on: missed run coming · next 02:30:00 UTC on neither side · last running in the data center since 02:00:00 UTC | ' +
        'cache-purge : AWS runs it · next 02:15:00 UTC on AWS · last on AWS: 2 invocations, 0 errors in the minute from 01:15:00 UTC | ' +
        'Scheduled jobs of app1 → |',
    );
    // Only the owner's words read as danger, not the whole line.
    expect(part(html, 'data-owner="neither"')).toContain('<span class="count-bad">NEITHER trigger on: missed run coming</span>');
    expect(part(html, 'data-owner="aws"')).not.toContain('count-bad');
  });

  it('renders nothing for a stack without scheduled jobs', () => {
    // A static render reads the store's initial slice (zustand's server snapshot): no job there.
    const { plan } = demoLike();
    const store = createCockpitStore(fakeApi({}).api, [schedulesUi]);
    const section = createElement(SchedulesSection, { plan, stack: plan.stacks[0]! });
    expect(renderToStaticMarkup(createElement(CockpitStoreProvider, { store, children: section }))).toBe('');
  });
});
