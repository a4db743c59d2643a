import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../journal/entry';
import type { ShiftView } from './contract';
import type { CockpitEvent } from '../../api/contract';
import type { TrackContext } from '../../seam/track';
import { restoreShifts, resumePercentOf, startTrafficRuntime } from './runtime';

const step = (number: number, percent: number, decision: 'promoted' | 'aborted' | null) => ({
  step: number,
  percent,
  pauseSeconds: 120,
  appliedAt: '2026-12-05T02:00:00.000Z',
  inSyncAt: '2026-12-05T02:00:10.000Z',
  writes: [],
  measurements: {},
  windows: [],
  decision,
  decidedBy: decision ? 'analysis' : null,
  why: null,
  decidedAt: null,
});

const shift = (fields: Partial<ShiftView>): ShiftView => ({
  waveId: 'wave-7',
  runId: 'run-1',
  stepId: 'shift',
  services: [],
  steps: [5, 25, 50, 100].map((percent) => ({ percent, pauseSeconds: 120 })),
  onFailure: 'zero',
  intervalSeconds: 60,
  failureLimit: 0,
  startedAt: '2026-12-05T02:00:00.000Z',
  fromPercent: 0,
  state: 'analysing',
  percent: 50,
  stepRecords: [step(1, 5, 'promoted'), step(2, 25, 'promoted'), step(3, 50, null)],
  operator: [],
  abort: null,
  message: null,
  endedAt: null,
  ...fields,
});

const entry = (view: ShiftView, seq: number): JournalEntry => ({
  seq,
  at: '2026-12-04T19:00:00.000Z',
  actor: 'ops@host',
  operationId: `traffic-shift-${view.runId}-${view.stepId}`,
  kind: 'traffic-shift',
  target: { type: 'wave', waveId: view.waveId },
  phase: 'started',
  details: { moment: 'step 2 promoted', shift: view },
});

describe('a restarted cockpit and the shifts it did not see end', () => {
  it('resumes from the last promoted step, never a step in flight; an ended shift from where it ended', () => {
    const record = (view: ShiftView) => ({ ...view, steps: view.stepRecords });
    expect(resumePercentOf(record(shift({})))).toBe(25);
    expect(resumePercentOf(record(shift({ stepRecords: [step(1, 5, null)] })))).toBe(0);
    expect(resumePercentOf(record(shift({ endedAt: '2026-12-05T02:20:00.000Z', state: 'completed', percent: 100 })))).toBe(100);
    expect(
      resumePercentOf(
        record(
          shift({
            endedAt: '2026-12-05T02:20:00.000Z',
            state: 'aborted',
            percent: 0,
            abort: { to: 0, why: 'x', by: 'analysis', at: 'x', writes: [], inSync: true },
          }),
        ),
      ),
    ).toBe(0);
  });

  it("takes each wave's last record from the journal, and says a shift cut off by the cockpit stopping failed", async () => {
    const older = shift({ startedAt: '2026-12-05T01:00:00.000Z', endedAt: '2026-12-05T01:20:00.000Z', state: 'aborted', percent: 0 });
    const journal = {
      read: async () => ({
        entries: [entry(older, 1), entry(shift({}), 2), entry(shift({ waveId: 'wave-8', state: 'completed', endedAt: 'x', percent: 100 }), 3)],
        damaged: [],
      }),
    };
    const restored = await restoreShifts({ journal, isOwnEntry: () => true } as never);
    expect(restored.map((item) => [item.base.waveId, item.record.state, item.record.percent])).toEqual([
      ['wave-7', 'failed', 50],
      ['wave-8', 'completed', 100],
    ]);
    expect(restored[0]!.record.message).toMatch(/^the cockpit stopped during this shift \(at 50 % to AWS, as last written\)/);
    expect(restored[0]!.record.steps.map((item) => item.decision)).toEqual(['promoted', 'promoted', null]);
  });

  it("leaves another cockpit's unfinished shift as it was journaled (team mode: it may be running there)", async () => {
    const journal = { read: async () => ({ entries: [entry(shift({}), 1)], damaged: [] }) };
    const restored = await restoreShifts({ journal, isOwnEntry: () => false } as never);
    expect(restored.map((item) => [item.record.state, item.record.message])).toEqual([['analysing', null]]);
  });
});

describe("another cockpit's shift, live (team mode)", () => {
  it('follows each record the driver journals, and never overwrites a shift this cockpit runs', async () => {
    const published: CockpitEvent[] = [];
    const context = {
      journal: { read: async () => ({ entries: [], damaged: [] }), append: async () => ({}) },
      isOwnEntry: () => false,
      publish: (event: CockpitEvent) => published.push(event),
      log: () => {},
    } as unknown as TrackContext;
    const runtime = startTrafficRuntime(context);
    runtime.observeRemote!(entry(shift({ percent: 25, state: 'analysing' }), 7));
    runtime.observeRemote!(entry(shift({ percent: 50, state: 'syncing' }), 8));
    runtime.observeRemote!({ ...entry(shift({}), 9), kind: 'cutover-step' });
    runtime.observeRemote!({ ...entry(shift({}), 10), details: { shift: { broken: true } } });
    const shifts = published.flatMap((event) => (event.type === 'traffic.shift' ? [[event.shift.waveId, event.shift.state, event.shift.percent]] : []));
    expect(shifts).toEqual([
      ['wave-7', 'analysing', 25],
      ['wave-7', 'syncing', 50],
    ]);
    await runtime.close();
  });
});
