// The Traffic tab (TrackUi.tab): the slice and actions from the store, drawn by the pure TrafficBoard; opened from a
// stack's panel, it brings that stack's service into view.
import { useEffect } from 'react';
import type { PlanView } from '../../../../../main/api/contract';
import { useTraffic, useTrafficActions, type TrafficSlice } from '../slice';
import { TrafficBoard } from './TrafficBoard';

export function TrafficView({ plan }: { plan: PlanView | null }) {
  const slice = useTraffic(whole);
  const actions = useTrafficActions();
  const focus = slice.focusStackId;
  useEffect(() => {
    if (focus === null) return;
    const service = document.querySelector(`[data-traffic-stack="${CSS.escape(focus)}"]`);
    service?.scrollIntoView({ block: 'start' });
  }, [focus]);
  return <TrafficBoard plan={plan} slice={slice} actions={actions} />;
}

const whole = (slice: TrafficSlice) => slice;
