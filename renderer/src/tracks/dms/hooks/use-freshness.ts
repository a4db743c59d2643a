// What "current" means for DMS values right now: the wall time (ticking every second), the data clock's time and
// rate (an accelerated rehearsal runs ahead of the wall clock), the monitor's polling interval and last cycle, and
// whether the event stream is up. Components pass it to freshnessOf() and valueReading().
import { useMemo } from 'react';
import type { DataClockView } from '../../../../../main/api/contract';
import { dataNow } from '../../../lib/readiness';
import type { FreshnessContext } from '../lib/replication';
import { useCockpit } from '../../../store/context';
import { useNow } from '../../../hooks/use-now';
import { useDms } from '../slice';

export function useFreshnessContext(): FreshnessContext {
  const now = useNow(true);
  const intervalSeconds = useDms((slice) => slice.dms.monitor?.intervalSeconds ?? null);
  const clock = useDms((slice) => slice.dms.monitor?.dataClock ?? null);
  const lastCycle = useDms((slice) => slice.dms.monitor?.lastCycleAt ?? null);
  const connected = useCockpit((state) => state.connection === 'connected');
  return useMemo(() => {
    const cycleAt = lastCycle ? Date.parse(lastCycle) : NaN;
    return {
      now,
      dataNow: dataNow(clock, now),
      rate: clock && clock.rate > 0 ? clock.rate : 1,
      intervalSeconds,
      connected,
      lastCycleAt: Number.isFinite(cycleAt) ? cycleAt : null,
    };
  }, [now, clock, lastCycle, intervalSeconds, connected]);
}

/**
 * The data clock as far as labelling its times goes (lib/readiness.ts formatDataTime): only its rate, so a component
 * using it re-renders when the rate changes, not on every monitor cycle.
 */
export function useDataClockRate(): Pick<DataClockView, 'rate'> | null {
  const rate = useDms((slice) => slice.dms.monitor?.dataClock?.rate ?? null);
  return useMemo(() => (rate === null ? null : { rate }), [rate]);
}
