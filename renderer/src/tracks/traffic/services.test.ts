// Which services the Traffic tab shows in what order: the plan's waves in order (a wave with a shift and no service
// view too), each wave's services in its stacks' order, then waves the plan does not know and services in no wave;
// the shift of a service only when it moves the service.
import { describe, expect, it } from 'vitest';
import { demoLike } from '../../store/test-fixtures';
import { groupServices, servicesOfStack, shiftOfService, stackName, waveTitle } from './services';
import { api, billing, runningShift, serviceView, shop } from './traffic-fixtures';

describe('the services by wave', () => {
  it("orders waves as the plan does and services as their wave's stacks, then unknown waves and no wave", () => {
    const { plan } = demoLike();
    const loose = serviceView('apps/loose', 'loose.example.com', null);
    const stray = serviceView('apps/stray', 'stray.example.com', 'w9');
    const groups = groupServices(plan, [loose, billing, api, stray, shop], { w1: runningShift });
    expect(groups.map((group) => [group.waveId, group.services.map((service) => service.stackId), group.shift?.waveId ?? null])).toEqual([
      ['w1', ['apps/app1', 'apps/app2'], 'w1'],
      ['w2', ['apps/app3'], null],
      ['w9', ['apps/stray'], null],
      [null, ['apps/loose'], null],
    ]);
    expect(groups.map(waveTitle)).toEqual(['Pilot', 'Finance', 'Wave w9', 'In no wave']);
  });

  it('keeps a wave whose shift runs while the monitor reports none of its services', () => {
    const groups = groupServices(demoLike().plan, [], { w1: runningShift });
    expect(groups.map((group) => [group.waveId, group.services.length, group.shift !== null])).toEqual([['w1', 0, true]]);
    expect(groupServices(null, [], {})).toEqual([]);
  });

  it("gives a stack's service, its name, and the shift that moves it", () => {
    const { plan } = demoLike();
    expect(servicesOfStack([shop, api], 'apps/app2')).toEqual([api]);
    expect(stackName(plan, 'apps/app2')).toBe('app2');
    expect(stackName(plan, 'apps/gone')).toBe('apps/gone');
    expect(shiftOfService({ w1: runningShift }, api)).toBe(runningShift);
    // In the wave, not in its shift (added to the plan after the shift started): not moved by it.
    expect(shiftOfService({ w1: runningShift }, serviceView('apps/late', 'late.example.com', 'w1'))).toBeNull();
    expect(shiftOfService({ w1: runningShift }, billing)).toBeNull();
  });
});
