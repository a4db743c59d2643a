// The traffic track's renderer part: its tab ("Traffic"), its stack-panel section, the words of its runbook action
// and journal kind, its events owned and no other track's, and its monitor's data clock. That the list composes it
// with the core UI (one id, a tab of its own, no step type or journal kind without words) is
// renderer/src/tracks/tracks.test.ts's.
import { describe, expect, it } from 'vitest';
import { TRAFFIC_ACTION_TYPES } from '../../../../common/tracks/traffic';
import { OPERATION_KINDS } from '../../../../main/journal/entry';
import { trackJournalKind, trackStepLabel } from '../../seam/contributions';
import { trafficMonitor } from './traffic-fixtures';
import { NO_TRAFFIC } from './slice';
import { trafficUi } from './ui';

describe('the traffic track in the renderer', () => {
  it('has its Traffic tab and its stack-panel section', () => {
    expect(trafficUi.id).toBe('traffic');
    expect(trafficUi.tab?.view).toBe('traffic');
    expect(trafficUi.tab?.label).toBe('Traffic');
    expect(trafficUi.stackSection).toBeDefined();
  });

  it('says its runbook action and journal kinds in words', () => {
    for (const type of TRAFFIC_ACTION_TYPES) expect(trackStepLabel([trafficUi], type), type).toBe('Shift traffic to AWS step by step');
    expect(OPERATION_KINDS.filter((kind) => kind.startsWith('traffic-')).map((kind) => [kind, trackJournalKind([trafficUi], kind)])).toEqual([
      ['traffic-operator', 'Operator action on a traffic shift'],
      ['traffic-shift', 'Traffic shift: its record at a step’s decision'],
    ]);
  });

  it("owns the traffic.* events only, and reports its monitor's data clock", () => {
    expect(trafficUi.owns({ type: 'traffic.services', services: [] })).toBe(true);
    expect(trafficUi.owns({ type: 'schedules.jobs', jobs: [] })).toBe(false);
    expect(trafficUi.dataClock?.(NO_TRAFFIC)).toBeNull();
    expect(trafficUi.dataClock?.({ ...NO_TRAFFIC, monitor: trafficMonitor(10) })).toEqual(trafficMonitor(10).dataClock);
  });
});
