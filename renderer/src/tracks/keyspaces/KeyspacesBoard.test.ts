// The Keyspaces tab and the stack panel's section as they render (renderToStaticMarkup of the pure views fed props):
// cards grouped by wave in the plan's order; the bulk load with its times on their clock, rows and duration, its
// error and the refusal of a start; throttled tables standing out; the proxy and the hold against its limits; the
// validation's progress, tables and capped mismatches with "N more not shown"; a re-check that reads as one; the
// buttons enabled or not; and no section for a stack whose Cassandra data does not move.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { PlanView } from '../../../../main/api/contract';
import { createCockpitStore } from '../../store/cockpit-store';
import { CockpitStoreProvider } from '../../store/context';
import { fakeApi, withBrowserGlobals } from '../../store/fake-cockpit-api';
import { demoLike } from '../../store/test-fixtures';
import { KeyspacesBoard } from './components/KeyspacesBoard';
import { KeyspacesSection, KeyspacesSummary } from './components/KeyspacesSection';
import { keyspacesMonitor, stackView, tableValidation, validation } from './keyspaces-fixtures';
import { NO_KEYSPACES, type KeyspacesActions, type KeyspacesSlice } from './slice';
import { keyspacesUi } from './ui';

const KEYSPACES_COLUMNS = [
  { id: 'keyspaces.load', label: 'Bulk load', help: '', track: 'keyspaces' },
  { id: 'keyspaces.dual-write', label: 'Dual writes', help: '', track: 'keyspaces' },
  { id: 'keyspaces.validation', label: 'Validation', help: '', track: 'keyspaces' },
];

function planWithKeyspaces(): PlanView {
  const { plan } = demoLike();
  return { ...plan, gateColumns: [...plan.gateColumns, ...KEYSPACES_COLUMNS] };
}

const actions: KeyspacesActions = {
  startBulkLoad: vi.fn(async () => null),
  validate: vi.fn(async () => null),
  recheck: vi.fn(async () => null),
  cancelValidation: vi.fn(async () => null),
  dismissRefusal: vi.fn(),
  openKeyspaces: vi.fn(),
};

function board(slice: Partial<KeyspacesSlice>, plan: PlanView | null = planWithKeyspaces()): string {
  return renderToStaticMarkup(createElement(KeyspacesBoard, { plan, slice: { ...NO_KEYSPACES, monitor: keyspacesMonitor(10), ...slice }, actions }));
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

/** The markup of the first element with `data-testid="<id>"` (up to the end of the card it is in is enough here). */
function part(html: string, testId: string, from = 0): string {
  const at = html.indexOf(`data-testid="${testId}"`, from);
  if (at < 0) throw new Error(`no ${testId}`);
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

const RATE = 'UTC on the rehearsal clock (10× real time)';

const throttled = stackView('apps/app2', 'w1', {
  bulkLoad: { runId: 'jr_7', state: 'RUNNING', completedAt: null, executionSeconds: 0, recordsRead: 40_000 },
  tables: [
    {
      keyspace: 'shop',
      table: 'carts',
      minute: '2026-12-05T01:59:00.000Z',
      readThrottleEvents: 0,
      writeThrottleEvents: 3,
      partitionThroughputExceeded: 1,
      systemErrors: 0,
      consumedReadCapacityUnits: 10,
      consumedWriteCapacityUnits: 900,
    },
  ],
  proxy: { failedWritesTarget: 3 },
  dualWrite: { clean: false, failedWritesInHold: 3, holdEndsAt: '2026-12-05T02:05:00.000Z' },
});

const mismatched = validation('apps/app2', {
  state: 'mismatches',
  mismatches: 252,
  targetRows: 9_998,
  tables: [
    tableValidation('carts', {
      targetRows: 9_998,
      countMismatchCount: 2,
      countMismatches: [
        { start: '-100', end: '0', originRows: 10, targetRows: 9 },
        { start: '0', end: '100', originRows: 4, targetRows: 3 },
      ],
      rowMismatchCount: 250,
      rowMismatches: [
        { start: '-100', end: '0', key: 'id=7', kind: 'missing-on-target' },
        { start: '200', end: '300', key: 'id=9', kind: 'differs' },
      ],
    }),
    tableValidation('orders'),
  ],
});

withBrowserGlobals();

describe('the Keyspaces tab', () => {
  it('shows one card per moving stack, grouped by wave in the plan order', () => {
    const html = board({ stacks: { 'apps/app3': stackView('apps/app3', 'w2'), 'apps/app2': throttled, 'apps/app1': stackView('apps/app1', 'w1') } });
    const text = words(html);
    expect(text).toMatch(
      /^Keyspaces \| Keyspaces monitor polling · rehearsal environment · every 5 s · last cycle 14 ms at 02:00:03 UTC on the rehearsal clock/,
    );
    expect(text).toContain('durations on the rehearsal data clock, 10× real time');
    const order = [...html.matchAll(/data-keyspaces-stack="([^"]+)"/g)].map((match) => match[1]);
    expect(order).toEqual(['apps/app1', 'apps/app2', 'apps/app3']);
    expect(text.indexOf('2 Pilot |')).toBeLessThan(text.indexOf('3 Finance |'));
  });

  it("says a finished bulk load's job, state, times on their clock, rows read and duration", () => {
    const html = board({ stacks: { 'apps/app1': stackView('apps/app1', 'w1') } });
    expect(words(part(html, 'keyspaces-bulk-load'))).toBe(
      'Bulk load | Succeeded Glue job app1-bulk-load | Run jr_1 | ' +
        `Started 05 Dec 2026, 01:00:00 ${RATE} | Ended 05 Dec 2026, 01:12:05 ${RATE} | Read 1,200,000 rows | Duration 12 min 5 s | Run the bulk load again… |`,
    );
    expect(part(html, 'keyspaces-load-state')).toContain('data-gate="green"');
    expect(part(html, 'keyspaces-bulk-load')).not.toMatch(/data-command="bulk-load"[^>]*disabled/);
  });

  it('keeps "Start bulk load" disabled while a run is under way, and says why', () => {
    const html = board({ stacks: { 'apps/app2': throttled } });
    const load = part(html, 'keyspaces-bulk-load');
    expect(load).toMatch(/<button[^>]*disabled=""[^>]*>Start bulk load/);
    expect(words(load)).toContain('Read 40,000 rows so far |');
    expect(words(load)).toContain('A run is under way (running, run jr_7)');
  });

  it('keeps the buttons from a command on its way and from a started run the monitor has not shown yet', () => {
    const html = board({
      stacks: { 'apps/app1': stackView('apps/app1', 'w1') },
      pending: { 'apps/app1': 'validate' },
      launched: { 'apps/app1': { runId: 'jr_2', seen: 0 } },
    });
    const validationPanel = part(html, 'keyspaces-validation');
    expect(validationPanel).toMatch(/<button[^>]*disabled=""[^>]*>Validate/);
    expect(words(validationPanel)).toContain('Starting a validation…');
    // The loaded stack's button asks before a second run, and is held back the same way.
    expect(part(html, 'keyspaces-bulk-load')).toMatch(/<button[^>]*disabled=""[^>]*>Run the bulk load again…/);
    const waiting = board({ stacks: { 'apps/app1': stackView('apps/app1', 'w1') }, launched: { 'apps/app1': { runId: 'jr_2', seen: 0 } } });
    expect(words(part(waiting, 'keyspaces-bulk-load'))).toContain('Run jr_2 started: waiting for the monitor to read it');
  });

  it("says a failed run's error and the core's refusal of a start in its words", () => {
    const failed = stackView('apps/app1', 'w1', { bulkLoad: { state: 'FAILED', errorMessage: 'An error occurred: OOM on executor 3' } });
    const html = board({
      stacks: { 'apps/app1': failed },
      refusals: { 'apps/app1': { action: 'bulk-load', message: "apps/app1's bulk load cannot start: ConcurrentRunsExceededException" } },
    });
    const load = words(part(html, 'keyspaces-bulk-load'));
    expect(load).toContain('The run ended failed. | An error occurred: OOM on executor 3 |');
    expect(load).toContain(
      "Start bulk load was refused; nothing was started. | apps/app1's bulk load cannot start: ConcurrentRunsExceededException | Dismiss |",
    );
    // The refusal of a start shows with the bulk load, not with the validation.
    expect(words(part(html, 'keyspaces-validation'))).not.toContain('refused');
  });

  it("says each table's newest minute with its clock, every number with its unit, and highlights throttling", () => {
    const html = board({ stacks: { 'apps/app2': throttled } });
    const tables = part(html, 'keyspaces-tables');
    expect(words(tables)).toContain(
      `shop.carts | minute from 01:59:00 ${RATE} | 0 events/min | 3 events/min | 1 event/min | 0 errors/min | 10 RCU/min | 900 WCU/min |`,
    );
    expect(tables).toContain('data-throttled="true"');
    expect(tables.match(/class="ks-number count-bad"/g)).toHaveLength(2);
  });

  it('says the proxy with units and the hold against its limits, with when it ends on its clock', () => {
    const html = board({ stacks: { 'apps/app2': throttled } });
    expect(words(part(html, 'keyspaces-proxy'))).toBe(
      `Dual-write proxy | Metrics http://10.0.1.5:14001/metrics | Read at 02:00:03 ${RATE} | Writes 120.4 writes/s | Write latency 3.3 ms | ` +
        'Read latency origin 1.5 ms · target 12 ms | In flight 4 requests | Connections 1 connection | ' +
        'Failed writes origin 0 failed writes · target 3 failed writes since watched |',
    );
    const hold = part(html, 'keyspaces-hold');
    expect(words(hold)).toBe(
      'Dual-write hold | Over the limits 3 failed writes in the last 300 s, limit 0 | 0 Keyspaces throttle events in the last 300 s, limit 0 | ' +
        `Watched since 01:50:00 ${RATE} | Hold ends at 02:05:00 ${RATE} if nothing new happens |`,
    );
    expect(hold).toContain('data-gate="red"');
  });

  it('says a problem of the proxy', () => {
    const html = board({ stacks: { 'apps/app1': stackView('apps/app1', 'w1', { proxy: { problem: 'the proxy answered HTTP 503' } }) } });
    expect(words(part(html, 'keyspaces-proxy'))).toContain('Problem the proxy answered HTTP 503 |');
    expect(words(part(html, 'keyspaces-hold'))).toContain('Proxy not readable');
  });

  it("says a validation's progress, tables and capped mismatches, and offers a re-check of the table's ranges", () => {
    const html = board({ stacks: { 'apps/app2': throttled }, validations: { 'apps/app2': mismatched } });
    const panel = part(html, 'keyspaces-validation');
    const text = words(panel);
    expect(text).toContain('Validation | Mismatches found whole tables (2 tables)');
    expect(text).toContain(`Started 02:00:00 ${RATE} | Ended 02:03:00 ${RATE} | Token ranges 64 of 64 token ranges |`);
    expect(text).toContain(
      'Rows compared origin 10,000 rows · target 9,998 rows | Origin load origin read 1,250 rows/s on average · bound 5,000 rows/s | Mismatches 252 |',
    );
    expect(text).toContain('carts | 64 checked | 10,000 rows | 9,998 rows | 640 rows | 2 token ranges differ in row count · 250 sampled rows differ |');
    expect(text).toContain('orders | 64 checked | 10,000 rows | 10,000 rows | 640 rows | no mismatches |');
    const carts = words(part(panel, 'keyspaces-mismatches'));
    expect(carts).toContain('(-100, 0] row count: origin 10 rows, target 9 rows |');
    expect(carts).toContain('(-100, 0] row id=7 missing on target |');
    expect(carts).toContain('(200, 300] row id=9 differs |');
    expect(carts).toContain('248 more not shown (sampled rows) |');
    expect(carts).toContain('Re-check these ranges |');
    expect(carts).toContain('Re-checks 3 distinct token ranges; 248 differences the view does not carry are left out');
    // Only the table with differences lists them.
    expect(panel.match(/data-testid="keyspaces-mismatches"/g)).toHaveLength(1);
    expect(panel).not.toMatch(/<button[^>]*disabled=""[^>]*>Validate/);
    expect(panel).not.toContain('data-command="cancel"');
  });

  it('offers Cancel while a validation runs, with the progress as a bar, and keeps the other buttons from it', () => {
    const running = validation('apps/app1', { state: 'running', finishedAt: null, rangesDone: 16, rangesTotal: 64, originRowsPerSecond: null, tables: [] });
    const html = board({ stacks: { 'apps/app1': stackView('apps/app1', 'w1') }, validations: { 'apps/app1': running } });
    const panel = part(html, 'keyspaces-validation');
    expect(panel).toContain('aria-valuenow="25"');
    expect(words(panel)).toContain('Token ranges 16 of 64 token ranges |');
    expect(words(panel)).toContain('origin read rate known at the end · bound 5,000 rows/s');
    expect(panel).toMatch(/<button[^>]*disabled=""[^>]*>Validate/);
    expect(panel).toMatch(/<button[^>]*data-command="cancel"[^>]*>Cancel/);
    expect(panel).not.toMatch(/data-command="cancel"[^>]*disabled/);
  });

  it('reads a re-check as a partial check, never as a whole clean validation', () => {
    const recheck = validation('apps/app1', {
      scope: 'recheck',
      rangesDone: 3,
      rangesTotal: 3,
      tables: [tableValidation('carts', { rangesChecked: 3, originRows: 14, targetRows: 14, sampledRows: 14 })],
    });
    const html = board({ stacks: { 'apps/app1': stackView('apps/app1', 'w1') }, validations: { 'apps/app1': recheck } });
    const panel = part(html, 'keyspaces-validation');
    expect(words(panel)).toContain('Validation | Re-check: clean re-check of 3 token ranges of carts');
    expect(words(panel)).toContain('it is no whole validation, and the gate waits for one.');
    expect(part(panel, 'keyspaces-validation-state')).toContain('data-gate="neutral"');
    expect(panel).toContain('data-scope="recheck"');
  });

  it("says a refused validation in the core's words with the validation", () => {
    const html = board({
      stacks: { 'apps/app1': stackView('apps/app1', 'w1') },
      refusals: { 'apps/app1': { action: 'recheck', message: "no table carts in apps/app1's keyspaces.tables (orders)" } },
    });
    expect(words(part(html, 'keyspaces-validation'))).toContain(
      "Re-check was refused; nothing was started. | no table carts in apps/app1's keyspaces.tables (orders) |",
    );
  });

  it('says when there is nothing to show: no plan, a plan without Cassandra data, a monitor yet to report', () => {
    expect(words(board({ monitor: null }, null))).toBe('Keyspaces | No plan loaded: the Keyspaces monitor is not running. |');
    expect(words(board({ monitor: null }, demoLike().plan))).toContain('No stack of this plan moves Cassandra data');
    expect(words(board({ monitor: null }))).toContain('The Keyspaces monitor has not reported the stacks whose Cassandra data moves yet.');
  });
});

describe("the stack panel's Keyspaces section", () => {
  it('sums the load, the hold and the validation up in a line each, with the way to the tab', () => {
    const html = renderToStaticMarkup(
      createElement(KeyspacesSummary, { stackName: 'app2', view: throttled, validation: mismatched, monitor: keyspacesMonitor(), onOpen: () => {} }),
    );
    expect(words(html)).toBe(
      'Keyspaces | Bulk load Running since 01:00:00 UTC · 40,000 rows so far | ' +
        'Dual writes Over the limits: 3 failed writes in the last 300 s, limit 0 | ' +
        'Validation 252 mismatches found, finished 02:03:00 UTC | Keyspaces of app2 → |',
    );
  });

  it('renders nothing for a stack whose Cassandra data does not move', () => {
    // A static render reads the store's initial slice (zustand's server snapshot): no stack moves there.
    const { plan } = demoLike();
    const store = createCockpitStore(fakeApi({}).api, [keyspacesUi]);
    const section = createElement(KeyspacesSection, { plan, stack: plan.stacks[0]! });
    expect(renderToStaticMarkup(createElement(CockpitStoreProvider, { store, children: section }))).toBe('');
  });
});
