// The Traffic tab and the stack panel's section as they render (renderToStaticMarkup of the pure views fed props), on
// the fixtures' plan: waves in the plan's order, each wave's shift on top — its state announced, "step 2 of 4 — 25 %
// to AWS", the step strip with each decision and who made it, the controls enabled only while it runs, the reason
// prompt, a refusal where the operator clicked, a command sent, the abort with its weights in sync or NOT — then each
// service: its weight bar, both percents when they differ, the Route 53 change, each side's target health with the
// targets not healthy, the hour's charts (a Route 53 split's data center not measured, never zeros), the analysis
// against the thresholds; the empty states; and the stack panel's line.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { PlanView } from '../../../../main/api/contract';
import { createCockpitStore } from '../../store/cockpit-store';
import { CockpitStoreProvider } from '../../store/context';
import { fakeApi, withBrowserGlobals } from '../../store/fake-cockpit-api';
import { demoLike } from '../../store/test-fixtures';
import { opensPrompt, sendPrompt, ShiftControlsView, type ShiftControlsViewProps } from './components/ShiftControls';
import { TrafficBoard } from './components/TrafficBoard';
import { TrafficSection, TrafficSummary } from './components/TrafficSection';
import { NO_TRAFFIC, type TrafficActions, type TrafficSlice } from './slice';
import { abortedShift, api, billing, failedShift, runningShift, SERVICES, shop, trafficMonitor } from './traffic-fixtures';
import { trafficUi } from './ui';

const actions: TrafficActions = {
  pause: vi.fn(async () => null),
  resume: vi.fn(async () => null),
  promote: vi.fn(async () => null),
  abort: vi.fn(async () => null),
  dismissRefusal: vi.fn(),
  openTraffic: vi.fn(),
};

function board(slice: Partial<TrafficSlice>, plan: PlanView | null = demoLike().plan): string {
  return renderToStaticMarkup(
    createElement(TrafficBoard, {
      plan,
      slice: { ...NO_TRAFFIC, monitor: trafficMonitor(), services: SERVICES, shifts: { w1: runningShift }, ...slice },
      actions,
    }),
  );
}

function controls(props: Partial<ShiftControlsViewProps>): string {
  const noop = () => {};
  return renderToStaticMarkup(
    createElement(ShiftControlsView, {
      shift: runningShift,
      waveName: 'Pilot',
      pending: undefined,
      refusal: undefined,
      sent: undefined,
      prompt: null,
      onCommand: noop,
      onReason: noop,
      onConfirm: noop,
      onCancel: noop,
      onDismiss: noop,
      ...props,
    }),
  );
}

/** The markup as a reader meets it: text only, one space between elements, `|` after each value and heading. */
function words(html: string): string {
  return html
    .replace(/<\/(dd|h[2-6]|li|td|th|p|pre|button|strong|summary|label)>/g, ' | ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
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

const service = (html: string, stackId: string) => part(html, `data-traffic-stack="${stackId}"`);
const buttons = (html: string) =>
  [...html.matchAll(/<button[^>]*data-command="(\w+)"[^>]*>/g)].map((match) => [match[1], /disabled=""/.test(match[0]) ? 'disabled' : 'enabled']);

withBrowserGlobals();

describe('the Traffic tab', () => {
  it("shows each wave in the plan's order, its shift on top, then its services in the wave's order", () => {
    const html = board({});
    const text = words(html);
    expect(text).toMatch(
      /^Traffic \| Traffic monitor polling · rehearsal environment · every 10 s · last cycle 42 ms at 02:13:03 UTC \| 2 Pilot \| Traffic shift \|/,
    );
    expect([...html.matchAll(/data-wave-id="([^"]+)"/g)].map((match) => match[1])).toEqual(['w1', 'w1', 'w2']);
    expect([...html.matchAll(/data-traffic-stack="([^"]+)"/g)].map((match) => match[1])).toEqual(['apps/app1', 'apps/app2', 'apps/app3']);
    expect(html.indexOf('data-testid="traffic-shift"')).toBeLessThan(html.indexOf('data-traffic-stack="apps/app1"'));
    expect(words(part(html, 'data-testid="traffic-no-shift"'))).toBe(
      'No shift has run for this wave: its cutover runbook’s step “Shift traffic to AWS step by step” (traffic-shift) starts one. |',
    );
  });

  it('says the shift: its state announced, where it is, when it started, its settings and its steps with who decided', () => {
    const shift = part(board({}), 'data-testid="traffic-shift"');
    const now = part(shift, 'data-testid="traffic-shift-now"');
    expect(now).toMatch(/role="status" aria-live="polite"/);
    expect(words(now)).toBe('Analysing the step step 2 of 4 — 25 % to AWS |');
    expect(part(now, 'data-testid="traffic-shift-state"')).toContain('data-gate="holding"');
    expect(words(part(shift, 'data-testid="traffic-shift-facts"'))).toBe(
      'started 02:00:00 UTC from 0 % to AWS · analysis every 1 min · on failure back to 0 % to AWS (all users in the data center) · 1 failed measurement allowed per service and step |',
    );
    const steps = part(shift, 'data-testid="traffic-steps"');
    expect([...steps.matchAll(/data-status="([^"]+)"/g)].map((match) => match[1])).toEqual(['promoted', 'current', 'upcoming', 'upcoming']);
    expect(words(part(steps, 'data-step="1"'))).toBe(
      'Step 1 | promoted 5 % · pause 5 min promoted by the analysis at 02:08:05 UTC analysis passed: 10 of 10 measurements passed, none beyond the failure limit |',
    );
    expect(words(part(steps, 'data-step="2"'))).toBe(
      'Step 2 | now 25 % · pause 5 min 2 of 5 measurements per service; 1 failed measurement (the limit is 1 per service) |',
    );
    expect(words(part(steps, 'data-step="3"'))).toBe('Step 3 | to come 50 % · pause 5 min |');
    expect(words(part(shift, 'data-testid="traffic-operator"'))).toBe(
      'Operator actions | 02:03:10 UTC · ops@host paused at step 1 | 02:05:30 UTC · ops@host resumed at step 1: checked the 5xx dashboards |',
    );
    expect(shift).not.toContain('data-testid="traffic-abort"');
  });

  it('enables the controls that make sense while the shift runs, none after it ended, and says why in their titles', () => {
    expect(buttons(part(board({}), 'data-testid="traffic-controls"'))).toEqual([
      ['pause', 'enabled'],
      ['resume', 'disabled'],
      ['promote', 'enabled'],
      ['abort', 'enabled'],
    ]);
    const paused = part(board({ shifts: { w1: { ...runningShift, state: 'paused' } } }), 'data-testid="traffic-shift"');
    expect(paused).toContain('data-paused="true"');
    expect(buttons(paused)).toEqual([
      ['pause', 'disabled'],
      ['resume', 'enabled'],
      ['promote', 'enabled'],
      ['abort', 'enabled'],
    ]);
    const ended = part(board({ shifts: { w1: abortedShift } }), 'data-testid="traffic-controls"');
    expect(buttons(ended).every(([, state]) => state === 'disabled')).toBe(true);
    expect(ended).toContain('title="The shift has ended (aborted)"');
    // While a command is on its way every button waits, and the status says what is sent.
    const sending = board({ pending: { w1: 'pause' } });
    expect(buttons(part(sending, 'data-testid="traffic-controls"')).every(([, state]) => state === 'disabled')).toBe(true);
    expect(words(part(sending, 'data-testid="traffic-command-status"'))).toBe('Sending pause to the shift… |');
    const sent = board({ sent: { w1: { action: 'pause', startedAt: runningShift.startedAt, operatorCount: 2 } } });
    expect(words(part(sent, 'data-testid="traffic-command-status"'))).toBe('Pause sent: the shift takes it at its next check. |');
  });

  it('asks why before an abort: what it will do, the reason counted, the button held until it is enough', () => {
    const empty = controls({ prompt: { command: 'abort', reason: 'ab' } });
    const prompt = part(empty, 'data-testid="traffic-prompt"');
    expect(prompt).toContain('aria-label="Abort the shift of Pilot"');
    expect(words(prompt)).toBe(
      'Abort the shift of Pilot: every service’s weights go back to 0 % to AWS (all users in the data center). | Reason (required) | ab At least 3 characters (2 so far). It is journaled with your name. Abort the shift | Cancel |',
    );
    expect(prompt).toMatch(/<textarea[^>]*required=""[^>]*aria-invalid="true"/);
    expect(prompt).toMatch(/<button type="submit" class="danger" disabled=""[^>]*>Abort the shift/);
    expect(empty).toMatch(/data-command="abort"[^>]*aria-expanded="true"/);
    const enough = part(controls({ prompt: { command: 'abort', reason: '5xx on api' } }), 'data-testid="traffic-prompt"');
    expect(enough).not.toMatch(/<button type="submit"[^>]*disabled/);
  });

  it('asks why before promoting over failed measurements, and not otherwise', () => {
    const failing = part(controls({ prompt: { command: 'promote', reason: '' } }), 'data-testid="traffic-prompt"');
    expect(words(failing)).toContain('Promote step 2 now: its pause ends and the shift goes on to step 3 (50 % to AWS). | Reason (required) |');
    expect(words(failing)).toContain('Step 2 has 1 failed measurement: say why it is promoted anyway.');
    expect(failing).toMatch(/<button type="submit" class="primary" disabled=""/);
    const clean = { ...runningShift, stepRecords: [runningShift.stepRecords[0]!, { ...runningShift.stepRecords[1]!, measurements: {} }] };
    const optional = part(controls({ shift: clean, prompt: { command: 'promote', reason: '' } }), 'data-testid="traffic-prompt"');
    expect(words(optional)).toContain('Reason (optional) |');
    expect(optional).not.toMatch(/<button type="submit"[^>]*disabled/);
  });

  it('sends Pause and Resume at once, prompts for Promote and Abort, and closes the prompt only when the core took it', async () => {
    expect(['pause', 'resume', 'promote', 'abort'].map((command) => opensPrompt(command as 'pause'))).toEqual([false, false, true, true]);
    const answers = { promote: vi.fn(async () => null), abort: vi.fn(async () => ({ code: 'bad-request' as const, message: 'refused' })) };
    expect(await sendPrompt(answers, 'w1', { command: 'promote', reason: 'canary deploy' })).toBe(true);
    expect(answers.promote).toHaveBeenCalledWith('w1', 'canary deploy');
    expect(await sendPrompt(answers, 'w1', { command: 'abort', reason: '5xx on api' })).toBe(false);
    expect(answers.abort).toHaveBeenCalledWith('w1', '5xx on api');
  });

  it("shows the core's refusal where the operator clicked: in the prompt, else under the buttons", () => {
    const refusal = { action: 'abort' as const, message: "the shift of wave 'w1' has ended (completed)" };
    const inPrompt = controls({ prompt: { command: 'abort', reason: 'rollback' }, refusal });
    expect(words(part(part(inPrompt, 'data-testid="traffic-prompt"'), 'data-testid="traffic-refusal"'))).toBe(
      "Abort was refused; nothing was sent to the shift. | the shift of wave 'w1' has ended (completed) | Dismiss |",
    );
    expect(inPrompt.match(/data-testid="traffic-refusal"/g)).toHaveLength(1);
    const under = controls({ refusal: { action: 'resume', message: "the shift of wave 'w1' is not paused" } });
    expect(under).not.toContain('data-testid="traffic-prompt"');
    expect(part(under, 'data-testid="traffic-refusal"')).toContain('role="alert"');
  });

  it('says the abort: by whom and why, where the weights went, each write, in sync or NOT', () => {
    const aborted = part(board({ shifts: { w1: abortedShift } }), 'data-testid="traffic-shift"');
    expect(words(part(aborted, 'data-testid="traffic-shift-now"'))).toBe('ABORTED aborted at step 2 of 4 — 25 % to AWS; weights back to 0 % to AWS |');
    const box = part(aborted, 'data-testid="traffic-abort"');
    expect(box).toContain('data-in-sync="true"');
    expect(words(box)).toMatch(/^Aborted by the analysis at 02:14:10 UTC \| Why api\.example\.com: 2 failed measurements \(the limit is 1\);/);
    expect(words(box)).toContain(
      'Weights back to 0 % to AWS (all users in the data center) | app1: 75 / 25 (data center / AWS) → 100 / 0 (data center / AWS), Route 53 change C0ABORT00000000000001 | app2: 75 / 25 (data center / AWS) → 100 / 0 (data center / AWS) | the weights are in sync |',
    );
    expect(part(aborted, 'data-step="2"')).toContain('data-status="aborted"');
    const failedPanel = part(board({ shifts: { w1: failedShift } }), 'data-testid="traffic-shift"');
    // Never "back to 0 %" while the weights are not in sync: the headline says NOT.
    expect(words(part(failedPanel, 'data-testid="traffic-shift-now"'))).toBe(
      'FAILED: the weights are not all back in sync aborted at step 2 of 4 — 25 % to AWS; the weights did NOT all return to 0 % to AWS in sync |',
    );
    const failed = part(failedPanel, 'data-testid="traffic-abort"');
    expect(failed).toContain('data-in-sync="false"');
    expect(part(failed, 'data-testid="traffic-abort-sync"')).toContain('count-bad');
    expect(words(part(failed, 'data-testid="traffic-abort-sync"'))).toMatch(/^NOT in sync: aborted .* still PENDING after 300 s \|$/);
  });

  it('says a Route 53 service: its split as a bar and in words, its change, its health; the data center not measured', () => {
    const card = service(board({}), 'apps/app1');
    expect(card).toContain('data-split="route53"');
    expect(part(card, 'data-testid="traffic-weights"')).toContain('aria-label="Split: 75 % to the data center, 25 % to AWS"');
    expect(words(part(card, 'data-testid="traffic-weights-line"'))).toBe('25 % to AWS · weights 75 / 25 (data center / AWS) |');
    expect(card).not.toContain('data-testid="traffic-planned"');
    expect(words(part(card, 'data-testid="traffic-change"'))).toBe('C04213742ABCDEF1GHIJ INSYNC, submitted 02:08:05 UTC |');
    expect(words(part(card, 'data-testid="traffic-health-aws"'))).toBe('2 healthy, 0 unhealthy, 0 other |');
    expect(words(part(card, 'data-testid="traffic-health-dc"'))).toBe(
      'no target group (Route 53 split: the data center’s addresses are the records’ values) |',
    );
    const requests = part(card, 'data-testid="traffic-requests-chart"');
    expect(words(part(requests, '<figcaption'))).toBe('Requests per minute · AWS 300 requests/min (minute from 02:12:00 UTC) AWS');
    expect(words(part(card, 'data-testid="traffic-charts-dc"'))).toBe(
      'Data center: not measured (Route 53 split: the data center’s requests are not in CloudWatch) |',
    );
    // One line, the AWS side's; no data-center line drawn as zeros.
    expect([...requests.matchAll(/class="trf-line" data-series="(\w+)"/g)].map((match) => match[1])).toEqual(['aws']);
    expect(words(part(card, 'data-testid="traffic-charts-clock"'))).toBe('The last hour, to 02:13:03 UTC |');
    expect(words(part(card, 'data-testid="traffic-share-chart"'))).toContain('Share to AWS · 25 % now; changed at 02:00:00 (to 5 %), 02:08:05 (to 25 %) UTC');
  });

  it('says an ALB service: both sides measured and drawn, the targets not healthy with their reasons', () => {
    const card = service(board({}), 'apps/app2');
    expect(words(part(card, 'data-testid="traffic-change"'))).toBe('none: an ALB split changes the listener’s weights at once |');
    expect(card).not.toContain('data-testid="traffic-charts-dc"');
    const aws = part(card, 'data-testid="traffic-health-aws"');
    expect(words(aws)).toBe('2 healthy, 1 unhealthy, 0 other 10.20.3.14:8080 unhealthy: Health checks failed with these codes: [502] | |');
    expect(aws).toContain('data-gate="red"');
    expect(words(part(card, 'data-testid="traffic-health-dc"'))).toBe(
      '1 healthy, 0 unhealthy, 1 other (registering, draining, unused or unavailable) 172.20.7.12:443 draining: Target deregistration is in progress | |',
    );
    const requests = part(card, 'data-testid="traffic-requests-chart"');
    expect([...requests.matchAll(/class="trf-line" data-series="(\w+)"/g)].map((match) => match[1])).toEqual(['aws', 'dc']);
    expect(words(part(requests, '<figcaption'))).toContain('AWS 150 requests/min; data center 450 requests/min (minute from 02:12:00 UTC)');
    // The hour's points: AWS from 02:01 on (no datapoint before), the data center every minute in the hour.
    expect(requests).toContain('data-points="71"');
    expect(part(requests, 'class="trf-line" data-series="aws"')).toMatch(/d="M[\d.]+ [\d.]+ L/);
  });

  it("says both percents when the overlay is not what AWS holds, a pending change, and a side's problem", () => {
    const html = board({
      services: [{ ...shop, plannedPercent: 50, change: { ...shop.change!, status: 'PENDING' }, problem: 'the AWS targets: Throttling: Rate exceeded' }],
    });
    const card = service(html, 'apps/app1');
    expect(words(part(card, 'data-testid="traffic-planned"'))).toBe(
      'AWS holds 25 % to AWS; the cutover overlay says 50 % to AWS (what a deploy of the stack would write). |',
    );
    expect(part(card, 'data-testid="traffic-change"')).toContain('count-warn');
    expect(words(part(card, 'data-testid="traffic-problem"'))).toBe('Part of the service could not be read: | the AWS targets: Throttling: Rate exceeded |');
  });

  it("says a service not deployed yet and what to do, with the monitor's words", () => {
    const card = service(board({}), 'apps/app3');
    expect(card).toContain('data-reading="not-deployed"');
    expect(words(part(card, 'data-testid="traffic-service-empty"'))).toBe(
      'Not deployed yet: deploy the stack (its load balancer and records come with its first deploy). |',
    );
    expect(card).not.toContain('data-testid="traffic-weights"');
    expect(card).not.toContain('data-testid="traffic-charts"');
    expect(words(part(card, 'data-testid="traffic-problem"'))).toContain('stack apps/app3 has no trafficResources output yet');
  });

  it('lists each analysed step of the shift with its measurements against the thresholds, the current step open', () => {
    const card = service(board({}), 'apps/app2');
    const analysis = part(card, 'data-testid="traffic-analysis"');
    expect(words(part(analysis, 'data-testid="traffic-thresholds"'))).toBe(
      'Thresholds 5xx ≤ 1 % · mean response ≤ 800 ms · healthy AWS targets ≥ 1 · unhealthy AWS targets ≤ 0 · ≥ 20 requests per measurement (fewer: inconclusive) |',
    );
    const steps = [...analysis.matchAll(/<details[^>]*data-step="(\d)"[^>]*>/g)].map((match) => [match[1], / open=""/.test(match[0])]);
    expect(steps).toEqual([
      ['1', false],
      ['2', true],
    ]);
    const second = part(analysis, 'data-testid="traffic-step-analysis" data-step="2"');
    expect(words(part(second, '<summary'))).toBe('Step 2 of 4 — 25 % to AWS | 2 of 5 windows measured: 1 pass, 1 FAIL |');
    expect(words(part(second, '<thead'))).toBe('Window (UTC) | Requests | 5xx | Mean response | Healthy (lowest) | Unhealthy (highest) | Verdict | Reasons |');
    const failed = part(second, 'data-verdict="fail"');
    expect(words(failed)).toBe(
      '02:10:00–02:11:00 | 150 ≥ min 20 | 2 % > max 1 % (3 5xx) | 640 ms ≤ max 800 ms | 2 ≥ min 1 | 1 > max 0 | FAIL | ' +
        '1 unhealthy AWS target, above the maximum 0; 5xx 2 % of 150 requests, above the maximum 1 % |',
    );
    expect([...failed.matchAll(/data-mark="(\w+)"/g)].map((match) => match[1])).toEqual(['breach', 'breach']);
    // The rehearsal's faster clock is named at the head of the windows.
    expect(words(part(board({ monitor: trafficMonitor(10) }), '<thead'))).toContain('Window (UTC, rehearsal clock 10×) |');
  });

  it('says when there is nothing to show: no plan, a plan without traffic service, a wave whose services are gone', () => {
    expect(words(board({ monitor: null, services: [], shifts: {} }, null))).toBe('Traffic | No plan loaded: the traffic monitor is not running. |');
    expect(words(board({ services: [], shifts: {} }))).toContain(
      'No traffic service in this plan: give a stack a traffic block (its service name, split and data-center addresses) to shift its users step by step.',
    );
    const onlyShift = words(board({ services: [] }));
    expect(onlyShift).toContain('Traffic shift |');
    expect(onlyShift).toContain('The traffic monitor reports no service of this wave now. |');
  });

  it('draws each side of the bar as wide as its share, and a side without one not at all', () => {
    const bar = (awsPercent: number) =>
      part(service(board({ services: [{ ...shop, awsPercent, weights: { dc: 100 - awsPercent, aws: awsPercent } }] }), 'apps/app1'), 'class="trf-bar"');
    expect(bar(25)).toContain('style="flex:75 1 0"');
    expect(bar(25)).toContain('style="flex:25 1 0"');
    expect(words(bar(25))).toBe('DC 75 % AWS 25 %');
    // Every user in the data center: no sliver of AWS's colour beside "DC 100 %", and the other way round.
    expect(bar(0)).not.toContain('trf-bar-aws');
    expect(words(bar(0))).toBe('DC 100 %');
    expect(bar(100)).not.toContain('trf-bar-dc');
    expect(words(bar(100))).toBe('AWS 100 %');
  });

  it('holds a paused step apart: its cell says PAUSED and what resuming does', () => {
    const passed = { ...runningShift.stepRecords[1]!, measurements: { 'apps/app1': [], 'apps/app2': [] } };
    const paused = { ...runningShift, state: 'paused' as const, stepRecords: [runningShift.stepRecords[0]!, passed] };
    const step = part(board({ shifts: { w1: paused } }), 'data-step="2"');
    expect(step).toContain('data-paused="true"');
    expect(words(step)).toBe(
      'Step 2 | now, PAUSED 25 % · pause 5 min 0 of 5 measurements per service; PAUSED by the operator: nothing promotes until resumed |',
    );
  });

  it('says, over an ended shift, that the wave was rolled back since and where each service is now', () => {
    const done = { ...runningShift, state: 'completed' as const, percent: 100, endedAt: '2026-12-05T02:30:00.000Z' };
    const back = SERVICES.map((view) => ({ ...view, awsPercent: 0, weights: { dc: 100, aws: 0 } }));
    const html = board({ shifts: { w1: done }, services: back }, demoLike().plan);
    // The slice alone cannot know why the weights moved: it says that they did.
    expect(words(part(html, 'data-testid="traffic-after-shift"'))).toBe(
      'The weights are no longer where this shift left them (100 % to AWS); now app1 0 % to AWS, app2 0 % to AWS. |',
    );
    const rolledBack = renderToStaticMarkup(
      createElement(TrafficBoard, {
        plan: demoLike().plan,
        slice: { ...NO_TRAFFIC, monitor: trafficMonitor(), services: back, shifts: { w1: done } },
        actions,
        rollbacks: { w1: { status: 'succeeded', by: 'E2E Operator', reason: 'back to the data center' } },
      }),
    );
    expect(part(rolledBack, 'data-testid="traffic-shift"')).toContain('data-after="rollback"');
    expect(words(part(rolledBack, 'data-testid="traffic-after-shift"'))).toBe(
      'Since this shift: the wave rolled back, started by E2E Operator (“back to the data center”); now app1 0 % to AWS, app2 0 % to AWS. |',
    );
    // Where the shift left them and no rollback: nothing to say.
    expect(board({ shifts: { w1: done }, services: SERVICES.map((view) => ({ ...view, awsPercent: 100 })) })).not.toContain('traffic-after-shift');
  });

  it('marks the service the tab was opened on', () => {
    const card = service(board({ focusStackId: 'apps/app2' }), 'apps/app2');
    expect(card.slice(0, card.indexOf('>'))).toContain('data-focused="true"');
  });
});

describe("the stack panel's traffic section", () => {
  it("says the stack's service in one line: share, weights, AWS health and the shift, and the way to the tab", () => {
    const html = renderToStaticMarkup(
      createElement(TrafficSummary, { stackName: 'app2', services: [{ view: api, shift: runningShift }], monitor: trafficMonitor(), onOpen: () => {} }),
    );
    expect(words(html)).toBe(
      'Traffic | api.example.com : 25 % to AWS · weights 75 / 25 (data center / AWS) · AWS targets 2 healthy, 1 unhealthy, 0 other · ' +
        'shift: Analysing the step, step 2 of 4 — 25 % to AWS | Traffic of app2 → |',
    );
    expect(part(html, 'data-testid="traffic-summary-service"')).toContain('data-shift-state="analysing"');
    const ended = renderToStaticMarkup(
      createElement(TrafficSummary, { stackName: 'app3', services: [{ view: billing, shift: null }], monitor: trafficMonitor(), onOpen: () => {} }),
    );
    expect(words(ended)).toContain('billing.example.com : Not deployed yet: deploy the stack');
    // The last shift said once by where it ended, then the wave's rollback after it.
    const rolledBack = renderToStaticMarkup(
      createElement(TrafficSummary, {
        stackName: 'app2',
        services: [
          {
            view: { ...api, awsPercent: 0, weights: { dc: 100, aws: 0 } },
            shift: { ...runningShift, state: 'completed', percent: 100, endedAt: '2026-12-05T02:30:00.000Z' },
            rollback: { status: 'succeeded', by: 'E2E Operator', reason: null },
          },
        ],
        monitor: trafficMonitor(),
        onOpen: () => {},
      }),
    );
    expect(part(rolledBack, 'data-testid="traffic-summary-service"')).toContain('data-rolled-back="succeeded"');
    expect(words(rolledBack)).toContain(
      '0 % to AWS · weights 100 / 0 (data center / AWS) · AWS targets 2 healthy, 1 unhealthy, 0 other · ' +
        'last shift: completed at step 2 of 4 — 25 % to AWS, ended 02:30:00 UTC · then the wave rolled back, started by E2E Operator |',
    );
  });

  it('renders nothing for a stack without a traffic service', () => {
    // A static render reads the store's initial slice (zustand's server snapshot): no service there.
    const { plan } = demoLike();
    const store = createCockpitStore(fakeApi({}).api, [trafficUi]);
    const section = createElement(TrafficSection, { plan, stack: plan.stacks[1]! });
    expect(renderToStaticMarkup(createElement(CockpitStoreProvider, { store, children: section }))).toBe('');
  });
});
