import { describe, expect, it } from 'vitest';
import type { ReadinessGateView } from '../../../main/api/contract';
import {
  cellText,
  cellTone,
  shownCellText,
  dataClockLabel,
  dataDurationsNote,
  dataNow,
  formatAge,
  formatDataTime,
  gateLabel,
  greenCounts,
  holdLeft,
  waveHeadline,
} from './readiness';

const T = Date.UTC(2026, 11, 5, 1, 0, 0);
const gate = (over: Partial<ReadinessGateView>): ReadinessGateView => ({
  gate: 'data',
  status: 'green',
  reasons: [],
  greenSince: null,
  holdRemainingSeconds: null,
  holdEndsAt: null,
  applies: true,
  ...over,
});

describe('gate matrix texts', () => {
  it('formats ages compactly', () => {
    expect(formatAge(5_400)).toBe('5 s');
    expect(formatAge(252_000)).toBe('4 m 12 s');
    expect(formatAge(7_500_000)).toBe('2 h 5 m');
    expect(formatAge(-10)).toBe('0 s');
  });

  it('shows how long a green gate has been green, with its note', () => {
    const text = cellText(gate({ greenSince: new Date(T).toISOString(), reasons: ['no replication tasks'] }), 'Data', T + 252_000);
    expect(text).toEqual({ main: 'green 4 m 12 s', sub: 'no replication tasks', full: 'Data: green 4 m 12 s — no replication tasks' });
  });

  it('names when a gate turned green and when its hold ends on the data clock, labelled with it, when given the clock', () => {
    const rehearsal = { at: new Date(T).toISOString(), wallAt: new Date(T).toISOString(), rate: 10 };
    const green = gate({ greenSince: new Date(T).toISOString() });
    expect(cellText(green, 'Data', T + 60_000, rehearsal).full).toBe('Data: green 1 m 0 s, since 01:00:00 UTC on the rehearsal clock (10× real time)');
    expect(cellText(green, 'Data', T + 60_000, null).full).toBe('Data: green 1 m 0 s, since 01:00:00 UTC');
    const timing = gate({ status: 'red', reasons: ['holding'], holdRemainingSeconds: 360, holdEndsAt: new Date(T + 360_000).toISOString() });
    expect(cellText(timing, 'Data', T, rehearsal).full).toBe('Data: red, hold 6:00 to go, ends 01:06:00 UTC on the rehearsal clock (10× real time) — holding');
    // The main line stays short, whatever the clock.
    expect(cellText(timing, 'Data', T, rehearsal).main).toBe('hold 6:00');
  });

  it('shows the first reason of a red gate, and how many more', () => {
    const text = cellText(gate({ gate: 'registration', status: 'red', reasons: ['not registered with CMDB', 'not registered with ITSM'] }), 'Registration', T);
    expect(text.main).toBe('not registered with CMDB');
    expect(text.sub).toBe('+1 more');
    expect(text.full).toBe('Registration: red — not registered with CMDB; not registered with ITSM');
  });

  it('counts a running hold down from its estimated end, and never below zero', () => {
    const timing = gate({
      status: 'red',
      reasons: ['db-task-1: CDC latency under 30 s for 4 min of the 10 min hold'],
      holdRemainingSeconds: 360,
      holdEndsAt: new Date(T + 360_000).toISOString(),
    });
    expect(holdLeft(timing, T + 12_000)).toBe(348);
    expect(cellText(timing, 'Data', T + 12_000)).toMatchObject({ main: 'hold 5:48', sub: 'db-task-1: CDC latency under 30 s for 4 min of the 10 min hold' });
    expect(cellText(timing, 'Data', T + 400_000).main).toBe('hold ending');
    expect(holdLeft(gate({ greenSince: new Date(T).toISOString() }), T)).toBeNull();
  });

  it("takes a gate's heading from the plan's columns, and counts green cells per column", () => {
    const columns = [
      { id: 'infrastructure', label: 'Infrastructure', help: '', track: null },
      { id: 'data', label: 'Data', help: '', track: 'dms' },
    ];
    expect(gateLabel(columns, 'data')).toBe('Data');
    expect(gateLabel(columns, 'keyspaces.load')).toBe('keyspaces.load');
    const base = {
      waveId: 'w',
      ready: false,
      readySince: null,
      blockingReasons: [],
      blockingCount: 1,
      phase: 'not-ready' as const,
      phaseSince: null,
      phaseDetail: '',
      deployRefusal: null,
    };
    const sync = { status: 'synced' as const, reason: null };
    const health = { status: 'healthy' as const, reason: null };
    const row = (...statuses: ('green' | 'red' | 'n/a')[]) => ({
      stackId: 's',
      ready: false,
      sync,
      health,
      gates: statuses.map((status) => (status === 'n/a' ? gate({ status: 'green', reasons: ['not probed'], applies: false }) : gate({ status }))),
    });
    const counts = (green: number, of: number) => ({ green, of });
    expect(greenCounts({ ...base, stacks: [row('green', 'red', 'green'), row('green', 'green', 'red')] }, 3)).toEqual([
      counts(2, 2),
      counts(1, 2),
      counts(1, 2),
    ]);
    // A gate that does not apply to a stack passes, and is not counted among the cells its column judges.
    expect(greenCounts({ ...base, stacks: [row('green', 'n/a'), row('red', 'n/a'), row('green', 'green')] }, 2)).toEqual([counts(2, 3), counts(1, 1)]);
    expect(greenCounts({ ...base, stacks: [] }, 2)).toEqual([counts(0, 0), counts(0, 0)]);
  });

  it('heads a wave READY with how long, or NOT READY with how many gates block', () => {
    const base = { waveId: 'w', stacks: [], blockingReasons: [], phase: 'not-ready' as const, phaseSince: null, phaseDetail: '', deployRefusal: null };
    expect(waveHeadline({ ...base, ready: true, readySince: new Date(T).toISOString(), blockingCount: 0 }, T + 61_000)).toBe('READY for 1 m 1 s');
    expect(waveHeadline({ ...base, ready: false, readySince: null, blockingCount: 37 }, T)).toBe('NOT READY: 37 gates blocking');
    expect(waveHeadline({ ...base, ready: false, readySince: null, blockingCount: 1 }, T)).toBe('NOT READY: 1 gate blocking');
  });
});

describe('dataNow', () => {
  it('ticks the data clock on from its last reading at its rate (an accelerated rehearsal runs ahead and faster)', () => {
    const clock = { at: new Date(T + 3_600_000).toISOString(), wallAt: new Date(T).toISOString(), rate: 60 };
    expect(dataNow(clock, T)).toBe(T + 3_600_000);
    expect(dataNow(clock, T + 2_000)).toBe(T + 3_600_000 + 120_000);
  });

  it('is the wall clock without a monitor or with an unreadable reading', () => {
    expect(dataNow(null, T)).toBe(T);
    expect(dataNow(undefined, T)).toBe(T);
    expect(dataNow({ at: 'not a time', wallAt: new Date(T).toISOString(), rate: 1 }, T + 5)).toBe(T + 5);
  });
});

describe('data clock label', () => {
  it('says UTC on AWS and names the rehearsal clock with its factor when it runs faster', () => {
    expect(dataClockLabel(null)).toBe('UTC');
    expect(dataClockLabel({ at: '2026-12-05T01:00:00Z', wallAt: '2026-12-05T01:00:00Z', rate: 1 })).toBe('UTC');
    expect(dataClockLabel({ at: '2026-12-05T01:17:00Z', wallAt: '2026-12-05T01:00:10Z', rate: 1 })).toBe(
      'UTC on the rehearsal clock (17 min ahead of real time)',
    );
    expect(dataClockLabel({ at: '2026-12-05T01:00:30Z', wallAt: '2026-12-05T01:00:00Z', rate: 1 })).toBe('UTC');
    expect(dataClockLabel({ at: '2026-12-05T09:00:00Z', wallAt: '2026-12-05T01:00:00Z', rate: 60 })).toBe('UTC on the rehearsal clock (60× real time)');
  });

  it('says which clock gate durations count on only when it runs faster than real time (the runbook is on real time)', () => {
    expect(dataDurationsNote({ rate: 10 })).toBe('durations on the rehearsal data clock, 10× real time');
    expect(dataDurationsNote({ rate: 1 })).toBeNull();
    expect(dataDurationsNote(null)).toBeNull();
    expect(dataDurationsNote(undefined)).toBeNull();
  });

  it('labels every data-clock time the same way, with or without its date', () => {
    const rehearsal = { rate: 10 };
    expect(formatDataTime('2026-12-05T05:45:00Z', rehearsal)).toBe('05:45:00 UTC on the rehearsal clock (10× real time)');
    expect(formatDataTime(Date.parse('2026-12-05T05:45:00Z'), null)).toBe('05:45:00 UTC');
    expect(formatDataTime('2026-12-05T05:45:00Z', rehearsal, { date: true })).toBe('05 Dec 2026, 05:45:00 UTC on the rehearsal clock (10× real time)');
    expect(formatDataTime('2026-12-05T05:45:00Z', { rate: 1 }, { date: true })).toBe('05 Dec 2026, 05:45:00 UTC');
  });
});

describe("a gate cell's tone", () => {
  it("is the gate's status while the gates decide, and neutral (never red or green) when they do not", () => {
    const tone = (status: ReadinessGateView['status'], over: Partial<ReadinessGateView> = {}) => ({
      status,
      holdRemainingSeconds: null,
      applies: true,
      ...over,
    });
    expect(cellTone(tone('red'), true)).toBe('red');
    expect(cellTone(tone('unknown'), true)).toBe('unknown');
    expect(cellTone(tone('red'), false)).toBe('neutral');
    expect(cellTone(tone('green'), false)).toBe('neutral');
  });

  it('is holding (not red) while a hold counts down, and none where the gate does not apply', () => {
    expect(cellTone({ status: 'red', holdRemainingSeconds: 51, applies: true }, true)).toBe('holding');
    expect(cellTone({ status: 'green', holdRemainingSeconds: null, applies: false }, true)).toBe('none');
    expect(cellTone({ status: 'red', holdRemainingSeconds: 51, applies: true }, false)).toBe('neutral');
  });
});

describe('a gate that does not apply to a stack', () => {
  it('says its note, never "green for so long" as if it had been judged', () => {
    const text = cellText(
      gate({ status: 'green', reasons: ['not probed'], greenSince: new Date(T - 60_000).toISOString(), applies: false }),
      'Health',
      T,
      null,
    );
    expect(text).toEqual({ main: 'not probed', sub: null, full: 'Health: does not apply — not probed' });
  });
});

describe('a gate cell where the gates decide nothing', () => {
  it('says "not judged", never "green …" or a red reason, and keeps the last reading in its tooltip', () => {
    const green: ReadinessGateView = {
      gate: 'data',
      status: 'green',
      reasons: [],
      greenSince: new Date(T - 60_000).toISOString(),
      holdRemainingSeconds: null,
      holdEndsAt: null,
      applies: true,
    };
    expect(shownCellText(green, 'Data', T, null, true).main).toBe('green 1 m 0 s');
    const shown = shownCellText(green, 'Data', T, null, false);
    expect(shown).toMatchObject({ main: 'not judged', sub: null });
    expect(shown.full).toMatch(/^Data: not judged now \(the gates decide only before a cutover\); last reading: green 1 m 0 s/);
  });
});
