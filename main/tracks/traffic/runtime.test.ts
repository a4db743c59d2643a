import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../journal/entry';
import type { ShiftView } from './contract';
import { restoreShifts, resumePercentOf } from './runtime';

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
    const restored = await restoreShifts({ journal } as never);
    expect(restored.map((item) => [item.base.waveId, item.record.state, item.record.percent])).toEqual([
      ['wave-7', 'failed', 50],
      ['wave-8', 'completed', 100],
    ]);
    expect(restored[0]!.record.message).toMatch(/^the cockpit stopped during this shift \(at 50 % to AWS, as last written\)/);
    expect(restored[0]!.record.steps.map((item) => item.decision)).toEqual(['promoted', 'promoted', null]);
  });
});
