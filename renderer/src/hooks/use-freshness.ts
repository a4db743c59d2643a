// What "current" means for DMS values right now: the time (ticking every second), the monitor's polling interval
// and whether the event stream is up. Components pass it to freshnessOf().
import { useMemo } from 'react';
import type { FreshnessContext } from '../lib/replication';
import { useCockpit } from '../store/context';
import { useNow } from './use-now';

export function useFreshnessContext(): FreshnessContext {
  const now = useNow(true);
  const intervalSeconds = useCockpit((state) => state.dms.monitor?.intervalSeconds ?? null);
  const connected = useCockpit((state) => state.connection === 'connected');
  return useMemo(() => ({ now, intervalSeconds, connected }), [now, intervalSeconds, connected]);
}
