import { describe, expect, it } from 'vitest';
import type { AlertView } from '../contract-views';
import { AlertBook, type AlertCondition } from './alerts';

const latency = (streak?: number): AlertCondition => ({
  kind: 'latency-above-gate',
  severity: 'warning',
  taskKey: 'a/b#0',
  stackId: 'a/b',
  waveId: 'wave-1',
  message: 'latency high',
  ...(streak !== undefined ? { streak } : {}),
});
const failed: AlertCondition = { kind: 'task-failed', severity: 'critical', taskKey: 'a/b#0', stackId: 'a/b', waveId: 'wave-1', message: 'failed' };

function book() {
  const emitted: AlertView[] = [];
  let now = 0;
  const alerts = new AlertBook(
    (alert) => emitted.push(alert),
    {},
    () => (now += 1000),
  );
  return { alerts, emitted };
}

describe('alerts', () => {
  it('raises only after the condition held for the debounce count, and only once', () => {
    const { alerts, emitted } = book();
    alerts.evaluate([latency()]);
    alerts.evaluate([latency()]);
    expect(emitted).toHaveLength(0);
    alerts.evaluate([latency()]);
    alerts.evaluate([latency()]);
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({ kind: 'latency-above-gate', clearedAt: null, acknowledgedAt: null });
  });

  it('counts samples when the caller does (latency above for N consecutive samples)', () => {
    const { alerts, emitted } = book();
    alerts.evaluate([latency(3)]);
    expect(emitted).toHaveLength(1);
  });

  it('does not raise on a flapping condition and clears only after it stays away', () => {
    const { alerts, emitted } = book();
    for (let i = 0; i < 6; i++) alerts.evaluate(i % 2 === 0 ? [latency()] : []);
    expect(emitted).toHaveLength(0);
    alerts.evaluate([failed]);
    expect(emitted.map((a) => a.kind)).toEqual(['task-failed']);
    alerts.evaluate([]);
    expect(emitted).toHaveLength(1);
    alerts.evaluate([]);
    expect(emitted).toHaveLength(2);
    expect(emitted[1]!.clearedAt).not.toBeNull();
    expect(alerts.list()).toHaveLength(1); // cleared but not acknowledged: still listed
  });

  it('keeps an alert listed until it is cleared and acknowledged, then a new occurrence is a new alert', () => {
    const { alerts, emitted } = book();
    alerts.evaluate([failed]);
    const id = emitted[0]!.id;
    expect(alerts.acknowledge(id)!.acknowledgedAt).not.toBeNull();
    expect(alerts.list()).toHaveLength(1);
    alerts.evaluate([]);
    alerts.evaluate([]);
    expect(alerts.list()).toHaveLength(0);
    alerts.evaluate([failed]);
    expect(emitted.at(-1)!.id).not.toBe(id);
    expect(alerts.acknowledge('nope')).toBeUndefined();
  });

  it('leaves conditions outside the evaluated scope alone (stale tasks neither raise nor clear)', () => {
    const { alerts, emitted } = book();
    alerts.evaluate([failed]);
    for (let i = 0; i < 5; i++) alerts.evaluate([], () => false);
    expect(emitted).toHaveLength(1);
    expect(alerts.list()[0]!.clearedAt).toBeNull();
  });
});
