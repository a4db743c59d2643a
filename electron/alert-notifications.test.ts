import { describe, expect, it } from 'vitest';
import type { AlertView } from '../main/api/contract';
import { AlertNotifier } from './alert-notifications';

function alert(id: string, overrides: Partial<AlertView> = {}): AlertView {
  return {
    id,
    kind: 'task-failed',
    severity: 'critical',
    taskKey: 'platform-production/app1101#0',
    stackId: 'platform-production/app1101',
    waveId: 'wave-1',
    message: 'app1101-mysql-full-load-cdc failed: Stop Reason FATAL_ERROR',
    raisedAt: '2026-11-26T02:00:00Z',
    clearedAt: null,
    acknowledgedAt: null,
    ...overrides,
  };
}

describe('alert notifications', () => {
  it('notifies a raised alert once, naming stack and wave', () => {
    const notifier = new AlertNotifier(() => 0);
    expect(notifier.noticeFor(alert('a'))).toEqual({
      title: 'Critical: task failed',
      body: 'app1101-mysql-full-load-cdc failed: Stop Reason FATAL_ERROR (platform-production/app1101, wave wave-1)',
      urgency: 'critical',
    });
    expect(notifier.noticeFor(alert('a'))).toBeUndefined();
  });

  it('never notifies clearing or acknowledging', () => {
    const notifier = new AlertNotifier(() => 0);
    expect(notifier.noticeFor(alert('a', { clearedAt: '2026-11-26T02:01:00Z' }))).toBeUndefined();
    expect(notifier.noticeFor(alert('b', { acknowledgedAt: '2026-11-26T02:01:00Z' }))).toBeUndefined();
  });

  it('sums up a burst after the first three', () => {
    let now = 0;
    const notifier = new AlertNotifier(() => now);
    const shown = ['a', 'b', 'c', 'd', 'e'].map((id) => notifier.noticeFor(alert(id, { severity: 'warning', kind: 'latency-above-gate' })));
    expect(shown.filter(Boolean)).toHaveLength(3);
    expect(shown[0]?.urgency).toBe('normal');
    expect(notifier.burstSummary()).toBeUndefined();
    now = 11_000;
    expect(notifier.burstSummary()).toMatchObject({ title: '2 more alerts' });
    expect(notifier.burstSummary()).toBeUndefined();
  });
});
