// The track's fixtures are views the core could send: each parses with the contract's schemas (services, shifts,
// the snapshot, the events), so a change of the contract breaks here before it breaks the views' tests silently.
import { describe, expect, it } from 'vitest';
import { CockpitEventSchema } from '../../../../main/api/contract';
import { ServiceViewSchema, ShiftViewSchema, TrafficSnapshotSchema } from '../../../../main/tracks/traffic/contract';
import { abortedShift, failedShift, runningShift, SERVICES, trafficMonitor } from './traffic-fixtures';

describe('the traffic fixtures', () => {
  it('are views the contract accepts', () => {
    for (const service of SERVICES) expect(ServiceViewSchema.parse(service), service.stackId).toEqual(service);
    for (const shift of [runningShift, abortedShift, failedShift]) expect(ShiftViewSchema.parse(shift), shift.state).toEqual(shift);
    const snapshot = { monitor: trafficMonitor(10), services: [...SERVICES], shifts: [runningShift] };
    expect(TrafficSnapshotSchema.parse(snapshot)).toEqual(snapshot);
  });

  it('are events the core could send', () => {
    for (const event of [
      { type: 'traffic.services', services: [...SERVICES] },
      { type: 'traffic.shift', shift: abortedShift },
      { type: 'traffic.monitor', monitor: trafficMonitor() },
    ])
      expect(CockpitEventSchema.parse(event)).toEqual(event);
  });

  it('keep an hour of minutes per deployed service, oldest first, and the data center unmeasured on the Route 53 split', () => {
    const [shop, api] = SERVICES;
    expect(shop!.minutes).toHaveLength(60);
    expect(shop!.minutes.every((minute) => minute.dc === null)).toBe(true);
    expect(api!.minutes.every((minute) => minute.dc !== null)).toBe(true);
    expect(shop!.minutes.map((minute) => minute.at)).toEqual([...shop!.minutes.map((minute) => minute.at)].sort());
  });
});
