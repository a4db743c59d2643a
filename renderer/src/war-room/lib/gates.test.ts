import { describe, expect, it } from 'vitest';
import type { ReadinessGateView, WaveReadinessView } from '../../../../main/api/contract';
import { GATE_COLUMNS } from '../../store/test-fixtures';
import { gateSummary } from './gates';

const NOW = Date.parse('2026-12-05T01:10:00Z');
const gate = (id: string, over: Partial<ReadinessGateView> = {}): ReadinessGateView => ({
  gate: id,
  status: 'green',
  reasons: [],
  greenSince: '2026-12-05T01:00:00Z',
  holdRemainingSeconds: null,
  holdEndsAt: null,
  applies: true,
  ...over,
});
const stack = (stackId: string, gates: ReadinessGateView[]) => ({
  stackId,
  ready: gates.every((g) => g.status === 'green'),
  sync: { status: 'synced' as const, reason: null },
  health: { status: 'healthy' as const, reason: null },
  gates,
});
const wave = (phase: WaveReadinessView['phase'], stacks: ReturnType<typeof stack>[]): WaveReadinessView => ({
  waveId: 'w1',
  ready: stacks.every((s) => s.ready),
  readySince: stacks.every((s) => s.ready) ? '2026-12-05T01:05:00Z' : null,
  stacks,
  blockingReasons: [],
  blockingCount: stacks.flatMap((s) => s.gates).filter((g) => g.status !== 'green').length,
  phase,
  phaseSince: null,
  phaseDetail: '',
  deployRefusal: null,
});
const allGreen = () => GATE_COLUMNS.map((column) => gate(column.id));

describe('gateSummary', () => {
  it('says pass, fail, pending and nothing to check per gate while the gates decide', () => {
    const a = stack('apps/a', [
      gate('infrastructure'),
      gate('registration', { status: 'red', greenSince: null }),
      gate('data', { status: 'unknown', greenSince: null }),
      gate('dependencies', { applies: false }),
    ]);
    const b = stack('apps/b', [gate('infrastructure'), gate('registration'), gate('data'), gate('dependencies', { applies: false })]);
    const summary = gateSummary(wave('not-ready', [a, b]), GATE_COLUMNS, NOW);
    expect(summary.judged).toBe(true);
    expect(summary.headline).toBe('NOT READY: 2 gates blocking');
    expect(summary.tone).toBe('bad');
    expect(summary.lines.map((line) => [line.label, line.verdict, line.text])).toEqual([
      ['Infrastructure', 'pass', '2 of 2 stacks green'],
      ['Registration', 'fail', '1 of 2 stacks green'],
      ['Data', 'pending', '1 of 2 stacks green'],
      ['Dependencies', 'none', 'nothing to check'],
    ]);
  });

  it('calls a hold pending, not failed', () => {
    const holding = stack('apps/a', [
      gate('infrastructure'),
      gate('registration'),
      gate('data', { status: 'red', greenSince: null, holdRemainingSeconds: 120 }),
      gate('dependencies'),
    ]);
    expect(gateSummary(wave('not-ready', [holding]), GATE_COLUMNS, NOW).lines[2]!.verdict).toBe('pending');
  });

  it('says READY with since how long', () => {
    expect(gateSummary(wave('ready', [stack('apps/a', allGreen())]), GATE_COLUMNS, NOW)).toMatchObject({ headline: 'READY for 5 m 0 s', tone: 'ok' });
  });

  it('judges nothing during a cutover, as the gate matrix: the phase, never a red', () => {
    const red = stack('apps/a', [gate('infrastructure', { status: 'red' }), gate('registration'), gate('data'), gate('dependencies')]);
    const summary = gateSummary(wave('cutover-in-progress', [red]), GATE_COLUMNS, NOW);
    expect(summary).toMatchObject({ judged: false, headline: 'Not judged now', phase: 'Cutover in progress', tone: 'neutral' });
    expect(new Set(summary.lines.map((line) => line.verdict))).toEqual(new Set(['not-judged']));
  });
});
